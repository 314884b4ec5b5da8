package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static com.smartinfra.api.ApiHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may write ({@code POST /ingest}, {@code POST /silences}, {@code DELETE /silences/:id}):
 * against the real broker of {@link KafkaTestBroker}, counting what reached the topics.
 */
class WriteAccessITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final String TOKEN = "write-token-3f1c0a526f0e4f43";
    private static final String CORS_ORIGIN = "https://ops.example.com";
    private static final String JSON = "application/json";

    /** Every host, every cause, for (just under) the 30 days the API allows. */
    private static final String SILENCE_EVERYTHING =
            "{\"host\":\"*\",\"until\":" + (NOW + Duration.ofDays(30).toMillis() - 60_000) + "}";

    private static final String SAMPLE =
            "{\"host\":\"web-01\",\"timestamp\":" + NOW + ",\"cpu\":1,\"memory\":2,\"disk\":3}";

    private static String control;
    private static String metrics;
    private static DashboardApi open;
    private static DashboardApi guarded;

    @BeforeAll
    static void start() {
        control = KafkaTestBroker.uniqueTopic("alert-control");
        metrics = KafkaTestBroker.uniqueTopic("metrics");
        KafkaTestBroker.createTopics(1, control, metrics);
        String db = InfluxDbTestServer.createDatabase("writes");
        String[] kafka = {
            ApiConfig.KAFKA_BOOTSTRAP_SERVERS, KafkaTestBroker.bootstrapServers(),
            ApiConfig.METRICS_TOPIC, metrics,
            ApiConfig.ALERT_CONTROL_TOPIC, control
        };
        open = TestInflux.start(db, NOW, with(kafka, ApiConfig.API_CORS_ORIGINS, CORS_ORIGIN));
        guarded = TestInflux.start(db, NOW, with(kafka, ApiConfig.API_TOKEN, TOKEN));
    }

    private static String[] with(String[] settings, String... more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + more.length);
        System.arraycopy(more, 0, all, settings.length, more.length);
        return all;
    }

    @AfterAll
    static void stop() {
        for (DashboardApi api : new DashboardApi[] {open, guarded}) {
            if (api != null) {
                api.close();
            }
        }
    }

    @Test
    void aForeignPageCannotSilenceEverythingThroughTheOperatorsBrowser() throws Exception {
        long before = records(control);

        // a "simple" cross-origin POST: no preflight, the browser sends it as it is
        HttpResponse<String> r =
                request(
                        open,
                        "POST",
                        "/silences",
                        SILENCE_EVERYTHING,
                        "Content-Type",
                        "text/plain",
                        "Origin",
                        "http://evil.example");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
        assertThat(json(r).get("error").asText())
                .isEqualTo(
                        "origin http://evil.example may not write: only this API's own pages"
                                + " and API_CORS_ORIGINS may");
        // the same from a page that may send JSON (a preflight let through elsewhere)
        assertThat(post(open, SILENCE_EVERYTHING, JSON, "http://evil.example", null).statusCode())
                .isEqualTo(403);
        assertThat(records(control)).isEqualTo(before);
    }

    @Test
    void onlyTheApisOwnOriginAndTheCorsOriginsMayWrite() throws Exception {
        long before = records(control);
        String own = open.url();
        assertThat(post(open, SILENCE_EVERYTHING, JSON, own, null).statusCode()).isEqualTo(201);
        assertThat(post(open, SILENCE_EVERYTHING, JSON, CORS_ORIGIN, null).statusCode())
                .isEqualTo(201);
        // no Origin: not a browser (curl, a script), which the token is for
        assertThat(post(open, SILENCE_EVERYTHING, JSON, null, null).statusCode()).isEqualTo(201);
        for (String foreign :
                new String[] {
                    "null",
                    "http://127.0.0.1:1",
                    "https://ops.example.com.evil.example",
                    own + ".evil.example",
                    "http://evil.example"
                }) {
            HttpResponse<String> r = post(open, SILENCE_EVERYTHING, JSON, foreign, null);
            assertThat(r.statusCode()).as(foreign).isEqualTo(403);
        }
        HttpResponse<String> delete =
                request(open, "DELETE", "/silences/maint-1", null, "Origin", "http://evil.example");
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(records(control)).isEqualTo(before + 3);
    }

    @Test
    void aWriteBodyMustBeDeclaredJson() throws Exception {
        long before = records(metrics);
        for (String type :
                new String[] {
                    "text/plain",
                    "text/plain; charset=utf-8",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x",
                    "application/jsonp",
                    "application/json-seq",
                    null
                }) {
            HttpResponse<String> r = request(open, "POST", "/ingest", SAMPLE, "Content-Type", type);
            assertThat(r.statusCode()).as(type + " -> " + r.body()).isEqualTo(415);
            assertThat(json(r).get("error").asText())
                    .as(type)
                    .isEqualTo("a write body must be sent as Content-Type: application/json");
        }
        for (String type :
                new String[] {
                    "application/json", "application/json; charset=utf-8", "Application/JSON"
                }) {
            HttpResponse<String> r = request(open, "POST", "/ingest", SAMPLE, "Content-Type", type);
            assertThat(r.statusCode()).as(type + " -> " + r.body()).isEqualTo(202);
        }
        assertThat(records(metrics)).isEqualTo(before + 3);
    }

    @Test
    void withATokenConfiguredWritesNeedItAndReadsDoNot() throws Exception {
        long silences = records(control);
        long samples = records(metrics);

        for (String authorization :
                new String[] {
                    null,
                    "",
                    "Bearer",
                    "Bearer ",
                    "Bearer wrong-token-3f1c0a526f0e4f43",
                    "Bearer " + TOKEN + "x",
                    "Bearer " + TOKEN.substring(1),
                    "Basic " + TOKEN,
                    TOKEN
                }) {
            HttpResponse<String> r = post(guarded, SILENCE_EVERYTHING, JSON, null, authorization);
            assertThat(r.statusCode()).as(authorization + " -> " + r.body()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"smart-infra\"");
            assertThat(json(r).get("error").asText())
                    .isEqualTo("writes need the API token: send Authorization: Bearer <API_TOKEN>");
            assertThat(r.body()).doesNotContain(TOKEN);
        }
        HttpResponse<String> ingest =
                request(guarded, "POST", "/ingest", SAMPLE, "Content-Type", JSON);
        assertThat(ingest.statusCode()).isEqualTo(401);
        assertThat(request(guarded, "DELETE", "/silences/maint-1", null).statusCode())
                .isEqualTo(401);

        // Bearer (any case), and the InfluxDB clients' "Token" scheme
        for (String authorization :
                new String[] {"Bearer " + TOKEN, "bearer " + TOKEN, "Token " + TOKEN}) {
            HttpResponse<String> r = post(guarded, SILENCE_EVERYTHING, JSON, null, authorization);
            assertThat(r.statusCode()).as(authorization + " -> " + r.body()).isEqualTo(201);
        }
        assertThat(
                        request(
                                        guarded,
                                        "POST",
                                        "/ingest",
                                        SAMPLE,
                                        "Content-Type",
                                        JSON,
                                        "Authorization",
                                        "Bearer " + TOKEN)
                                .statusCode())
                .isEqualTo(202);
        assertThat(
                        request(
                                        guarded,
                                        "DELETE",
                                        "/silences/maint-1",
                                        null,
                                        "Authorization",
                                        "Bearer " + TOKEN)
                                .statusCode())
                .isEqualTo(202);

        // reads stay open
        for (String path : new String[] {"/metrics", "/hosts", "/alerts", "/health", "/"}) {
            assertThat(get(guarded, path).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(records(control)).isEqualTo(silences + 4);
        assertThat(records(metrics)).isEqualTo(samples + 1);
    }

    @Test
    void eachClientGetsABurstThenTheRateAnd429WithRetryAfter() throws Exception {
        try (DashboardApi slow =
                TestInflux.start(
                        InfluxDbTestServer.createDatabase("writes_slow"),
                        NOW,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.METRICS_TOPIC,
                        metrics,
                        ApiConfig.ALERT_CONTROL_TOPIC,
                        control,
                        ApiConfig.API_WRITE_RATE,
                        "0.01",
                        ApiConfig.API_WRITE_BURST,
                        "2")) {
            long before = records(metrics);
            assertThat(request(slow, "POST", "/ingest", SAMPLE, "Content-Type", JSON).statusCode())
                    .isEqualTo(202);
            // a refused write counts too: the limit is on attempts (guessing a token, say)
            assertThat(request(slow, "POST", "/ingest", "{}", "Content-Type", JSON).statusCode())
                    .isEqualTo(400);

            HttpResponse<String> limited =
                    request(slow, "POST", "/ingest", SAMPLE, "Content-Type", JSON);
            assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
            // one write every 100 s
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("100");
            assertThat(json(limited).get("error").asText())
                    .isEqualTo(
                            "too many writes from this client: at most 2 at once, then 0.01 a"
                                    + " second (API_WRITE_BURST, API_WRITE_RATE); retry in 100 s");
            assertThat(request(slow, "DELETE", "/silences/x", null).statusCode()).isEqualTo(429);
            // reads are not limited
            assertThat(get(slow, "/metrics").statusCode()).isEqualTo(200);
            assertThat(records(metrics)).isEqualTo(before + 1);
        }
    }

    private static HttpResponse<String> post(
            DashboardApi api, String body, String contentType, String origin, String auth) {
        return request(
                api,
                "POST",
                "/silences",
                body,
                "Content-Type",
                contentType,
                "Origin",
                origin,
                "Authorization",
                auth);
    }

    private static long records(String topic) throws Exception {
        try (Admin admin = KafkaTestBroker.admin()) {
            TopicPartition p = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get().get(p).offset();
        }
    }
}
