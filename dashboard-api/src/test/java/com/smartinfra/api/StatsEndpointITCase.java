package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /stats} over points in the job's {@code host_stats} schema. */
class StatsEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long T0 = 1_750_783_320_000L;

    private static DashboardApi api;

    private static String stats(String host, String window, long start, long count, double base) {
        double[] mean = {base, base + 1, base + 2};
        double[] min = {base - 5, base - 4, base - 3};
        double[] max = {base + 5, base + 6, base + 7};
        double[] stddev = {2.5, 0.5, 0};
        double[] p95 = {base + 4.5, base + 5.5, base + 6.5};
        return InfluxSchema.appendHostStats(
                        new StringBuilder(),
                        host,
                        window,
                        start,
                        count,
                        mean,
                        min,
                        max,
                        stddev,
                        p95)
                .toString();
    }

    @BeforeAll
    static void writeAndStart() {
        String db = InfluxDbTestServer.createDatabase("stats");
        InfluxDbTestServer.write(
                db,
                List.of(
                        stats("web-01", "1m", T0, 20, 10),
                        stats("web-01", "1m", T0 + 60_000, 19, 20),
                        stats("web-01", "15m", T0, 300, 15),
                        stats("db-01", "1m", T0, 12, 50)));
        api = TestInflux.start(db, T0 + 30 * 60_000);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void answersAHostsWindowsOldestFirstWithEveryStatistic() {
        HttpResponse<String> r = get(api, "/stats?host=web-01&window=1m");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.body())
                .isEqualTo(
                        "{\"stats\":["
                                + "{\"host\":\"web-01\",\"window\":\"1m\","
                                + "\"start\":\"2025-06-24T16:42:00Z\",\"end\":\"2025-06-24T16:43:00Z\","
                                + "\"count\":20,"
                                + "\"cpu\":{\"mean\":10.0,\"min\":5.0,\"max\":15.0,\"stddev\":2.5,\"p95\":14.5},"
                                + "\"memory\":{\"mean\":11.0,\"min\":6.0,\"max\":16.0,\"stddev\":0.5,\"p95\":15.5},"
                                + "\"disk\":{\"mean\":12.0,\"min\":7.0,\"max\":17.0,\"stddev\":0.0,\"p95\":16.5}},"
                                + "{\"host\":\"web-01\",\"window\":\"1m\","
                                + "\"start\":\"2025-06-24T16:43:00Z\",\"end\":\"2025-06-24T16:44:00Z\","
                                + "\"count\":19,"
                                + "\"cpu\":{\"mean\":20.0,\"min\":15.0,\"max\":25.0,\"stddev\":2.5,\"p95\":24.5},"
                                + "\"memory\":{\"mean\":21.0,\"min\":16.0,\"max\":26.0,\"stddev\":0.5,\"p95\":25.5},"
                                + "\"disk\":{\"mean\":22.0,\"min\":17.0,\"max\":27.0,\"stddev\":0.0,\"p95\":26.5}}]}");
    }

    @Test
    void everyWindowAndHostByDefault() {
        JsonNode stats = json(get(api, "/stats")).get("stats");

        assertThat(stats.findValuesAsText("host"))
                .containsExactly("db-01", "web-01", "web-01", "web-01");
        assertThat(stats.findValuesAsText("window")).containsExactly("1m", "15m", "1m", "1m");
        assertThat(stats.get(1).get("end").asText()).isEqualTo("2025-06-24T16:57:00Z");
        assertThat(stats.get(1).get("count").asLong()).isEqualTo(300);
    }

    @Test
    void filtersByWindowAndTime() {
        assertThat(json(get(api, "/stats?window=15m")).get("stats").findValuesAsText("window"))
                .containsExactly("15m");
        assertThat(
                        json(get(api, "/stats?since=" + (T0 + 1) + "&host=web-01"))
                                .get("stats")
                                .findValuesAsText("start"))
                .containsExactly("2025-06-24T16:43:00Z");
        assertThat(get(api, "/stats?since=10m").body()).isEqualTo("{\"stats\":[]}");
        assertThat(json(get(api, "/stats?limit=1")).get("stats").findValuesAsText("start"))
                .containsExactly("2025-06-24T16:43:00Z");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "window=1x",
                "window=1m'",
                "window=",
                "host=web_01%27",
                "limit=-3",
                "since=2h&until=3h",
                "metric=cpu"
            })
    void badQueriesAnswer400(String query) {
        HttpResponse<String> r = get(api, "/stats?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isNotBlank();
    }
}
