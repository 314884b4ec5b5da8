package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /alerts} over points written in the job's {@code alerts} schema. */
class AlertsEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long T0 = 1_750_783_320_000L;

    private static final long NOW = T0 + 3_600_000L;
    private static final double NONE = Double.NaN;
    private static DashboardApi api;

    @BeforeAll
    static void writeAndStart() {
        String db = InfluxDbTestServer.createDatabase("alerts");
        InfluxDbTestServer.write(
                db,
                List.of(
                        alert(
                                "web-01",
                                "cpu",
                                T0 + 10_000,
                                0,
                                "web-01#1",
                                "firing",
                                "critical",
                                "sent",
                                true,
                                false,
                                false,
                                1,
                                92.3,
                                85,
                                92.3,
                                "cpu 92.3% above its limit 85% \"hot\""),
                        alert(
                                "web-01",
                                "cpu",
                                T0 + 120_000,
                                2,
                                "web-01#2",
                                "resolved",
                                "critical",
                                "silenced",
                                false,
                                true,
                                false,
                                0,
                                NONE,
                                NONE,
                                NONE,
                                null),
                        alert(
                                "db-01",
                                "nodata",
                                T0 + 200_000,
                                0,
                                "db-01#1",
                                "firing",
                                "critical",
                                "pending",
                                false,
                                false,
                                false,
                                0,
                                NONE,
                                NONE,
                                NONE,
                                "no data for 2 min"),
                        alert(
                                "web-02",
                                "model",
                                T0 + 300_000,
                                0,
                                "web-02#1",
                                "flapping",
                                "warning",
                                "not-configured",
                                false,
                                false,
                                true,
                                0,
                                NONE,
                                0.62,
                                0.71,
                                "unusual"),
                        // older than the default 24 hours
                        alert(
                                "web-01",
                                "disk",
                                NOW - 25 * 3_600_000L,
                                0,
                                "web-01#0",
                                "firing",
                                "critical",
                                "sent",
                                true,
                                false,
                                false,
                                3,
                                96,
                                95,
                                96,
                                "old")));
        api = TestInflux.start(db, NOW);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** A point exactly as the job's InfluxDB alerts sink writes it. */
    private static String alert(
            String host,
            String cause,
            long time,
            int sequence,
            String messageId,
            String kind,
            String severity,
            String status,
            boolean delivered,
            boolean silenced,
            boolean flapping,
            int attempts,
            double value,
            double threshold,
            double score,
            String explanation) {
        long since = "nodata".equals(cause) ? time : T0 + 10_000;
        return InfluxSchema.appendAlert(
                        new StringBuilder(),
                        host,
                        cause,
                        time,
                        host + "|" + cause + "|" + since + "|" + sequence,
                        messageId,
                        kind,
                        severity,
                        status,
                        delivered,
                        silenced,
                        flapping,
                        attempts,
                        since,
                        value,
                        threshold,
                        score,
                        explanation)
                .toString();
    }

    private static List<String> ids(String pathAndQuery) {
        HttpResponse<String> r = get(api, pathAndQuery);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode root = json(r);
        assertThat(root.size()).isEqualTo(1);
        List<String> ids = new ArrayList<>();
        for (JsonNode a : root.get("alerts")) {
            ids.add(a.get("id").asText());
        }
        return ids;
    }

    @Test
    void answersEveryColumnTheJobWritesNewestFirst() throws Exception {
        HttpResponse<String> r = get(api, "/alerts");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode alerts = json(r).get("alerts");

        assertThat(ids("/alerts"))
                .containsExactly(
                        "web-02|model|1750783330000|0",
                        "db-01|nodata|1750783520000|0",
                        "web-01|cpu|1750783330000|2",
                        "web-01|cpu|1750783330000|0");
        ObjectMapper m = new ObjectMapper();
        assertThat(alerts.get(3))
                .isEqualTo(
                        m.readTree(
                                "{\"id\":\"web-01|cpu|1750783330000|0\",\"host\":\"web-01\","
                                        + "\"cause\":\"cpu\",\"message_id\":\"web-01#1\","
                                        + "\"kind\":\"firing\",\"state\":\"firing\","
                                        + "\"severity\":\"critical\",\"status\":\"sent\","
                                        + "\"delivered\":true,\"silenced\":false,"
                                        + "\"flapping\":false,\"attempts\":1,"
                                        + "\"since\":\"2025-06-24T16:42:10Z\",\"value\":92.3,"
                                        + "\"threshold\":85.0,\"score\":92.3,"
                                        + "\"explanation\":\"cpu 92.3% above its limit 85%"
                                        + " \\\"hot\\\"\","
                                        + "\"timestamp\":\"2025-06-24T16:42:10Z\"}"));
        // a resolved, silenced notification without values: those fields are left out
        assertThat(alerts.get(2))
                .isEqualTo(
                        m.readTree(
                                "{\"id\":\"web-01|cpu|1750783330000|2\",\"host\":\"web-01\","
                                        + "\"cause\":\"cpu\",\"message_id\":\"web-01#2\","
                                        + "\"kind\":\"resolved\",\"state\":\"resolved\","
                                        + "\"severity\":\"critical\",\"status\":\"silenced\","
                                        + "\"delivered\":false,\"silenced\":true,"
                                        + "\"flapping\":false,\"attempts\":0,"
                                        + "\"since\":\"2025-06-24T16:42:10Z\","
                                        + "\"timestamp\":\"2025-06-24T16:44:00Z\"}"));
        assertThat(alerts.get(0).get("flapping").asBoolean()).isTrue();
        assertThat(alerts.get(0).get("state").asText()).isEqualTo("firing");
        assertThat(alerts.get(0).has("value")).isFalse();
        assertThat(alerts.get(0).get("score").asDouble()).isEqualTo(0.71);
    }

    @Test
    void filtersByHostCauseStateStatusWindowAndLimit() {
        assertThat(ids("/alerts?host=web-01"))
                .containsExactly("web-01|cpu|1750783330000|2", "web-01|cpu|1750783330000|0");
        assertThat(ids("/alerts?cause=nodata")).containsExactly("db-01|nodata|1750783520000|0");
        assertThat(ids("/alerts?state=resolved")).containsExactly("web-01|cpu|1750783330000|2");
        assertThat(ids("/alerts?state=firing&host=web-01"))
                .containsExactly("web-01|cpu|1750783330000|0");
        assertThat(ids("/alerts?status=not-configured"))
                .containsExactly("web-02|model|1750783330000|0");
        assertThat(ids("/alerts?status=pending&cause=nodata&host=db-01")).hasSize(1);
        assertThat(ids("/alerts?host=web-03")).isEmpty();
        assertThat(ids("/alerts?since=30h"))
                .hasSize(5)
                .last()
                .isEqualTo("web-01|disk|1750783330000|0");
        assertThat(ids("/alerts?until=2025-06-24T16:44:00Z"))
                .containsExactly("web-01|cpu|1750783330000|0");
        assertThat(ids("/alerts?limit=1")).containsExactly("web-02|model|1750783330000|0");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = ';',
            value = {
                "state=open; state must be firing|resolved, was 'open'",
                "status=lost; status must be sent|pending|silenced|not-configured|rejected|dropped",
                "cause=a%27b; cause must match [A-Za-z0-9._-]{1,64}",
                "host=a%20b; host must match",
                "limit=0; limit must be an integer from 1 to 50000",
                "reason=cpu; unknown parameter 'reason'",
                "state=firing&state=resolved; give state at most once",
                "since=now&until=1h; since must be before until"
            })
    void refusesBadParametersSayingWhy(String query, String reason) {
        HttpResponse<String> r = get(api, "/alerts?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).startsWith(reason);
    }
}
