package com.smartinfra.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed percent-encoding, anywhere in a request, is the client's mistake: 400 with a JSON
 * message, never a 500 and never the server's HTML error page.
 */
class MalformedRequestITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every GET endpoint and each parameter it reads. */
    private static final Map<String, List<String>> PARAMETERS =
            Map.of(
                    "/metrics", List.of("host", "since", "until", "limit", "step"),
                    "/anomalies", List.of("host", "reason", "since", "until", "limit"),
                    "/alerts",
                            List.of("host", "cause", "state", "status", "since", "until", "limit"),
                    "/stats", List.of("host", "window", "since", "until", "limit"),
                    "/hosts", List.of("since"));

    /** Not percent-encoding, or percent-encoding of bytes that are not UTF-8. */
    private static final List<String> MALFORMED = List.of("%zz", "%", "a%2", "%C3%28", "%FF%FE");

    private static DashboardApi api;

    @BeforeAll
    static void start() {
        String metrics = KafkaTestBroker.uniqueTopic("metrics");
        String control = KafkaTestBroker.uniqueTopic("alert-control");
        KafkaTestBroker.createTopics(1, metrics, control);
        // Kafka configured, so the write routes get as far as reading their parameters
        api =
                TestInflux.start(
                        InfluxDbTestServer.createDatabase("malformed"),
                        System.currentTimeMillis(),
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.METRICS_TOPIC,
                        metrics,
                        ApiConfig.ALERT_CONTROL_TOPIC,
                        control);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void malformedPercentEncodingInAnyParameterIsA400WithAJsonMessage() throws Exception {
        List<String> targets = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : PARAMETERS.entrySet()) {
            for (String parameter : e.getValue()) {
                for (String bad : MALFORMED) {
                    targets.add(e.getKey() + "?" + parameter + "=" + bad);
                }
            }
            // in a parameter name, and next to a good parameter
            targets.add(e.getKey() + "?%zz=1");
            targets.add(e.getKey() + "?since=1h&x%=1");
        }
        for (String target : targets) {
            assertJson400(RawHttp.get(api, target), "GET " + target);
        }
    }

    @Test
    void malformedPercentEncodingOnTheWriteRoutesIsA400WithAJsonMessage() throws Exception {
        Map<String, String> json = Map.of("Content-Type", "application/json");
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertJson400(RawHttp.send(api, "POST", "/ingest?host=%zz", json, body), "ingest");
        assertJson400(RawHttp.send(api, "DELETE", "/silences/%zz", Map.of(), null), "delete");
        assertJson400(RawHttp.send(api, "DELETE", "/silences/a%C3%28", Map.of(), null), "utf8");
    }

    @Test
    void malformedPercentEncodingInThePathIsA400WithAJsonMessage() throws Exception {
        assertJson400(RawHttp.get(api, "/metr%zzics"), "path");
        assertJson400(RawHttp.get(api, "/%"), "path");
    }

    private static void assertJson400(RawHttp.Answer r, String what) throws Exception {
        assertThat(r.status()).as(what + " -> " + r.text()).isEqualTo(400);
        assertThat(r.header("Content-Type")).as(what).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).as(what).isNotBlank();
    }
}
