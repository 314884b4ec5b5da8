package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.store.InfluxConnection;
import com.smartinfra.job.store.InfluxSink;
import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import com.smartinfra.testing.SlackWebhookStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole alerting path on real servers: samples and anomalies on a Flink MiniCluster, a silence
 * from a real Kafka control topic, messages to the Slack stand-in, every notification in a real
 * InfluxDB measurement {@code alerts}.
 */
class AlertPipelineITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void anomaliesBecomeSlackMessagesAndAlertPointsAndSilencesFromKafkaApply() throws Exception {
        String control = KafkaTestBroker.uniqueTopic("alert-control");
        KafkaTestBroker.createTopics(1, control);
        String until = Instant.now().plus(Duration.ofHours(1)).toString();
        KafkaTestBroker.produce(
                control,
                List.of(
                        record("this is not a command"),
                        record(
                                "{\"type\":\"silence\",\"id\":\"db-maint\",\"host\":\"db-02\","
                                        + "\"until\":\""
                                        + until
                                        + "\",\"comment\":\"disk swap\"}")));
        String db = InfluxDbTestServer.createDatabase("alerts");
        Path token = tmp.resolve("influx-token");
        Files.writeString(token, InfluxDbTestServer.TOKEN);

        long start = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        for (long t = start; t < start + 300_000; t += 5_000) {
            boolean high = t >= start + 60_000 && t < start + 120_000;
            samples.add(new Sample("web-01", t, high ? 92.3 : 30, 50, 60));
            samples.add(new Sample("db-02", t, 20, 40, high ? 97.5 : 70));
            if (high) {
                anomalies.add(
                        new Anomaly(
                                "web-01",
                                t,
                                92.3,
                                50,
                                60,
                                "cpu>85",
                                92.3,
                                85,
                                1,
                                "cpu 92.3% > 85 (expected 22.0–38.0%)"));
                anomalies.add(
                        new Anomaly(
                                "db-02",
                                t,
                                20,
                                40,
                                97.5,
                                "disk>95",
                                97.5,
                                95,
                                1,
                                "disk 97.5% > 95 (expected 65.0–75.0%)"));
            }
        }

        try (SlackWebhookStandIn slack = new SlackWebhookStandIn()) {
            Path url = tmp.resolve("slack-url");
            Files.writeString(url, slack.webhookUrl());
            Map<String, String> settings = new HashMap<>();
            settings.put("alert.slack.webhook-url-file", url.toString());
            settings.put("alert.control-topic", control);
            settings.put("alert.control-group-id", "alerts-" + control);
            settings.put("alert.group-wait", "10s");
            settings.put("alert.resolve-after", "30s");
            settings.put("alert.slack.send-interval", "100ms");
            settings.put("alert.dashboard-url", "http://dashboard.example:8080");
            AlertConfig config = AlertConfig.fromMap(settings);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            DataStream<Sample> sampleStream =
                    env.fromData(samples, TypeInformation.of(Sample.class))
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Sample>forMonotonousTimestamps()
                                            .withTimestampAssigner((s, ts) -> s.timestamp));
            DataStream<Anomaly> anomalyStream =
                    env.fromData(anomalies, TypeInformation.of(Anomaly.class))
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Anomaly>forMonotonousTimestamps()
                                            .withTimestampAssigner((a, ts) -> a.timestamp));
            AlertPipeline.attach(
                    sampleStream,
                    anomalyStream,
                    AlertPipeline.controlSource(config, KafkaTestBroker.bootstrapServers(), true),
                    "silences",
                    config,
                    alertsSink(db, token),
                    KafkaTestBroker.bootstrapServers());
            env.execute("alerting");

            List<String> texts = new ArrayList<>();
            for (String body : slack.accepted()) {
                texts.add(JSON.readTree(body).get("text").asText());
            }
            assertThat(texts).hasSize(2);
            assertThat(texts.get(0))
                    .startsWith(
                            "ALERT! High metrics detected:\n"
                                    + "CPU = 92.3% | Mem = 50.0% | Disk = 60.0%\n"
                                    + "CRITICAL FIRING web-01 cpu: cpu 92.3% &gt; 85 (expected"
                                    + " 22.0–38.0%)")
                    .contains("id web-01|cpu|" + (start + 60_000) + "|0")
                    .endsWith("Dashboard: http://dashboard.example:8080/#host=web-01");
            assertThat(texts.get(1))
                    .startsWith("RESOLVED: back to normal on web-01:\nCPU = 30.0%")
                    .contains("id web-01|cpu|" + (start + 60_000) + "|1");
            assertThat(String.join("\n", texts)).doesNotContain("db-02");
        }

        Map<String, Map<String, JsonNode>> points = alertPoints(db);
        assertThat(points.keySet())
                .containsExactlyInAnyOrder(
                        "web-01|cpu|firing",
                        "web-01|cpu|resolved",
                        "db-02|disk|firing",
                        "db-02|disk|resolved");
        Map<String, JsonNode> fired = points.get("web-01|cpu|firing");
        assertThat(fired.get("id").asText()).isEqualTo("web-01|cpu|" + (start + 60_000) + "|0");
        assertThat(fired.get("delivered").asBoolean()).isTrue();
        assertThat(fired.get("status").asText()).isEqualTo("sent");
        assertThat(fired.get("severity").asText()).isEqualTo("critical");
        assertThat(fired.get("value").asDouble()).isEqualTo(92.3);
        assertThat(fired.get("threshold").asDouble()).isEqualTo(85.0);
        assertThat(points.get("web-01|cpu|resolved").get("state").asText()).isEqualTo("resolved");
        for (String k : List.of("db-02|disk|firing", "db-02|disk|resolved")) {
            assertThat(points.get(k).get("delivered").asBoolean()).as(k).isFalse();
            assertThat(points.get(k).get("silenced").asBoolean()).as(k).isTrue();
            assertThat(points.get(k).get("status").asText()).as(k).isEqualTo("silenced");
        }
    }

    @Test
    void inTheLiveJobTheControlTopicNeverHoldsBackEventTimeEvenWhenItDoesNotExist()
            throws Exception {
        String control = KafkaTestBroker.uniqueTopic("alert-control-missing"); // never created
        String db = InfluxDbTestServer.createDatabase("alerts_live");
        Path token = tmp.resolve("influx-token");
        Files.writeString(token, InfluxDbTestServer.TOKEN);
        long start = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        for (long t = start; t < start + 60_000; t += 5_000) {
            samples.add(new Sample("web-03", t, 30, 91.5, 60));
            anomalies.add(
                    new Anomaly(
                            "web-03",
                            t,
                            30,
                            91.5,
                            60,
                            "memory>90",
                            91.5,
                            90,
                            1,
                            "memory 91.5% > 90 (expected 40.0–55.0%)"));
        }
        try (SlackWebhookStandIn slack = new SlackWebhookStandIn()) {
            Path url = tmp.resolve("slack-url");
            Files.writeString(url, slack.webhookUrl());
            AlertConfig config =
                    AlertConfig.fromMap(
                            Map.of(
                                    "alert.slack.webhook-url-file",
                                    url.toString(),
                                    "alert.control-topic",
                                    control,
                                    "alert.group-wait",
                                    "0s",
                                    "alert.slack.send-interval",
                                    "100ms"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            AlertPipeline.attach(
                    env.fromData(samples, TypeInformation.of(Sample.class))
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Sample>forMonotonousTimestamps()
                                            .withTimestampAssigner((x, ts) -> x.timestamp)),
                    env.fromData(anomalies, TypeInformation.of(Anomaly.class))
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Anomaly>forMonotonousTimestamps()
                                            .withTimestampAssigner((x, ts) -> x.timestamp)),
                    AlertPipeline.controlSource(config, KafkaTestBroker.bootstrapServers(), false),
                    "silences",
                    config,
                    alertsSink(db, token),
                    KafkaTestBroker.bootstrapServers());
            JobClient job = env.executeAsync("alerting-live");
            try {
                assertThat(slack.awaitRequests(1, Duration.ofSeconds(60))).isTrue();
                assertThat(JSON.readTree(slack.requests().get(0).body).get("text").asText())
                        .startsWith("ALERT! High metrics detected:")
                        .contains("CRITICAL FIRING web-03 memory");
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void hostsBreachingTogetherPageOnceAsAFleetIncidentAndResolveOnce() throws Exception {
        String control = KafkaTestBroker.uniqueTopic("alert-control-fleet");
        KafkaTestBroker.createTopics(1, control);
        String db = InfluxDbTestServer.createDatabase("alerts_fleet");
        Path token = tmp.resolve("influx-token");
        Files.writeString(token, InfluxDbTestServer.TOKEN);
        long start = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 1000 * 1000;
        List<String> hosts = List.of("web-01", "db-01", "cache-01");
        List<Sample> samples = new ArrayList<>();
        List<Anomaly> anomalies = new ArrayList<>();
        for (long t = start; t < start + 300_000; t += 5_000) {
            // a shared dependency fails: every host's CPU spins at once
            boolean high = t >= start + 60_000 && t < start + 120_000;
            for (String host : hosts) {
                samples.add(new Sample(host, t, high ? 93.1 : 30, 50, 60));
                if (high) {
                    anomalies.add(
                            new Anomaly(
                                    host,
                                    t,
                                    93.1,
                                    50,
                                    60,
                                    "cpu>85",
                                    93.1,
                                    85,
                                    1,
                                    "cpu 93.1% > 85 (expected 22.0–38.0%)"));
                }
            }
        }
        try (SlackWebhookStandIn slack = new SlackWebhookStandIn()) {
            Path url = tmp.resolve("slack-url");
            Files.writeString(url, slack.webhookUrl());
            AlertConfig config =
                    AlertConfig.fromMap(
                            Map.of(
                                    "alert.slack.webhook-url-file",
                                    url.toString(),
                                    "alert.control-topic",
                                    control,
                                    "alert.control-group-id",
                                    "alerts-" + control,
                                    "alert.group-wait",
                                    "10s",
                                    "alert.resolve-after",
                                    "30s",
                                    "alert.slack.send-interval",
                                    "100ms",
                                    "alert.fleet.enabled",
                                    "true"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            AlertPipeline.attach(
                    env.fromData(samples, TypeInformation.of(Sample.class))
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Sample>forMonotonousTimestamps()
                                            .withTimestampAssigner((x, ts) -> x.timestamp)),
                    env.fromData(anomalies, TypeInformation.of(Anomaly.class))
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<Anomaly>forMonotonousTimestamps()
                                            .withTimestampAssigner((x, ts) -> x.timestamp)),
                    AlertPipeline.controlSource(config, KafkaTestBroker.bootstrapServers(), true),
                    "silences",
                    config,
                    alertsSink(db, token),
                    KafkaTestBroker.bootstrapServers());
            env.execute("alerting-fleet");

            List<String> texts = new ArrayList<>();
            for (String body : slack.accepted()) {
                texts.add(JSON.readTree(body).get("text").asText());
            }
            // one page, one resolve: decided in event time, however fast the replay runs
            assertThat(texts).as("messages").hasSize(2);
            assertThat(texts.get(0))
                    .startsWith("ALERT! Fleet incident: 3 hosts turned anomalous together:")
                    .contains("CRITICAL FIRING web-01 cpu", "CRITICAL FIRING db-01 cpu")
                    .contains("CRITICAL FIRING cache-01 cpu");
            assertThat(texts.get(1))
                    .matches(
                            "(?s)RESOLVED: fleet incident fleet-[0-9a-f]{12} is over on all 3"
                                    + " hosts:.*")
                    .contains("RESOLVED web-01 cpu", "RESOLVED db-01 cpu", "RESOLVED cache-01 cpu");
            // ids from the incident's identity: its first host and first page, then the place
            String incident =
                    "fleet-"
                            + texts.get(1)
                                    .replaceAll("(?s)^RESOLVED: fleet incident fleet-", "")
                                    .substring(0, 12);
            assertThat(slack.accepted().get(0)).contains("message " + incident + "#1");
            assertThat(slack.accepted().get(1)).contains("message " + incident + "#2");
        }
        // every host's notifications are recorded, sent as part of the fleet messages
        Map<String, Map<String, JsonNode>> points = alertPoints(db);
        assertThat(points.keySet())
                .containsExactlyInAnyOrder(
                        "web-01|cpu|firing",
                        "web-01|cpu|resolved",
                        "db-01|cpu|firing",
                        "db-01|cpu|resolved",
                        "cache-01|cpu|firing",
                        "cache-01|cpu|resolved");
        assertThat(points.values())
                .allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("sent"));
    }

    private static Sink<AlertDelivery> alertsSink(String db, Path token) {
        return InfluxSink.<AlertDelivery>builder()
                .setConnection(
                        new InfluxConnection(
                                InfluxDbTestServer.url(),
                                InfluxDbTestServer.ORG,
                                db,
                                "SMART_INFRA_TEST_UNSET_TOKEN_ENV",
                                token.toString(),
                                Duration.ofSeconds(10)))
                .setElementConverter(new AlertsConverter())
                .build();
    }

    /** host|cause|kind → column → value, from {@code SELECT * FROM alerts}. */
    private static Map<String, Map<String, JsonNode>> alertPoints(String db) throws Exception {
        JsonNode series =
                JSON.readTree(InfluxDbTestServer.query(db, "SELECT * FROM alerts"))
                        .path("results")
                        .path(0)
                        .path("series")
                        .path(0);
        Map<String, Map<String, JsonNode>> out = new HashMap<>();
        for (JsonNode row : series.path("values")) {
            Map<String, JsonNode> cols = new HashMap<>();
            for (int i = 0; i < series.get("columns").size(); i++) {
                cols.put(series.get("columns").get(i).asText(), row.get(i));
            }
            out.put(
                    cols.get("host").asText()
                            + "|"
                            + cols.get("cause").asText()
                            + "|"
                            + cols.get("kind").asText(),
                    cols);
        }
        return out;
    }

    private static Map.Entry<byte[], byte[]> record(String value) {
        return new SimpleEntry<>(null, value.getBytes(StandardCharsets.UTF_8));
    }
}
