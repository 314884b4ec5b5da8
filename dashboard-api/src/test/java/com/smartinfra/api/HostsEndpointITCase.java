package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /hosts}: newest sample, state and recent anomalies of every host. */
class HostsEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final long MIN = 60_000L;
    private static DashboardApi api;

    @BeforeAll
    static void writeAndStart() {
        String db = InfluxDbTestServer.createDatabase("hosts");
        InfluxDbTestServer.write(
                db,
                List.of(
                        TestInflux.sample(new Sample("web-01", NOW - 5 * MIN, 10, 20, 30)),
                        TestInflux.sample(new Sample("web-01", NOW - 10_000, 91.5, 22, 31)),
                        TestInflux.sample(new Sample("db-01", NOW - 10 * MIN, 40, 50, 60)),
                        TestInflux.sample(new Sample("web-02", NOW - 30_000, 5, 6, 7)),
                        TestInflux.sample(new Sample("old-01", NOW - 8 * 24 * 60 * MIN, 1, 1, 1)),
                        // web-01: anomalous (2 min ago), 3 in the last hour
                        TestInflux.anomaly(
                                "web-01", NOW - 2 * MIN, 91.5, 22, 31, "cpu>85", 91.5, 85, 0, "x"),
                        TestInflux.anomaly(
                                "web-01", NOW - 50 * MIN, 88, 22, 31, "cpu>85", 88, 85, 0, "x"),
                        TestInflux.anomaly(
                                "web-01", NOW - 51 * MIN, 12, 22, 31, "model", 0.8, 0.6, 1, "x"),
                        // db-01: only an anomaly two hours ago; silent for 10 minutes
                        TestInflux.anomaly(
                                "db-01", NOW - 120 * MIN, 40, 50, 60, "model", 0.8, 0.6, 1, "x"),
                        // web-02: an anomaly 10 minutes ago: counted, but ok again
                        TestInflux.anomaly(
                                "web-02", NOW - 10 * MIN, 5, 6, 7, "model", 0.8, 0.6, 1, "x")));
        api = TestInflux.start(db, NOW);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void listsEveryHostSeenInTheLastWeekWithStateAndAnomalies() {
        HttpResponse<String> r = get(api, "/hosts");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body())
                .isEqualTo(
                        "{\"hosts\":["
                                + "{\"host\":\"db-01\",\"last_seen\":\"2025-06-24T16:32:00Z\","
                                + "\"cpu\":40.0,\"memory\":50.0,\"disk\":60.0,\"state\":\"silent\","
                                + "\"anomalies_last_hour\":0,\"last_anomaly\":null},"
                                + "{\"host\":\"web-01\",\"last_seen\":\"2025-06-24T16:41:50Z\","
                                + "\"cpu\":91.5,\"memory\":22.0,\"disk\":31.0,"
                                + "\"state\":\"anomalous\",\"anomalies_last_hour\":3,"
                                + "\"last_anomaly\":\"2025-06-24T16:40:00Z\"},"
                                + "{\"host\":\"web-02\",\"last_seen\":\"2025-06-24T16:41:30Z\","
                                + "\"cpu\":5.0,\"memory\":6.0,\"disk\":7.0,\"state\":\"ok\","
                                + "\"anomalies_last_hour\":1,"
                                + "\"last_anomaly\":\"2025-06-24T16:32:00Z\"}]}");
    }

    @Test
    void sinceWidensTheLookback() {
        HttpResponse<String> r = get(api, "/hosts?since=30d");

        assertThat(json(r).get("hosts").findValuesAsText("host"))
                .containsExactly("db-01", "old-01", "web-01", "web-02");
        assertThat(json(r).get("hosts").get(1).get("state").asText()).isEqualTo("silent");
    }

    @Test
    void noHostsIsAnEmptyList() {
        assertThat(get(api, "/hosts?since=1s").body()).isEqualTo("{\"hosts\":[]}");
    }

    @Test
    void refusesUnknownAndBadParameters() {
        assertThat(get(api, "/hosts?host=web-01").statusCode()).isEqualTo(400);
        assertThat(get(api, "/hosts?since=tomorrow").statusCode()).isEqualTo(400);
        assertThat(json(get(api, "/hosts?since=")).get("error").asText())
                .isEqualTo("since is empty");
    }
}
