package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /fleet} over points in the job's {@code anomaly_rate} and {@code alerts} schemas, on a
 * fixed clock: which rows count as now, how severity comes from rules, the model and firing alerts,
 * and the order.
 */
class FleetEndpointITCase {
    /** 2025-06-24T17:30:00Z */
    private static final long NOW = 1_750_786_200_000L;

    private static final long MINUTE = 60_000L;
    private static final long DAY = 24 * 60 * MINUTE;
    private static final long[] NONE = new long[3];
    private static DashboardApi api;

    private static String minute(String host, long ago, long samples, long[] metric, long[] rule) {
        long rules = rule[0] + rule[1] + rule[2];
        long metricTotal = metric[0] + metric[1] + metric[2];
        return TestInflux.rate(
                host,
                "1m",
                NOW - ago * MINUTE,
                samples,
                metric,
                rule,
                metricTotal - rules,
                false,
                0,
                0);
    }

    @BeforeAll
    static void writeAndStart() {
        List<String> lines = new ArrayList<>();
        // web-01: 13 minutes of 4 samples; cpu rule breaches at -10 and -5 min, the model named
        // memory at -3 min; an older burst outside the 15 minutes; a firing critical cpu alert
        for (long ago = 14; ago >= 2; ago--) {
            long[] cpu = ago == 10 || ago == 5 ? new long[] {1, 0, 0} : NONE;
            long[] memory = ago == 3 ? new long[] {0, 1, 0} : NONE;
            long[] metric = {cpu[0], memory[1], 0};
            lines.add(minute("web-01", ago, 4, metric, cpu));
        }
        lines.add(minute("web-01", 20, 4, new long[] {4, 0, 0}, new long[] {4, 0, 0}));
        lines.add(
                TestInflux.rate(
                        "web-01",
                        "24h",
                        NOW - 15 * MINUTE - DAY,
                        5000,
                        new long[] {40, 10, 0},
                        new long[] {30, 0, 0},
                        20,
                        null,
                        -1,
                        -1));
        lines.add(
                TestInflux.alert(
                        "web-01",
                        "cpu",
                        NOW - 10 * MINUTE,
                        NOW - 10 * MINUTE,
                        0,
                        "firing",
                        "critical",
                        "sent",
                        false,
                        false,
                        "cpu 97.0 % above the 85 % limit"));
        // db-01: the model named disk in half of its samples
        lines.add(minute("db-01", 4, 4, new long[] {0, 0, 2}, NONE));
        lines.add(minute("db-01", 3, 4, new long[] {0, 0, 2}, NONE));
        // cache-01: calm, still learning
        lines.add(
                TestInflux.rate(
                        "cache-01", "1m", NOW - 2 * MINUTE, 4, NONE, NONE, 0, true, 720_000, 12));
        // web-02: calm, one anomaly in its last day
        lines.add(minute("web-02", 2, 4, NONE, NONE));
        lines.add(
                TestInflux.rate(
                        "web-02",
                        "24h",
                        NOW - 15 * MINUTE - DAY,
                        1000,
                        new long[] {1, 0, 0},
                        NONE,
                        1,
                        null,
                        -1,
                        -1));
        // queue-01: silent, its no-data alert fires
        lines.add(
                TestInflux.alert(
                        "queue-01",
                        "nodata",
                        NOW - 30 * MINUTE,
                        NOW - 40 * MINUTE,
                        1,
                        "repeat",
                        "critical",
                        "sent",
                        false,
                        false,
                        "No data from queue-01 for 40 min"));
        // worker-01: a model alert fires (a warning), a memory alert fired and resolved; its
        // newest minute is older than 5 minutes
        lines.add(minute("worker-01", 6, 4, NONE, NONE));
        lines.add(
                TestInflux.alert(
                        "worker-01",
                        "model",
                        NOW - 3 * 60 * MINUTE,
                        NOW - 5 * 60 * MINUTE,
                        2,
                        "repeat",
                        "warning",
                        "silenced",
                        true,
                        true,
                        "memory 64.3 % — expected 55.9–62.2 %"));
        lines.add(
                TestInflux.alert(
                        "worker-01",
                        "memory",
                        NOW - 50 * MINUTE,
                        NOW - 60 * MINUTE,
                        0,
                        "firing",
                        "critical",
                        "sent",
                        false,
                        false,
                        "memory 95 % above the 90 % limit"));
        lines.add(
                TestInflux.alert(
                        "worker-01",
                        "memory",
                        NOW - 40 * MINUTE,
                        NOW - 60 * MINUTE,
                        1,
                        "resolved",
                        "critical",
                        "sent",
                        false,
                        false,
                        null));
        // gone-01: nothing recent enough to count
        lines.add(minute("gone-01", 30, 4, new long[] {4, 0, 0}, new long[] {4, 0, 0}));
        lines.add(
                TestInflux.rate(
                        "gone-01",
                        "24h",
                        NOW - 26 * 60 * MINUTE,
                        100,
                        new long[] {50, 0, 0},
                        new long[] {50, 0, 0},
                        0,
                        null,
                        -1,
                        -1));
        String db = InfluxDbTestServer.createDatabase("fleet");
        InfluxDbTestServer.write(db, lines);
        api = TestInflux.start(db, NOW);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void ranksMetricsBySeverityThenRate() {
        HttpResponse<String> r = get(api, "/fleet");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode fleet = json(r);
        assertThat(fleet.get("as_of").asText()).isEqualTo("2025-06-24T17:30:00Z");

        JsonNode metrics = fleet.get("metrics");
        List<String> order = new ArrayList<>();
        metrics.forEach(m -> order.add(m.get("host").asText() + " " + m.get("metric").asText()));
        assertThat(order).containsExactly("web-01 cpu", "db-01 disk", "web-01 memory");

        JsonNode cpu = metrics.get(0);
        assertThat(cpu.get("severity").asText()).isEqualTo("critical");
        assertThat(cpu.get("firing").asBoolean()).isTrue();
        assertThat(cpu.get("anomalies_15m").asLong()).isEqualTo(2);
        assertThat(cpu.get("samples_15m").asLong()).isEqualTo(52);
        assertThat(cpu.get("rate_15m").asDouble()).isCloseTo(2.0 / 52, Offset.offset(1e-12));
        assertThat(cpu.get("rate_1m").asDouble()).isZero();
        assertThat(cpu.get("rate_24h").asDouble()).isEqualTo(0.008);

        JsonNode disk = metrics.get(1);
        assertThat(disk.get("severity").asText()).isEqualTo("warning");
        assertThat(disk.get("firing").asBoolean()).isFalse();
        assertThat(disk.get("rate_15m").asDouble()).isEqualTo(0.5);
        assertThat(disk.get("rate_1m").asDouble()).isEqualTo(0.5);
        assertThat(disk.get("rate_24h").isNull()).isTrue();
    }

    @Test
    void ranksHostsBySeverityThenRateAndCarriesFiringCausesAndLearning() {
        JsonNode hosts = json(get(api, "/fleet")).get("hosts");
        List<String> order = new ArrayList<>();
        hosts.forEach(h -> order.add(h.get("host").asText()));
        // critical (a rate before none), warning (by rate), calm (by the day's rate): gone-01's
        // rows are too old to count
        assertThat(order)
                .containsExactly("web-01", "queue-01", "db-01", "worker-01", "web-02", "cache-01");

        JsonNode web = hosts.get(0);
        assertThat(web.get("severity").asText()).isEqualTo("critical");
        assertThat(web.get("firing").toString()).isEqualTo("[\"cpu\"]");
        assertThat(web.get("top_metric").asText()).isEqualTo("cpu");
        assertThat(web.get("anomalies_15m").asLong()).isEqualTo(3);
        assertThat(web.get("samples_15m").asLong()).isEqualTo(52);
        assertThat(web.get("rate_15m").asDouble()).isCloseTo(3.0 / 52, Offset.offset(1e-12));
        assertThat(web.get("rate_24h").asDouble()).isEqualTo(0.01);
        assertThat(web.get("learning").asBoolean()).isFalse();

        JsonNode queue = hosts.get(1);
        assertThat(queue.get("severity").asText()).isEqualTo("critical");
        assertThat(queue.get("firing").toString()).isEqualTo("[\"nodata\"]");
        assertThat(queue.get("top_metric").isNull()).isTrue();
        assertThat(queue.get("rate_15m").isNull()).isTrue();
        assertThat(queue.get("learning").isNull()).isTrue();

        JsonNode worker = hosts.get(3);
        assertThat(worker.get("severity").asText()).isEqualTo("warning");
        // the memory alert resolved: only the model's fires
        assertThat(worker.get("firing").toString()).isEqualTo("[\"model\"]");
        assertThat(worker.get("rate_15m").asDouble()).isZero();
        assertThat(worker.get("rate_1m").isNull()).as("newest minute older than 5 min").isTrue();

        JsonNode cache = hosts.get(5);
        assertThat(cache.get("severity").isNull()).isTrue();
        assertThat(cache.get("learning").asBoolean()).isTrue();
        assertThat(cache.get("learning_left_ms").asLong()).isEqualTo(720_000);
        assertThat(cache.get("learning_samples_left").asLong()).isEqualTo(12);
    }

    @Test
    void answersAtMostTheLimits() {
        JsonNode fleet = json(get(api, "/fleet?limit=1&host_limit=2"));
        assertThat(fleet.get("metrics")).hasSize(1);
        assertThat(fleet.get("hosts").findValuesAsText("host"))
                .containsExactly("web-01", "queue-01");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "limit=0",
                "limit=1001",
                "limit=1&limit=2",
                "host_limit=10001",
                "host_limit=x",
                "since=1h",
                "host=web-01"
            })
    void badQueriesAnswer400(String query) {
        HttpResponse<String> r = get(api, "/fleet?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isNotBlank();
    }
}
