package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static com.smartinfra.api.ApiHttp.sample;
import static com.smartinfra.api.ApiHttp.samples;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API end to end against a real InfluxDB: points written with the unmodified
 * influxdb-client-java, read back over HTTP.
 */
class DashboardApiITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long T0 = 1_750_783_320_000L;

    private static final Map<String, Object> WEB01_A =
            sample("web-01", "2025-06-24T16:42:00Z", "cpu", 92.3, "memory", 88.1, "disk", 95.6);
    private static final Map<String, Object> WEB02_A =
            sample(
                    "web-02",
                    "2025-06-24T16:42:00.123Z",
                    "cpu",
                    10,
                    "memory",
                    20.5,
                    "disk",
                    30.25,
                    "disk_io",
                    5.5,
                    "net_io",
                    1250000,
                    "injected",
                    "cpu_spike");
    private static final Map<String, Object> WEB01_B =
            sample("web-01", "2025-06-24T16:42:01Z", "cpu", 1.5, "memory", 2, "disk", 3);
    private static final Map<String, Object> DB01_A =
            sample("db-01", "2025-06-24T16:42:02Z", "cpu", 50, "memory", 60, "disk", 70);
    private static final Map<String, Object> WEB01_C =
            sample("web-01", "2025-06-24T16:43:00Z", "cpu", 40, "memory", 41, "disk", 42);

    private static long now;
    private static DashboardApi api;

    @BeforeAll
    static void writePointsAndStart() {
        String db = InfluxDbTestServer.createDatabase("api");
        now = System.currentTimeMillis();
        List<Sample> points = new ArrayList<>();
        points.add(new Sample("web-01", T0, 92.3, 88.1, 95.6));
        points.add(
                new Sample("web-02", T0 + 123, 10, 20.5, 30.25)
                        .withExtra("disk_io", 5.5)
                        .withExtra("net_io", 1_250_000)
                        .withInjected("cpu_spike"));
        points.add(new Sample("web-01", T0 + 1_000, 1.5, 2, 3));
        points.add(new Sample("db-01", T0 + 2_000, 50, 60, 70));
        points.add(new Sample("web-01", T0 + 60_000, 40, 41, 42));
        // relative to now: inside, before and (clock skew) after the default 10-minute window
        points.add(new Sample("recent-01", now - 5 * 60_000, 5, 6, 7));
        points.add(new Sample("recent-01", now - 15 * 60_000, 15, 16, 17));
        points.add(new Sample("recent-01", now + 60_000, 25, 26, 27));
        write(db, points);

        api =
                DashboardApi.start(
                        ApiConfig.from(
                                Map.of(
                                        "API_PORT",
                                        "0",
                                        "INFLUXDB_URL",
                                        InfluxDbTestServer.url(),
                                        "INFLUXDB_TOKEN",
                                        InfluxDbTestServer.TOKEN,
                                        "INFLUXDB_ORG",
                                        InfluxDbTestServer.ORG,
                                        "INFLUXDB_BUCKET",
                                        db)));
    }

    private static void write(String db, List<Sample> points) {
        InfluxDbTestServer.write(db, points.stream().map(TestInflux::sample).toList());
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String iso(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    @Test
    void listensOnAFreePortWhenAskedForPortZero() {
        assertThat(api.port()).isPositive();
        assertThat(api.url()).isEqualTo("http://127.0.0.1:" + api.port());
    }

    @Test
    void metricsAnswersExactlyTheWrittenPointsInTimeOrder() {
        HttpResponse<String> r =
                get(api, "/metrics?since=" + iso(T0) + "&until=" + iso(T0 + 61_000));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(
                        ct ->
                                assertThat(ct.replace(" ", "").toLowerCase())
                                        .isEqualTo("application/json;charset=utf-8"));
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        // web-01 lacks disk_io/net_io/injected: absent fields stay absent, not null
        assertThat(samples(r)).containsExactly(WEB01_A, WEB02_A, WEB01_B, DB01_A, WEB01_C);
    }

    @Test
    void epochMillisecondsWorkLikeInstants() {
        HttpResponse<String> r = get(api, "/metrics?since=" + T0 + "&until=" + (T0 + 61_000));

        assertThat(samples(r)).containsExactly(WEB01_A, WEB02_A, WEB01_B, DB01_A, WEB01_C);
    }

    @Test
    void hostFiltersOnOneHost() {
        HttpResponse<String> r =
                get(api, "/metrics?host=web-01&since=" + T0 + "&until=" + (T0 + 61_000));

        assertThat(samples(r)).containsExactly(WEB01_A, WEB01_B, WEB01_C);
    }

    @Test
    void anUnknownHostHasNoSamples() {
        HttpResponse<String> r =
                get(api, "/metrics?host=nobody&since=" + T0 + "&until=" + (T0 + 61_000));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"samples\":[]}");
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        HttpResponse<String> r =
                get(
                        api,
                        "/metrics?since="
                                + iso(T0 + 123)
                                + "&until="
                                + URLEncoder.encode(
                                        "2025-06-24T18:42:02+02:00", StandardCharsets.UTF_8));

        assertThat(samples(r)).containsExactly(WEB02_A, WEB01_B);
    }

    @Test
    void limitKeepsTheNewestSamples() {
        HttpResponse<String> r =
                get(api, "/metrics?limit=2&since=" + T0 + "&until=" + (T0 + 61_000));

        assertThat(samples(r)).containsExactly(DB01_A, WEB01_C);
    }

    @Test
    void defaultWindowIsTheLastTenMinutesAndOpenEnded() {
        HttpResponse<String> r = get(api, "/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(samples(r))
                .containsExactly(
                        sample(
                                "recent-01",
                                iso(now - 5 * 60_000),
                                "cpu",
                                5,
                                "memory",
                                6,
                                "disk",
                                7),
                        sample(
                                "recent-01",
                                iso(now + 60_000),
                                "cpu",
                                25,
                                "memory",
                                26,
                                "disk",
                                27));
    }

    @Test
    void sinceTakesADurationAgo() {
        HttpResponse<String> r = get(api, "/metrics?host=recent-01&since=20m");

        assertThat(samples(r)).extracting(s -> s.get("cpu")).containsExactly(15.0, 5.0, 25.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "host=web%2001",
                "host=web-01%27%20OR%20%271%27%3D%271",
                "host=",
                "since=yesterday",
                "since=-5m",
                "until=2025-06-24",
                "since=2025-06-24T16:43:00Z&until=2025-06-24T16:42:00Z",
                "limit=0",
                "limit=ten",
                "limit=50001",
                "hosts=web-01",
                "host=web-01&host=web-02",
            })
    void badQueriesAnswer400WithAJsonError(String query) {
        HttpResponse<String> r = get(api, "/metrics?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.path("error").asText()).isNotBlank();
    }

    @Test
    void aBadHostIsExplained() {
        HttpResponse<String> r = get(api, "/metrics?host=a%20b");

        assertThat(json(r).get("error").asText())
                .isEqualTo("host must match [A-Za-z0-9._-]{1,128}, was 'a b'");
    }

    @Test
    void healthIsOkWhileInfluxDbAnswers() {
        HttpResponse<String> r = get(api, "/health");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo("{\"status\":\"ok\",\"influxdb\":\"ok\",\"kafka\":\"not configured\"}");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void rootServesTheDashboardPage() {
        HttpResponse<String> r = get(api, "/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(r.body())
                .contains("<canvas id=\"chart-cpu\"")
                .contains("id=\"tiles\"")
                .contains("data-range=\"24h\"")
                .contains("href=\"vendor/chart.umd.js\"")
                .contains("<script type=\"module\" src=\"js/main.js\">")
                .doesNotContain("https://", "http://");
        assertThat(r.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/index.html",
                "/style.css",
                "/js/main.js",
                "/js/api.js",
                "/js/dom.js",
                "/js/format.js",
                "/js/store.js",
                "/js/charts.js",
                "/js/anomalies.js",
                "/js/overview.js",
                "/js/host.js",
                "/js/alerts.js",
                "/js/silences.js"
            })
    void servesTheDashboardFiles(String path) throws Exception {
        HttpResponse<byte[]> r = ApiHttp.getBytes(api, path);

        assertThat(r.statusCode()).isEqualTo(200);
        if (path.endsWith(".js")) {
            // a browser runs a module script only when it is served as JavaScript
            assertThat(r.headers().firstValue("Content-Type").orElse(""))
                    .matches("(text|application)/javascript.*");
        }
        try (InputStream in = getClass().getResourceAsStream("/public" + path)) {
            assertThat(r.body()).isEqualTo(in.readAllBytes());
        }
    }

    @Test
    void servesChartJsFromTheWebJar() throws Exception {
        HttpResponse<byte[]> r = ApiHttp.getBytes(api, "/vendor/chart.umd.js");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        try (InputStream in =
                getClass()
                        .getResourceAsStream(
                                "/META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js")) {
            assertThat(r.body()).isEqualTo(in.readAllBytes());
        }
        assertThat(new String(r.body(), 0, 40, StandardCharsets.UTF_8)).contains("Chart.js v4");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /nope",
                "GET /metrics/extra",
                "POST /metrics",
                "DELETE /health",
                "POST /stats",
                "PUT /ingest"
            })
    void unknownRoutesAnswer404Json(String request) {
        String[] parts = request.split(" ");
        HttpResponse<String> r = ApiHttp.send(api, parts[0], parts[1]);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/json");
        assertThat(r.body()).isEqualTo("{\"error\":\"not found\"}");
    }
}
