package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static com.smartinfra.api.ApiHttp.post;
import static com.smartinfra.api.ApiHttp.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.schema.SilenceCommand;
import com.smartinfra.schema.SilenceCommandJson;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /silences} and the cap on active silences, from the API's own reading of the control
 * topic, against the real broker of {@link KafkaTestBroker}.
 */
class ActiveSilencesITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final long HOUR = 3_600_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void listsTheActiveSilencesOfTheControlTopicAndCapsNewOnes() throws Exception {
        String topic = KafkaTestBroker.uniqueTopic("alert-control");
        KafkaTestBroker.createTopics(1, topic);
        // what the topic held before the API started (the job's and earlier APIs' commands)
        List<Map.Entry<byte[], byte[]>> earlier = new ArrayList<>();
        earlier.add(command(SilenceCommand.silence("pre-a", "web-01", "cpu", NOW + HOUR, null)));
        earlier.add(command(SilenceCommand.silence("pre-b", "*", null, NOW - HOUR, "over")));
        earlier.add(command(SilenceCommand.silence("pre-c", "db-01", null, NOW + 2 * HOUR, null)));
        earlier.add(command(SilenceCommand.unsilence("pre-c")));
        earlier.add(record("junk", "not json"));
        earlier.add(command(SilenceCommand.silence("pre-e", "web-02", null, NOW + HOUR, null)));
        earlier.add(
                command(SilenceCommand.silence("pre-e", "web-02", null, NOW + 3 * HOUR, "longer")));
        earlier.add(command(SilenceCommand.silence("pre-f", "web-03", null, NOW + HOUR, null)));
        earlier.add(new AbstractMap.SimpleEntry<>(bytes("pre-f"), null)); // tombstone
        KafkaTestBroker.produce(topic, earlier);

        MutableClock clock = new MutableClock(NOW);
        try (DashboardApi api =
                DashboardApi.start(
                        ApiConfig.from(
                                TestInflux.settings(
                                        InfluxDbTestServer.createDatabase("active_silences"),
                                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                                        KafkaTestBroker.bootstrapServers(),
                                        ApiConfig.ALERT_CONTROL_TOPIC,
                                        topic,
                                        ApiConfig.API_MAX_SILENCES,
                                        "4")),
                        clock)) {
            HttpResponse<String> listed = get(api, "/silences");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            assertThat(json(listed))
                    .isEqualTo(
                            JSON.readTree(
                                    "{\"silences\":["
                                            + "{\"id\":\"pre-a\",\"host\":\"web-01\",\"cause\":\"cpu\","
                                            + "\"until\":\"2025-06-24T17:42:00Z\",\"comment\":null},"
                                            + "{\"id\":\"pre-e\",\"host\":\"web-02\",\"cause\":null,"
                                            + "\"until\":\"2025-06-24T19:42:00Z\",\"comment\":\"longer\"}"
                                            + "]}"));

            // two more fit under the cap of 4, a third does not, and is not produced
            String one = silence("web-04", NOW + HOUR);
            String a = id(expect(201, post(api, "/silences", one)));
            String b = id(expect(201, post(api, "/silences", silence("web-05", NOW + 2 * HOUR))));
            long produced = records(topic);
            HttpResponse<String> full = expect(409, post(api, "/silences", one));
            assertThat(json(full).get("error").asText())
                    .isEqualTo(
                            "at most 4 silences may be active at once (API_MAX_SILENCES): lift"
                                    + " one with DELETE /silences/{id} or wait for one to end");
            assertThat(records(topic)).isEqualTo(produced);
            // by end, then id
            assertThat(ids(api)).containsExactly("pre-a", a, b, "pre-e");

            // lifting one makes room at once
            expect(202, send(api, "DELETE", "/silences/pre-a"));
            assertThat(ids(api)).containsExactly(a, b, "pre-e");
            String c = id(expect(201, post(api, "/silences", silence("web-06", NOW + HOUR + 1))));
            expect(409, post(api, "/silences", one));
            assertThat(ids(api)).containsExactly(a, c, b, "pre-e");

            // so does the end of one
            clock.advance(HOUR);
            assertThat(ids(api)).containsExactly(c, b, "pre-e");
            String d = id(expect(201, post(api, "/silences", silence("web-07", NOW + 3 * HOUR))));
            assertThat(ids(api)).containsExactly(c, b, "pre-e", d);

            // commands another writer puts on the topic show up
            KafkaTestBroker.produce(
                    topic,
                    List.of(
                            command(SilenceCommand.unsilence("pre-e")),
                            command(
                                    SilenceCommand.silence(
                                            "from-job", "web-08", "model", NOW + 5 * HOUR, null))));
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!ids(api).contains("from-job") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(ids(api)).containsExactly(c, b, d, "from-job");

            assertThat(get(api, "/silences?host=web-01").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void withoutKafkaConfiguredTheListAnswers503SayingSo() {
        try (DashboardApi off =
                TestInflux.start(InfluxDbTestServer.createDatabase("silences_list_off"), NOW)) {
            HttpResponse<String> r = get(off, "/silences");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("error").asText()).startsWith("silences are not configured");
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    private static String id(HttpResponse<String> created) {
        return json(created).get("id").asText();
    }

    /** The ids {@code GET /silences} answers, in its order. */
    private static List<String> ids(DashboardApi api) {
        HttpResponse<String> r = get(api, "/silences");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (JsonNode s : json(r).get("silences")) {
            ids.add(s.get("id").asText());
        }
        return ids;
    }

    private static String silence(String host, long until) {
        return "{\"host\":\"" + host + "\",\"until\":" + until + "}";
    }

    private static Map.Entry<byte[], byte[]> command(SilenceCommand c) {
        return new AbstractMap.SimpleEntry<>(bytes(c.id), SilenceCommandJson.toJson(c));
    }

    private static Map.Entry<byte[], byte[]> record(String key, String value) {
        return new AbstractMap.SimpleEntry<>(bytes(key), bytes(value));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long records(String topic) throws Exception {
        try (Admin admin = KafkaTestBroker.admin()) {
            TopicPartition p = new TopicPartition(topic, 0);
            return admin.listOffsets(Map.of(p, OffsetSpec.latest())).all().get().get(p).offset();
        }
    }
}
