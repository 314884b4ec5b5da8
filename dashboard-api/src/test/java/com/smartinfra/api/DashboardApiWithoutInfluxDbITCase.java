package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API pointed at a port where no InfluxDB listens: it starts, and says what is wrong. */
class DashboardApiWithoutInfluxDbITCase {
    private static DashboardApi api;
    private static String closedUrl;

    @BeforeAll
    static void start() throws Exception {
        closedUrl = "http://127.0.0.1:" + InfluxDbTestServer.freePorts(1).get(0);
        api = DashboardApi.start(config("0"));
    }

    private static ApiConfig config(String port) {
        return ApiConfig.from(
                Map.of(
                        "API_PORT", port,
                        "INFLUXDB_URL", closedUrl,
                        "INFLUXDB_TOKEN", "unused-token"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void healthAnswers503WithTheReason() {
        HttpResponse<String> r = get(api, "/health");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        assertThat(r.body())
                .isEqualTo(
                        "{\"status\":\"unavailable\",\"influxdb\":\"unreachable: connection"
                                + " refused\",\"kafka\":\"not configured\"}");
    }

    @Test
    void metricsAnswers503WithAJsonErrorAndNoDetails() {
        HttpResponse<String> r = get(api, "/metrics");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"error\":\"InfluxDB is unavailable\"}");
    }

    @Test
    void everyReadingEndpointAnswers503() {
        for (String path : new String[] {"/anomalies", "/hosts", "/stats?host=web-01"}) {
            HttpResponse<String> r = get(api, path);
            assertThat(r.statusCode()).as(path).isEqualTo(503);
            assertThat(r.body()).as(path).isEqualTo("{\"error\":\"InfluxDB is unavailable\"}");
        }
    }

    @Test
    void badInputIsStillA400() {
        assertThat(get(api, "/metrics?limit=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void thePageStillLoads() {
        assertThat(get(api, "/").statusCode()).isEqualTo(200);
    }

    @Test
    void aTakenPortStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> DashboardApi.start(config(Integer.toString(api.port()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + api.port())
                .hasMessageContaining("API_PORT");
        // and the running one is unharmed
        assertThat(get(api, "/").statusCode()).isEqualTo(200);
    }
}
