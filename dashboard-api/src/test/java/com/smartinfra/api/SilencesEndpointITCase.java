package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.json;
import static com.smartinfra.api.ApiHttp.post;
import static com.smartinfra.api.ApiHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /silences} and {@code DELETE /silences/:id} against the real broker of {@link
 * KafkaTestBroker}: the commands land on the control topic in the job's format.
 */
class SilencesEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String topic;
    private static DashboardApi api;

    @BeforeAll
    static void start() {
        topic = KafkaTestBroker.uniqueTopic("alert-control");
        String metrics = KafkaTestBroker.uniqueTopic("metrics");
        KafkaTestBroker.createTopics(1, topic, metrics);
        api =
                TestInflux.start(
                        InfluxDbTestServer.createDatabase("silences"),
                        NOW,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.METRICS_TOPIC,
                        metrics,
                        ApiConfig.ALERT_CONTROL_TOPIC,
                        topic,
                        // two dozen writes in a row: more than the default burst
                        ApiConfig.API_WRITE_BURST,
                        "100");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void commandsLandOnTheControlTopicInTheJobsFormatAndBadOnesAreRefused() throws Exception {
        HttpResponse<String> a =
                post(
                        api,
                        "/silences",
                        "{\"host\":\"web-01\",\"cause\":\"cpu\",\"until\":\"2025-06-24T20:42:00+02:00\","
                                + "\"comment\":\"kernel \\\"upgrade\\\"\"}");
        assertThat(a.statusCode()).as(a.body()).isEqualTo(201);
        assertThat(a.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode created = json(a);
        String idA = created.get("id").asText();
        assertThat(idA).matches("sil-[A-Za-z0-9._:@-]{1,124}");
        assertThat(created)
                .isEqualTo(
                        JSON.readTree(
                                "{\"id\":\""
                                        + idA
                                        + "\",\"host\":\"web-01\",\"cause\":\"cpu\","
                                        + "\"until\":\"2025-06-24T18:42:00Z\"}"));

        // every host, every cause, until as epoch milliseconds, no comment
        HttpResponse<String> b =
                post(api, "/silences", "{\"host\":\"*\",\"until\":" + (NOW + 90_500) + "}");
        assertThat(b.statusCode()).as(b.body()).isEqualTo(201);
        String idB = json(b).get("id").asText();
        assertThat(idB).isNotEqualTo(idA);
        assertThat(json(b).get("cause").isNull()).isTrue();
        assertThat(json(b).get("until").asText()).isEqualTo("2025-06-24T16:43:30.500Z");

        HttpResponse<String> c = send(api, "DELETE", "/silences/maint-42");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(202);
        assertThat(c.body()).isEqualTo("{\"id\":\"maint-42\",\"status\":\"unsilence requested\"}");

        // refused, saying why, and nothing produced
        String until = "\"until\":\"2025-06-24T18:00:00Z\"";
        assertRefused("{\"cause\":\"cpu\"," + until + "}", "field 'host' is required");
        assertRefused("{\"host\":\"a b\"," + until + "}", "field 'host' is required");
        assertRefused("{\"host\":7," + until + "}", "field 'host' must be a string");
        assertRefused(
                "{\"host\":\"web-01\",\"cause\":\"cpu>85\"," + until + "}",
                "field 'cause' must be a cause such as cpu, memory, disk, model or nodata");
        assertRefused(
                "{\"host\":\"web-01\",\"casue\":\"cpu\"," + until + "}",
                "unknown field 'casue' (known: host, cause, until, comment)");
        assertRefused("{\"host\":\"web-01\",\"id\":\"mine\"," + until + "}", "unknown field 'id'");
        assertRefused("{\"host\":\"web-01\"}", "field 'until' is required");
        assertRefused(
                "{\"host\":\"web-01\",\"until\":\"tomorrow\"}",
                "field 'until' must be an ISO-8601 instant");
        assertRefused(
                "{\"host\":\"web-01\",\"until\":\"2025-06-24T18:00:00\"}",
                "field 'until' must be an ISO-8601 instant");
        assertRefused(
                "{\"host\":\"web-01\",\"until\":99999999999999999999999}",
                "field 'until' is out of range");
        assertRefused(
                "{\"host\":\"web-01\",\"until\":\"2025-06-24T16:41:59Z\"}",
                "field 'until' must be in the future");
        assertRefused(
                "{\"host\":\"web-01\",\"until\":" + NOW + "}",
                "field 'until' must be in the future");
        assertRefused(
                "{\"host\":\"web-01\",\"until\":\"2025-07-24T16:42:01Z\"}",
                "field 'until' must be at most 30 days ahead");
        assertRefused(
                "{\"host\":\"web-01\"," + until + ",\"comment\":\"" + "x".repeat(1001) + "\"}",
                "field 'comment' is longer than 1000 characters");
        assertRefused("{\"host\":\"web-01\"," + until + "} {}", "not a single JSON object");
        assertRefused("[1]", "not a JSON object");
        assertRefused("{\"host\":", "not valid JSON");
        assertRefused("", "empty body");

        HttpResponse<String> badId = send(api, "DELETE", "/silences/" + "x".repeat(129));
        assertThat(badId.statusCode()).as(badId.body()).isEqualTo(400);
        assertThat(json(badId).get("error").asText())
                .startsWith("id must match [A-Za-z0-9._:@-]{1,128}");
        assertThat(send(api, "DELETE", "/silences/a$b").statusCode()).isEqualTo(400);

        assertThat(recordsOnTopic()).isEqualTo(3);
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTestBroker.consume(topic, 3, Duration.ofSeconds(20));
        List<String> keys = new ArrayList<>();
        List<JsonNode> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            keys.add(new String(r.key(), StandardCharsets.UTF_8));
            values.add(JSON.readTree(r.value()));
        }
        assertThat(keys).containsExactly(idA, idB, "maint-42");
        assertThat(values)
                .containsExactly(
                        JSON.readTree(
                                "{\"type\":\"silence\",\"id\":\""
                                        + idA
                                        + "\",\"host\":\"web-01\",\"cause\":\"cpu\","
                                        + "\"until\":\"2025-06-24T18:42:00Z\","
                                        + "\"comment\":\"kernel \\\"upgrade\\\"\"}"),
                        JSON.readTree(
                                "{\"type\":\"silence\",\"id\":\""
                                        + idB
                                        + "\",\"host\":\"*\","
                                        + "\"until\":\"2025-06-24T16:43:30.500Z\"}"),
                        JSON.readTree("{\"type\":\"unsilence\",\"id\":\"maint-42\"}"));
    }

    private static long recordsOnTopic() throws Exception {
        try (Admin admin = KafkaTestBroker.admin()) {
            TopicPartition p = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get().get(p).offset();
        }
    }

    private static void assertRefused(String body, String reason) {
        HttpResponse<String> r = post(api, "/silences", body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).as(body).startsWith(reason);
    }

    @Test
    void kafkaDownAnswers503() throws Exception {
        String closed = "127.0.0.1:" + InfluxDbTestServer.freePorts(1).get(0);
        try (DashboardApi down =
                TestInflux.start(
                        InfluxDbTestServer.createDatabase("silences_down"),
                        NOW,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        closed)) {
            HttpResponse<String> p =
                    post(
                            down,
                            "/silences",
                            "{\"host\":\"web-01\",\"until\":\"2025-06-24T18:00:00Z\"}");
            assertThat(p.statusCode()).as(p.body()).isEqualTo(503);
            assertThat(json(p).get("error").asText()).startsWith("Kafka is unavailable: ");

            HttpResponse<String> d = send(down, "DELETE", "/silences/maint-42");
            assertThat(d.statusCode()).as(d.body()).isEqualTo(503);
            assertThat(json(d).get("error").asText()).startsWith("Kafka is unavailable: ");

            // bad input is still a 400, Kafka or not
            assertThat(post(down, "/silences", "{}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void withoutKafkaConfiguredAnswers503SayingSo() {
        try (DashboardApi off =
                TestInflux.start(InfluxDbTestServer.createDatabase("silences_off"), NOW)) {
            String expected =
                    "silences are not configured: set KAFKA_BOOTSTRAP_SERVERS (and"
                            + " ALERT_CONTROL_TOPIC) to enable /silences";
            HttpResponse<String> p =
                    post(off, "/silences", "{\"host\":\"web-01\",\"until\":" + (NOW + 1) + "}");
            assertThat(p.statusCode()).isEqualTo(503);
            assertThat(json(p).get("error").asText()).isEqualTo(expected);
            HttpResponse<String> d = send(off, "DELETE", "/silences/maint-42");
            assertThat(d.statusCode()).isEqualTo(503);
            assertThat(json(d).get("error").asText()).isEqualTo(expected);
        }
    }

    @Test
    void putIsNotARouteOfSilences() {
        assertThat(ApiHttp.send(api, "PUT", "/silences").statusCode()).isEqualTo(404);
    }
}
