package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static com.smartinfra.api.ApiHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /ingest} against the real Kafka broker of {@link KafkaTestBroker}. */
class IngestEndpointITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static String topic;
    private static DashboardApi api;

    @BeforeAll
    static void start() {
        topic = KafkaTestBroker.uniqueTopic("ingest");
        KafkaTestBroker.createTopics(2, topic);
        String db = InfluxDbTestServer.createDatabase("ingest");
        api =
                TestInflux.start(
                        db,
                        NOW,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.METRICS_TOPIC,
                        topic);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void validSamplesLandOnTheTopicKeyedByHostAndBadOnesAreRefusedSayingWhy() throws Exception {
        // valid, in the wire format's two timestamp forms and with optional fields
        HttpResponse<String> a =
                post(
                        api,
                        "/ingest",
                        "{\"host\":\"web-01\",\"timestamp\":\"2025-06-24T16:41:00Z\",\"cpu\":92.3,"
                                + "\"memory\":88.1,\"disk\":95.6,\"disk_io\":12.5,"
                                + "\"injected\":\"cpu_spike\"}");
        assertThat(a.statusCode()).as(a.body()).isEqualTo(202);
        JsonNode accepted = json(a);
        assertThat(accepted.get("status").asText()).isEqualTo("accepted");
        assertThat(accepted.get("host").asText()).isEqualTo("web-01");
        assertThat(accepted.get("timestamp").asText()).isEqualTo("2025-06-24T16:41:00Z");
        assertThat(accepted.get("topic").asText()).isEqualTo(topic);
        assertThat(accepted.get("offset").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(a.headers().firstValue("Cache-Control")).hasValue("no-store");

        // no host in the body: ?host= names it
        byte[] noHost =
                ("{ \"timestamp\":" + (NOW - 1000) + ",\"cpu\":1,\"memory\":2,\"disk\":3}")
                        .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> b =
                post(api, "/ingest?host=db-02", noHost, "application/json; charset=utf-8");
        assertThat(b.statusCode()).as(b.body()).isEqualTo(202);
        // a form-encoded body (curl -d without -H) is refused, not read as parameters
        HttpResponse<String> form =
                post(api, "/ingest?host=db-02", noHost, "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).as(form.body()).isEqualTo(415);

        // both, agreeing
        HttpResponse<String> c =
                post(
                        api,
                        "/ingest?host=db-03",
                        "{\"host\":\"db-03\",\"timestamp\":"
                                + NOW
                                + ",\"cpu\":4,\"memory\":5,\"disk\":6}");
        assertThat(c.statusCode()).as(c.body()).isEqualTo(202);

        // refused, with the job's own reasons
        assertRefused(
                "/ingest",
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":104,"
                        + "\"memory\":2,\"disk\":3}",
                "field 'cpu' must be a percentage between 0 and 100, was 104.0");
        assertRefused("/ingest", "not json", "not valid JSON");
        assertRefused("/ingest", "", "empty record");
        assertRefused(
                "/ingest",
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":1}",
                "missing required field 'memory'");
        assertRefused(
                "/ingest",
                "{\"timestamp\":1750000000000,\"cpu\":1,\"memory\":2,\"disk\":3}",
                "missing required field 'host'");
        assertRefused(
                "/ingest?host=db-04",
                "{\"host\":\"db-05\",\"timestamp\":1750000000000,"
                        + "\"cpu\":1,\"memory\":2,\"disk\":3}",
                "host 'db-05' in the body differs from ?host=db-04");
        assertRefused(
                "/ingest?host=a%20b", "{}", "host must match [A-Za-z0-9._-]{1,128}, was 'a b'");
        assertRefused("/ingest?host=x", "[1,2]", "not a JSON object");
        assertRefused("/ingest?hots=x", "{}", "unknown parameter 'hots' (known: [host])");
        assertRefused(
                "/ingest",
                "{\"host\":\"web-01\",\"timestamp\":"
                        + (NOW + 301_000)
                        + ",\"cpu\":1,\"memory\":2,\"disk\":3}",
                "field 'timestamp' is more than 300 s in the future");
        // older than the job keeps (the bucket's retention would refuse it): the job's bounds
        assertRefused(
                "/ingest",
                "{\"host\":\"web-01\",\"timestamp\":"
                        + (NOW - java.time.Duration.ofDays(8).toMillis())
                        + ",\"cpu\":1,\"memory\":2,\"disk\":3}",
                "field 'timestamp' is 8 d old, more than the maximum age of 7 d");

        HttpResponse<String> huge =
                post(
                        api,
                        "/ingest",
                        "{\"host\":\"web-01\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).get("error").asText()).isEqualTo("body larger than 65536 bytes");

        // exactly three records: the refused ones never reached the topic
        assertThat(recordsOnTopic()).isEqualTo(3);
        List<ConsumerRecord<byte[], byte[]>> records =
                KafkaTestBroker.consume(topic, 3, Duration.ofSeconds(20));
        List<String> got = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Sample s = SampleJson.parse(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(s.host);
            got.add(
                    s.host
                            + "@"
                            + s.timestamp
                            + " cpu="
                            + s.cpu
                            + " io="
                            + s.extra("disk_io")
                            + " "
                            + s.injected);
        }
        assertThat(got)
                .containsExactlyInAnyOrder(
                        "web-01@1750783260000 cpu=92.3 io=12.5 cpu_spike",
                        "db-02@1750783319000 cpu=1.0 io=NaN null",
                        "db-03@1750783320000 cpu=4.0 io=NaN null");
    }

    /** Sum of the end offsets of the topic's partitions. */
    private static long recordsOnTopic() throws Exception {
        try (Admin admin = KafkaTestBroker.admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < 2; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long total = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info :
                    admin.listOffsets(latest).all().get().values()) {
                total += info.offset();
            }
            return total;
        }
    }

    private static void assertRefused(String path, String body, String reason) throws Exception {
        HttpResponse<String> r = post(api, path, body);
        assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).as(body).startsWith(reason);
    }

    @Test
    void healthSaysKafkaIsReachable() {
        HttpResponse<String> r = get(api, "/health");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body())
                .isEqualTo(
                        "{\"status\":\"ok\",\"influxdb\":\"ok\",\"kafka\":\"ok\","
                                + "\"line_protocol\":{\"samples\":0,\"unmapped_lines\":0}}");
    }

    @Test
    void kafkaDownAnswers503WithinTheBoundedWait() throws Exception {
        String closed = "127.0.0.1:" + InfluxDbTestServer.freePorts(1).get(0);
        try (DashboardApi down =
                TestInflux.start(
                        InfluxDbTestServer.createDatabase("ingest_down"),
                        NOW,
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        closed,
                        ApiConfig.METRICS_TOPIC,
                        topic)) {
            long start = System.nanoTime();
            HttpResponse<String> r =
                    post(
                            down,
                            "/ingest",
                            "{\"host\":\"web-01\",\"timestamp\":"
                                    + NOW
                                    + ",\"cpu\":1,\"memory\":2,\"disk\":3}");
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(json(r).get("error").asText()).startsWith("Kafka is unavailable: ");
            // bounded by max.block.ms (5 s), not by Kafka's default of a minute
            assertThat(tookMs).isLessThan(30_000);
            // bad input is still a 400, Kafka or not
            assertThat(post(down, "/ingest", "{}").statusCode()).isEqualTo(400);

            HttpResponse<String> health = get(down, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            JsonNode h = json(health);
            assertThat(h.get("status").asText()).isEqualTo("degraded");
            assertThat(h.get("influxdb").asText()).isEqualTo("ok");
            assertThat(h.get("kafka").asText()).startsWith("unreachable");
        }
    }

    @Test
    void withoutKafkaConfiguredIngestAnswers503SayingSo() throws Exception {
        try (DashboardApi off =
                TestInflux.start(InfluxDbTestServer.createDatabase("ingest_off"), NOW)) {
            HttpResponse<String> r =
                    post(off, "/ingest", "{\"host\":\"web-01\",\"timestamp\":" + NOW + "}");

            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("error").asText())
                    .isEqualTo(
                            "ingest is not configured: set KAFKA_BOOTSTRAP_SERVERS (and"
                                    + " METRICS_TOPIC) to enable POST /ingest");
            assertThat(get(off, "/health").body())
                    .isEqualTo(
                            "{\"status\":\"ok\",\"influxdb\":\"ok\",\"kafka\":\"not configured\"}");
        }
    }

    @Test
    void getIsNotARouteOfIngest() {
        assertThat(get(api, "/ingest").statusCode()).isEqualTo(404);
    }
}
