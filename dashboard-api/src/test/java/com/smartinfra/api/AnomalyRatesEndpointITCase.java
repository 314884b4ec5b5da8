package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /anomaly-rates} over points in the job's {@code anomaly_rate} schema. */
class AnomalyRatesEndpointITCase {
    /** 2025-06-24T16:30:00Z */
    private static final long T0 = 1_750_782_600_000L;

    private static final long MINUTE = 60_000L;
    private static DashboardApi api;

    @BeforeAll
    static void writeAndStart() {
        String db = InfluxDbTestServer.createDatabase("rates");
        InfluxDbTestServer.write(
                db,
                List.of(
                        TestInflux.rate(
                                "web-01",
                                "1m",
                                T0,
                                4,
                                new long[] {2, 0, 1},
                                new long[] {1, 0, 0},
                                1,
                                true,
                                720_000,
                                12),
                        TestInflux.rate(
                                "web-01",
                                "15m",
                                T0,
                                60,
                                new long[] {3, 0, 0},
                                new long[] {0, 0, 0},
                                3,
                                null,
                                -1,
                                -1),
                        TestInflux.rate(
                                "db-01",
                                "15m",
                                T0 + 15 * MINUTE,
                                0,
                                new long[3],
                                new long[3],
                                0,
                                null,
                                -1,
                                -1)));
        api = TestInflux.start(db, T0 + 60 * MINUTE);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void answersEveryCountRatePerMetricAndTheLearningStatus() {
        HttpResponse<String> r = get(api, "/anomaly-rates?host=web-01&window=1m");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(
                        "{\"rates\":[{\"host\":\"web-01\",\"window\":\"1m\","
                                + "\"start\":\"2025-06-24T16:30:00Z\",\"end\":\"2025-06-24T16:31:00Z\","
                                + "\"samples\":4,\"anomalies\":2,\"rate\":0.5,"
                                + "\"rule_anomalies\":1,\"model_anomalies\":1,"
                                + "\"cpu\":{\"anomalies\":2,\"rule_anomalies\":1,\"rate\":0.5},"
                                + "\"memory\":{\"anomalies\":0,\"rule_anomalies\":0,\"rate\":0.0},"
                                + "\"disk\":{\"anomalies\":1,\"rule_anomalies\":0,\"rate\":0.25},"
                                + "\"learning\":true,\"learning_left_ms\":720000,"
                                + "\"learning_samples_left\":12}]}");
    }

    @Test
    void quarterHoursOfEveryHostOldestFirstAndNoRateWithoutSamples() {
        JsonNode rates = json(get(api, "/anomaly-rates?window=15m")).get("rates");

        assertThat(rates.findValuesAsText("host")).containsExactly("web-01", "db-01");
        assertThat(rates.get(0).get("end").asText()).isEqualTo("2025-06-24T16:45:00Z");
        assertThat(rates.get(0).get("rate").asDouble()).isEqualTo(0.05);
        assertThat(rates.get(0).has("learning")).isFalse();
        assertThat(rates.get(1).get("rate").isNull()).isTrue();
        assertThat(rates.get(1).get("cpu").get("rate").isNull()).isTrue();
    }

    @Test
    void filtersByTimeAndLimits() {
        assertThat(json(get(api, "/anomaly-rates")).get("rates")).hasSize(3);
        assertThat(get(api, "/anomaly-rates?since=10m").body()).isEqualTo("{\"rates\":[]}");
        assertThat(json(get(api, "/anomaly-rates?limit=1")).get("rates").findValuesAsText("start"))
                .containsExactly("2025-06-24T16:45:00Z");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "window=5m",
                "window=1m'",
                "window=",
                "host=web_01%27",
                "limit=0",
                "limit=50001",
                "since=2h&until=3h",
                "metric=cpu"
            })
    void badQueriesAnswer400(String query) {
        HttpResponse<String> r = get(api, "/anomaly-rates?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isNotBlank();
    }
}
