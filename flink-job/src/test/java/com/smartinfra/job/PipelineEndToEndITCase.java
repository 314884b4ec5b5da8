package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.DashboardApi;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.Detector;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole foundation path on real servers: simulator samples and a dozen kinds of poison in a
 * real Kafka broker → the job on a Flink MiniCluster → a real InfluxDB → {@code GET /metrics} of
 * the dashboard-api; the poison in the dead-letter topic with its reasons.
 */
class PipelineEndToEndITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Poison records, each with the start of the reason the dead letter must carry. */
    private static final Map<String, String> POISON = new LinkedHashMap<>();

    static {
        String ok = "\"timestamp\":1750000000000,\"cpu\":1,\"memory\":2,\"disk\":3";
        POISON.put("this is not json", "not valid JSON");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":1}",
                "missing required field 'memory'");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":NaN,\"memory\":2,\"disk\":3}",
                "not valid JSON");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":\"NaN\",\"memory\":2,\"disk\":3}",
                "field 'cpu' must be a number");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":-5,\"memory\":2,\"disk\":3}",
                "field 'cpu' must be a percentage");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":1,\"memory\":100.5,\"disk\":3}",
                "field 'memory' must be a percentage");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000000,\"cpu\":1,\"memory\":2,\"disk\":1e400}",
                "field 'disk' must be a finite number");
        POISON.put("{\"host\":\"web 01\"," + ok + "}", "field 'host' must be a string");
        POISON.put(
                "{\"host\":\"" + "a".repeat(129) + "\"," + ok + "}",
                "field 'host' must be a string");
        POISON.put("", "empty record");
        POISON.put("[1,2,3]", "not a JSON object");
        POISON.put(
                "{\"host\":\"web-01\",\"timestamp\":1750000000,\"cpu\":1,\"memory\":2,\"disk\":3}",
                "field 'timestamp' is out of range");
    }

    private static final byte[] BINARY = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x7F, 0x01};

    @TempDir Path tmp;

    @Test
    void simulatorSamplesReachInfluxDbAndTheApiAndPoisonReachesTheDeadLetterTopic()
            throws Exception {
        TestPipeline world = new TestPipeline("e2e", tmp);

        // 5 hosts x 120 samples, 3 s apart, starting 30 minutes ago, ~10 % injected anomalies
        long start = Instant.now().minus(Duration.ofMinutes(30)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new SampleGenerator(5, 3000, 0.1, 42L, start).samples(600);

        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        List<byte[]> poison = new ArrayList<>();
        POISON.keySet().forEach(p -> poison.add(p.getBytes(StandardCharsets.UTF_8)));
        poison.add(BINARY);
        for (int i = 0; i < samples.size(); i++) {
            records.add(TestPipeline.record(samples.get(i)));
            if (i % 40 == 0 && i / 40 < poison.size()) {
                records.add(
                        new SimpleEntry<>(
                                "web-01".getBytes(StandardCharsets.UTF_8), poison.get(i / 40)));
            }
        }
        assertThat(records).hasSize(samples.size() + poison.size());
        world.produce(records);

        JobConfig config = world.config(InfluxDbTestServer.url(), "--influxdb.batch-size", "100");
        TestPipeline.run(config, new Configuration());

        // every sample, read back through the dashboard-api
        Map<String, String> apiSettings = new HashMap<>();
        apiSettings.put(ApiConfig.INFLUXDB_URL, InfluxDbTestServer.url());
        apiSettings.put(ApiConfig.INFLUXDB_TOKEN, InfluxDbTestServer.TOKEN);
        apiSettings.put(ApiConfig.INFLUXDB_BUCKET, world.database);
        apiSettings.put(ApiConfig.API_PORT, "0");
        try (DashboardApi api = DashboardApi.start(ApiConfig.from(apiSettings))) {
            String uri =
                    api.url()
                            + "/metrics?since="
                            + start
                            + "&until="
                            + (start + Duration.ofHours(1).toMillis())
                            + "&limit=10000";
            HttpResponse<String> r =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(uri)).build(),
                                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

            Map<String, Sample> expected = new TreeMap<>();
            samples.forEach(s -> expected.put(s.host + "@" + s.timestamp, s));
            Map<String, JsonNode> actual = new TreeMap<>();
            for (JsonNode n : JSON.readTree(r.body()).get("samples")) {
                long ts = Instant.parse(n.get("timestamp").asText()).toEpochMilli();
                actual.put(n.get("host").asText() + "@" + ts, n);
            }
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (Map.Entry<String, Sample> e : expected.entrySet()) {
                JsonNode n = actual.get(e.getKey());
                Sample s = e.getValue();
                assertThat(n.get("cpu").asDouble()).as(e.getKey()).isEqualTo(s.cpu);
                assertThat(n.get("memory").asDouble()).as(e.getKey()).isEqualTo(s.memory);
                assertThat(n.get("disk").asDouble()).as(e.getKey()).isEqualTo(s.disk);
                for (int i = 0; i < s.extraNames.length; i++) {
                    assertThat(n.get(s.extraNames[i]).asDouble()).isEqualTo(s.extraValues[i]);
                }
            }
        }

        // every injected incident that breaches a threshold rule is in `anomalies`, at its time
        Set<String> anomalyKeys = new HashSet<>();
        JsonNode series =
                JSON.readTree(
                                InfluxDbTestServer.query(
                                        world.database, "SELECT host, reason, cpu FROM anomalies"))
                        .at("/results/0/series/0/values");
        series.forEach(v -> anomalyKeys.add(v.get(1).asText() + "@" + v.get(0).asLong()));
        List<String> breaches =
                samples.stream()
                        .filter(s -> s.cpu > 85 || s.memory > 90 || s.disk > 95)
                        .map(s -> s.host + "@" + s.timestamp)
                        .toList();
        assertThat(breaches).isNotEmpty();
        assertThat(anomalyKeys).containsAll(breaches);
        assertThat(samples.stream().filter(s -> s.injected != null && s.cpu > 85))
                .as("the simulator injected CPU spikes")
                .isNotEmpty();
        // the job's verdicts are the detector library's over each host's samples in order: the
        // same anomalies, rule and model, at the same times; the model finds injected incidents
        // that no rule catches
        Detector library = new Detector(config.detector);
        Set<String> expectedAnomalies = new HashSet<>();
        Set<String> foundByModelOnly = new HashSet<>();
        for (Sample s : samples) {
            Anomaly a = library.process(s);
            if (a != null) {
                expectedAnomalies.add(a.reason + " " + s.host + "@" + s.timestamp);
                if (a.isModel() && s.injected != null) {
                    foundByModelOnly.add(s.host + "@" + s.timestamp);
                }
            }
        }
        Set<String> storedAnomalies = new HashSet<>();
        series.forEach(
                v ->
                        storedAnomalies.add(
                                v.get(2).asText()
                                        + " "
                                        + v.get(1).asText()
                                        + "@"
                                        + v.get(0).asLong()));
        assertThat(storedAnomalies).isEqualTo(expectedAnomalies);
        assertThat(foundByModelOnly).as("injected incidents found by the model").isNotEmpty();
        // no Slack webhook in this test: alerts are recorded, marked as not sent
        assertThat(world.countPoints("alerts", "attempts")).isPositive();

        // every poison record, with its reason and its original bytes
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTestBroker.consume(
                        world.deadLetterTopic, poison.size(), Duration.ofSeconds(30));
        assertThat(dead).hasSize(poison.size());
        Map<String, String> reasonByValue = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            String reason =
                    new String(
                            d.headers().lastHeader(DeadLetterSerializer.HEADER_REASON).value(),
                            StandardCharsets.UTF_8);
            reasonByValue.put(
                    new String(
                            d.value() == null ? new byte[0] : d.value(),
                            StandardCharsets.ISO_8859_1),
                    reason);
            assertThat(d.headers().lastHeader(DeadLetterSerializer.HEADER_TOPIC).value())
                    .isEqualTo(world.metricsTopic.getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> p : POISON.entrySet()) {
            String asLatin1 =
                    new String(
                            p.getKey().getBytes(StandardCharsets.UTF_8),
                            StandardCharsets.ISO_8859_1);
            assertThat(reasonByValue.get(asLatin1)).as(p.getKey()).startsWith(p.getValue());
        }
        assertThat(reasonByValue.get(new String(BINARY, StandardCharsets.ISO_8859_1)))
                .startsWith("not valid JSON");
    }
}
