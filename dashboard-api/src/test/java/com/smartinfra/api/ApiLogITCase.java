package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the API writes to its log about requests and secrets, read back from the log file of this
 * test JVM ({@link ApiLog}).
 */
class ApiLogITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final String INFLUX_TOKEN = "influx-secret-7d6c5b4a3f2e";
    private static final String API_TOKEN = "api-secret-0a1b2c3d4e5f6789";

    @Test
    void saysOnceAtStartThatWritesAreUnauthenticatedNamingApiToken() {
        String db = InfluxDbTestServer.createDatabase("log");
        String openUrl;
        String guardedUrl;
        try (DashboardApi open = TestInflux.start(db, NOW);
                DashboardApi guarded = TestInflux.start(db, NOW, ApiConfig.API_TOKEN, API_TOKEN)) {
            openUrl = open.url();
            guardedUrl = guarded.url();
        }

        List<String> open = linesContaining("not authenticated", openUrl + " ");
        assertThat(open).hasSize(1);
        assertThat(open.get(0))
                .contains(" WARN ")
                .contains("Set API_TOKEN (or API_TOKEN_FILE)")
                .contains("POST /ingest, POST /silences, DELETE /silences");
        assertThat(linesContaining("not authenticated", guardedUrl + " ")).isEmpty();
    }

    @Test
    void aSilenceCommentIsLoggedOnOneLinePrintableAndBounded() throws Exception {
        String control = KafkaTestBroker.uniqueTopic("alert-control");
        KafkaTestBroker.createTopics(1, control);
        String forged = "2025-06-24T16:42:00.000Z ERROR [main] DashboardApi - forged-";
        String marker = "maintenance-" + System.nanoTime();
        String comment =
                marker + "\\r\\n" + forged + "\\u001b[2J\\u2028" + "x".repeat(800) + "tail-end";
        try (DashboardApi api =
                TestInflux.start(
                        InfluxDbTestServer.createDatabase("log_comment"),
                        NOW,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.ALERT_CONTROL_TOPIC,
                        control)) {
            HttpResponse<String> r =
                    ApiHttp.post(
                            api,
                            "/silences",
                            "{\"host\":\"web-01\",\"until\":"
                                    + (NOW + 60_000)
                                    + ",\"comment\":\""
                                    + comment
                                    + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }

        List<String> logged = linesContaining(marker);
        assertThat(logged).hasSize(1);
        String line = logged.get(0);
        assertThat(line)
                .contains("comment '" + marker + "??" + forged)
                .doesNotContain("tail-end")
                .contains("...");
        assertThat(line.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        // no line of the log starts with the forged event
        assertThat(ApiLog.lines()).noneMatch(l -> l.startsWith(forged));
    }

    @Test
    void neitherTokenIsEverLoggedNorAnswered() throws Exception {
        String control = KafkaTestBroker.uniqueTopic("alert-control");
        KafkaTestBroker.createTopics(1, control);
        Map<String, String> settings =
                TestInflux.settings(
                        InfluxDbTestServer.createDatabase("log_secrets"),
                        ApiConfig.API_TOKEN,
                        API_TOKEN,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.ALERT_CONTROL_TOPIC,
                        control);
        settings.put(ApiConfig.INFLUXDB_TOKEN, INFLUX_TOKEN); // InfluxDB 1.x takes any token
        ApiConfig config = ApiConfig.from(settings);
        List<String> answers = new ArrayList<>();
        answers.add(config.toString());
        try (DashboardApi api = DashboardApi.start(config)) {
            String silence =
                    "{\"host\":\"web-01\",\"until\":" + (System.currentTimeMillis() + 60_000) + "}";
            for (String auth :
                    new String[] {
                        null,
                        "Bearer " + API_TOKEN + "x",
                        "Bearer " + INFLUX_TOKEN,
                        "Bearer " + API_TOKEN
                    }) {
                HttpResponse<String> r =
                        request(
                                api,
                                "POST",
                                "/silences",
                                silence,
                                "Content-Type",
                                "application/json",
                                "Authorization",
                                auth);
                answers.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
                assertThat(r.statusCode())
                        .as(auth)
                        .isEqualTo(auth == null || !auth.endsWith(API_TOKEN) ? 401 : 201);
            }
            for (String path : new String[] {"/health", "/metrics", "/hosts", "/nope"}) {
                HttpResponse<String> r = ApiHttp.get(api, path);
                answers.add(r.statusCode() + " " + r.headers().map() + " " + r.body());
            }
        }

        assertThat(answers)
                .hasSize(9)
                .noneMatch(a -> a.contains(API_TOKEN) || a.contains(INFLUX_TOKEN));
        assertThat(ApiLog.text()).doesNotContain(API_TOKEN).doesNotContain(INFLUX_TOKEN);
    }

    private static List<String> linesContaining(String... parts) {
        return ApiLog.lines().stream()
                .filter(
                        l -> {
                            for (String p : parts) {
                                if (!l.contains(p)) {
                                    return false;
                                }
                            }
                            return true;
                        })
                .toList();
    }
}
