package com.smartinfra.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.testing.InfluxDbTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CORS headers only for the origins in {@code API_CORS_ORIGINS}. */
class CorsITCase {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ALLOWED = "https://ops.example.com";

    private static DashboardApi withCors;
    private static DashboardApi withoutCors;

    @BeforeAll
    static void start() {
        String db = InfluxDbTestServer.createDatabase("cors");
        withCors =
                TestInflux.start(
                        db,
                        System.currentTimeMillis(),
                        ApiConfig.API_CORS_ORIGINS,
                        ALLOWED + ", http://localhost:3000");
        withoutCors = TestInflux.start(db, System.currentTimeMillis());
    }

    @AfterAll
    static void stop() {
        withCors.close();
        withoutCors.close();
    }

    private static HttpResponse<String> send(
            DashboardApi api, String method, String path, String origin) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(api.url() + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAllowedOriginGetsItsOriginBack() throws Exception {
        HttpResponse<String> r = send(withCors, "GET", "/hosts", ALLOWED);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(r.headers().allValues("Vary")).contains("Origin");
    }

    @Test
    void anotherOriginGetsNoCorsHeader() throws Exception {
        HttpResponse<String> r = send(withCors, "GET", "/hosts", "https://evil.example.com");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflightIsAnsweredForAllowedOriginsOnly() throws Exception {
        HttpResponse<String> ok = send(withCors, "OPTIONS", "/ingest", "http://localhost:3000");
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("http://localhost:3000");
        assertThat(ok.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValue("GET, POST, DELETE, OPTIONS");
        // a configured origin's page may send the API token
        assertThat(ok.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Content-Type, Authorization");

        HttpResponse<String> refused =
                send(withCors, "OPTIONS", "/ingest", "https://evil.example.com");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"error\":\"origin not allowed\"}");
    }

    @Test
    void aPreflightFromAnotherOriginGrantsNeitherAuthorizationNorAnything() throws Exception {
        for (DashboardApi api : new DashboardApi[] {withCors, withoutCors}) {
            HttpRequest preflight =
                    HttpRequest.newBuilder(URI.create(api.url() + "/silences"))
                            .timeout(Duration.ofSeconds(30))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", "https://evil.example.com")
                            .header("Access-Control-Request-Method", "POST")
                            .header("Access-Control-Request-Headers", "authorization,content-type")
                            .build();
            HttpResponse<String> r = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isIn(403, 404);
            assertThat(r.headers().map().keySet())
                    .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void withoutConfiguredOriginsThereIsNoCorsAtAll() throws Exception {
        HttpResponse<String> r = send(withoutCors, "GET", "/hosts", ALLOWED);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send(withoutCors, "OPTIONS", "/ingest", ALLOWED).statusCode()).isEqualTo(404);
    }
}
