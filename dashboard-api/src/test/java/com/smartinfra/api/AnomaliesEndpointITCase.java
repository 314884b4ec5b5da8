package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /anomalies} over points written in the job's {@code anomalies} schema. */
class AnomaliesEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long T0 = 1_750_783_320_000L;

    private static final long NOW = T0 + 3_600_000L;
    private static DashboardApi api;

    @BeforeAll
    static void writeAndStart() {
        String db = InfluxDbTestServer.createDatabase("anomalies");
        InfluxDbTestServer.write(
                db,
                List.of(
                        TestInflux.anomaly(
                                "web-01",
                                T0 + 10_000,
                                92,
                                40,
                                50,
                                "cpu>85",
                                92,
                                85,
                                0,
                                "cpu 92.0 % above the 85 % limit"),
                        TestInflux.anomaly(
                                "web-01",
                                T0 + 20_000,
                                80.5,
                                41.25,
                                50,
                                "model",
                                0.71,
                                0.62,
                                3,
                                "cpu 80.5 % outside its usual 10–30 %, \"memory\" normal"),
                        TestInflux.anomaly(
                                "db-01",
                                T0 + 30_000,
                                97,
                                60,
                                96.5,
                                "cpu>85,disk>95",
                                97,
                                85,
                                2,
                                "cpu and disk above their limits"),
                        TestInflux.anomaly(
                                "web-02", T0 + 40_000, 30, 30, 30, "cpu_steal>5", 7, 5, 0, "steal"),
                        // older than the default 30 hours
                        TestInflux.anomaly(
                                "db-01",
                                NOW - 31 * 3_600_000L,
                                99,
                                99,
                                99,
                                "cpu>85",
                                99,
                                85,
                                0,
                                "old")));
        api = TestInflux.start(db, NOW);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static List<String> keys(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode root = json(r);
        assertThat(root.size()).isEqualTo(1);
        List<String> out = new ArrayList<>();
        for (JsonNode a : root.get("anomalies")) {
            out.add(a.get("host").asText() + "@" + (a.get("timestamp").asText()));
        }
        return out;
    }

    @Test
    void answersTheLast30HoursNewestFirstWithEveryField() throws Exception {
        HttpResponse<String> r = get(api, "/anomalies");

        assertThat(keys(r))
                .containsExactly(
                        "web-02@2025-06-24T16:42:40Z",
                        "db-01@2025-06-24T16:42:30Z",
                        "web-01@2025-06-24T16:42:20Z",
                        "web-01@2025-06-24T16:42:10Z");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode model = json(r).get("anomalies").get(2);
        assertThat(model.toString())
                .isEqualTo(
                        "{\"host\":\"web-01\",\"timestamp\":\"2025-06-24T16:42:20Z\",\"cpu\":80.5,"
                                + "\"memory\":41.25,\"disk\":50.0,\"reason\":\"model\","
                                + "\"score\":0.71,\"threshold\":0.62,\"model_version\":3,"
                                + "\"explanation\":\"cpu 80.5 % outside its usual 10–30 %,"
                                + " \\\"memory\\\" normal\"}");
    }

    @Test
    void filtersByHost() {
        assertThat(keys(get(api, "/anomalies?host=web-01")))
                .containsExactly("web-01@2025-06-24T16:42:20Z", "web-01@2025-06-24T16:42:10Z");
    }

    @Test
    void filtersByReasonAsRuleMetricOrModel() {
        assertThat(keys(get(api, "/anomalies?reason=" + enc("cpu>85"))))
                .containsExactly("db-01@2025-06-24T16:42:30Z", "web-01@2025-06-24T16:42:10Z");
        // a metric matches its rules, not another metric that starts alike (cpu_steal)
        assertThat(keys(get(api, "/anomalies?reason=cpu")))
                .containsExactly("db-01@2025-06-24T16:42:30Z", "web-01@2025-06-24T16:42:10Z");
        assertThat(keys(get(api, "/anomalies?reason=" + enc("disk>95"))))
                .containsExactly("db-01@2025-06-24T16:42:30Z");
        assertThat(keys(get(api, "/anomalies?reason=model")))
                .containsExactly("web-01@2025-06-24T16:42:20Z");
        // '.' is literal, not a regular-expression wildcard standing for '>'
        assertThat(keys(get(api, "/anomalies?reason=cpu.85"))).isEmpty();
    }

    @Test
    void filtersByTimeAndLimits() {
        assertThat(keys(get(api, "/anomalies?since=" + (T0 + 15_000) + "&until=" + (T0 + 30_000))))
                .containsExactly("web-01@2025-06-24T16:42:20Z");
        assertThat(keys(get(api, "/anomalies?since=2d&host=db-01")))
                .containsExactly("db-01@2025-06-24T16:42:30Z", "db-01@2025-06-23T10:42:00Z");
        assertThat(keys(get(api, "/anomalies?limit=1")))
                .containsExactly("web-02@2025-06-24T16:42:40Z");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "reason=cpu%2F.*",
                "reason=a'b",
                "reason=",
                "host=a%20b",
                "limit=0",
                "limit=50001",
                "since=1h&until=2h",
                "since=later",
                "explain=1",
            })
    void badQueriesAnswer400(String query) {
        HttpResponse<String> r = get(api, "/anomalies?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isNotBlank();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
