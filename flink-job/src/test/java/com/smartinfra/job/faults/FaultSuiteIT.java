package com.smartinfra.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.job.JobConfig;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.Detector;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.job.ingest.PoisonRecords;
import com.smartinfra.schema.InvalidSampleException;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.SampleTimeBounds;
import com.smartinfra.testing.SlackWebhookStandIn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: the local stack of {@code bin/smart-infra up} (real Kafka, InfluxDB, Flink
 * standalone cluster, simulator, API) under a steady load of 1,000 samples/s, one fault after the
 * other, then proof that nothing was lost or doubled. Every case is bounded in time; the figures go
 * to {@code target/fault-report.md} (and from there to docs/reliability.md).
 *
 * <p>Run by {@code bin/smart-infra test --faults} ({@code mvn verify -Pfaults}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
    private static final Logger LOG = LoggerFactory.getLogger(FaultSuiteIT.class);

    static final int HOSTS = 100;
    static final int RATE = 1_000;
    static final String SIM_ARGS =
            "--hosts " + HOSTS + " --rate " + RATE + " --anomaly-rate 0.01 --seed 11";

    /**
     * The deployed configuration, but for two settings: models train after 30 s instead of 2 min
     * (so that the faults meet trained forests), and the Slack stand-in takes 20 messages/s where
     * Slack takes one (so that a backlog drains within the test).
     */
    static final String JOB_ARGS = "--detect.warm-up 30s --alert.slack.send-interval 50ms";

    private static final Pattern MESSAGE_ID = Pattern.compile("message ([A-Za-z0-9._-]+#\\d+)");

    private final String influxToken = "fault-suite-influx-" + UUID.randomUUID();
    private final String apiToken = "fault-suite-api-" + UUID.randomUUID();
    private SlackWebhookStandIn slack;
    private LocalStack stack;
    private final Map<String, String> report =
            new LinkedHashMap<>() {
                @Override
                public String put(String key, String value) {
                    LOG.info("fault suite: {}: {}", key, value);
                    return super.put(key, value);
                }
            };

    @BeforeAll
    void up() throws Exception {
        slack = new SlackWebhookStandIn();
        Path home = Files.createTempDirectory("fault-suite-").resolve("stack");
        Map<String, String> s = new HashMap<>();
        s.put("SLACK_WEBHOOK_URL", slack.webhookUrl());
        s.put("INFLUXDB_TOKEN", influxToken);
        s.put("API_TOKEN", apiToken);
        s.put("SMART_INFRA_SIM_ARGS", SIM_ARGS);
        // simulated hosts only: the suite counts them (the local agent's real host is not one)
        s.put("SMART_INFRA_AGENT", "0");
        s.put("SMART_INFRA_JOB_ARGS", JOB_ARGS);
        long t0 = System.nanoTime();
        stack = LocalStack.up(home, s);
        report.put("stack up", seconds(t0));
        // trained forests and firing alerts before the first fault
        await(
                "samples of every host, models past warm-up, alerts at Slack",
                Duration.ofMinutes(3),
                () ->
                        distinctHosts("system_metrics") == HOSTS
                                && !slack.accepted().isEmpty()
                                && countModelAnomalies() > 0);
        report.put("load", SIM_ARGS + " (simulator, real time)");
    }

    @AfterAll
    void down() throws Exception {
        try {
            Path out = Path.of("target/fault-report.md");
            StringBuilder b = new StringBuilder("| what | figure |\n|---|---|\n");
            report.forEach(
                    (k, v) -> b.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            Files.writeString(out, b.toString());
            LOG.info("Fault report:\n{}", b);
        } finally {
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                if (slack != null) {
                    slack.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void aKilledTaskManagerIsReplacedAndTheJobResumesFromItsCheckpoint() throws Exception {
        long t0 = System.nanoTime();
        long killedAt = System.currentTimeMillis();
        stack.kill9("taskmanager");
        await(
                "the job restarted and runs again",
                Duration.ofMinutes(3),
                () ->
                        stack.lastRestartAt() >= killedAt - 1_000
                                && "RUNNING".equals(stack.jobState()));
        report.put("TaskManager kill -9: job RUNNING again", seconds(t0));
        long checkpoints = stack.completedCheckpoints();
        await(
                "a checkpoint completed after the restore",
                Duration.ofMinutes(2),
                () -> stack.completedCheckpoints() > checkpoints);
        report.put("TaskManager kill -9: back to RUNNING with a new checkpoint", seconds(t0));
    }

    @Test
    @Order(2)
    void anInfluxDbOutageOfTwoMinutesStopsNothingAndAlertsStillGoOut() throws Exception {
        long restarts = stack.lastRestartAt();
        long checkpoints = stack.completedCheckpoints();
        int accepted = slack.accepted().size();
        stack.command(Duration.ofMinutes(1), "stop", "influxdb");
        long down = System.currentTimeMillis();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(stack.jobState()).as("job state during the outage").isEqualTo("RUNNING");
                assertThat(stack.lastRestartAt())
                        .as("time of the last restart, during the outage")
                        .isEqualTo(restarts);
                Thread.sleep(10_000);
            }
            assertThat(stack.completedCheckpoints())
                    .as("checkpoints completed during the outage")
                    .isGreaterThan(checkpoints);
            assertThat(slack.accepted().size())
                    .as("alerts delivered to Slack during the outage")
                    .isGreaterThan(accepted);
        } finally {
            if (System.currentTimeMillis() - down < 120_000) {
                Thread.sleep(Math.max(0, 120_000 - (System.currentTimeMillis() - down)));
            }
            stack.command(Duration.ofMinutes(1), "start", "influxdb");
        }
        long up = System.currentTimeMillis();
        long t0 = System.nanoTime();
        await(
                "InfluxDB has the samples of the outage and after",
                Duration.ofMinutes(5),
                () -> newestSampleTime() >= up);
        report.put("InfluxDB down 2 min: outage", seconds(down, up));
        report.put("InfluxDB down 2 min: catch-up after restart", seconds(t0));
        assertThat(stack.lastRestartAt())
                .as("time of the last restart, after the outage")
                .isEqualTo(restarts);
        report.put(
                "InfluxDB down 2 min: checkpoints completed during it",
                String.valueOf(stack.completedCheckpoints() - checkpoints));
    }

    @Test
    @Order(3)
    void aRestartedKafkaBrokerIsRejoinedByTheJobTheSimulatorAndTheApi() throws Exception {
        stack.command(Duration.ofMinutes(1), "stop", "kafka");
        long t0;
        try {
            Thread.sleep(15_000);
        } finally {
            t0 = System.nanoTime();
            stack.command(Duration.ofMinutes(3), "start", "kafka");
        }
        long up = System.currentTimeMillis();
        report.put("Kafka restart: broker start to topics ready", seconds(t0));
        await(
                "samples produced after the broker's restart are in InfluxDB",
                Duration.ofMinutes(3),
                () -> newestSampleTime() >= up && "RUNNING".equals(stack.jobState()));
        report.put("Kafka restart: to the first new sample in InfluxDB", seconds(t0));
        await(
                "the API's health check sees Kafka again",
                Duration.ofMinutes(1),
                () -> stack.httpStatus(stack.apiUrl() + "/health") == 200);
        // the simulator waited the broker out: no sample given up
        assertThat(Files.readAllLines(stack.home.resolve("logs/simulator.log")))
                .as("samples the simulator could not send")
                .noneMatch(l -> l.contains("could not send"));
    }

    @Test
    @Order(4)
    void aFailingSlackForFiveMinutesDelaysAlertsButNothingElse() throws Exception {
        long restarts = stack.lastRestartAt();
        long samples = countPoints("system_metrics");
        long anomalies = countPoints("anomalies");
        String[] modes = {"500", "429", "hang"};
        // meanwhile, poison at 10 % of the stream for a minute
        PoisonProducer poison = new PoisonProducer(RATE / 9, Duration.ofMinutes(1));
        poison.start();
        try {
            for (String mode : modes) {
                switch (mode) {
                    case "500" -> slack.failAlways(500);
                    case "429" -> slack.throttleAlways(5);
                    default -> slack.hangAlways();
                }
                Thread.sleep(100_000);
                long s = countPoints("system_metrics");
                long a = countPoints("anomalies");
                assertThat(s)
                        .as("samples keep flowing while Slack answers " + mode)
                        .isGreaterThan(samples);
                assertThat(a)
                        .as("anomalies keep flowing while Slack answers " + mode)
                        .isGreaterThan(anomalies);
                samples = s;
                anomalies = a;
            }
        } finally {
            slack.heal();
            poison.join();
        }
        report.put(
                "poison produced during the Slack outage (10 % of the stream for 1 min)",
                String.valueOf(poison.sent));
        assertThat(poison.failure).as("poison producer").isNull();
        assertThat(stack.lastRestartAt())
                .as("time of the last restart, while Slack fails")
                .isEqualTo(restarts);
        long t0 = System.nanoTime();
        await(
                "every alert recorded as pending is delivered",
                Duration.ofMinutes(5),
                () -> acceptedMessageIds().containsAll(pendingMessageIds()));
        report.put("Slack failing 5 min: backlog delivered after healing", seconds(t0));
    }

    @Test
    @Order(10)
    void afterAllFaultsNothingIsLostOrDoubled() throws Exception {
        stack.command(Duration.ofMinutes(1), "stop", "simulator");
        // what was produced: per host the count and the sums of each metric, and the detector
        // library's verdicts over the same samples in the same order
        Map<String, double[]> expected = new TreeMap<>();
        Detector library = new Detector(jobConfig().detector);
        Set<String> expectedAnomalies = new TreeSet<>();
        long[] refused = {0};
        forEachRecord(
                "metrics",
                r -> {
                    Sample s;
                    try {
                        // the job's rules: the wire format, then the time bounds at arrival
                        s = SampleJson.parse(r.value());
                        SampleTimeBounds.defaults().check(s.timestamp, r.timestamp());
                    } catch (InvalidSampleException e) {
                        refused[0]++;
                        return;
                    }
                    double[] e = expected.computeIfAbsent(s.host, h -> new double[4]);
                    e[0]++;
                    e[1] += s.cpu;
                    e[2] += s.memory;
                    e[3] += s.disk;
                    Anomaly a = library.process(s);
                    if (a != null) {
                        expectedAnomalies.add(a.reason + " " + s.host + "@" + s.timestamp);
                    }
                });
        long produced = expected.values().stream().mapToLong(e -> (long) e[0]).sum();
        report.put("samples produced (valid)", String.valueOf(produced));
        report.put("records refused (dead letters expected)", String.valueOf(refused[0]));
        long t0 = System.nanoTime();
        await(
                "InfluxDB holds every produced sample",
                Duration.ofMinutes(5),
                () -> countPoints("system_metrics") >= produced);
        report.put("drain after the simulator stopped", seconds(t0));

        // every sample exactly once
        Map<String, double[]> stored = new TreeMap<>();
        for (JsonNode series :
                stack.influx(
                                "SELECT count(cpu), sum(cpu), sum(memory), sum(disk) FROM"
                                        + " system_metrics GROUP BY host")
                        .at("/results/0/series")) {
            JsonNode v = series.at("/values/0");
            stored.put(
                    series.at("/tags/host").asText(),
                    new double[] {
                        v.get(1).asDouble(),
                        v.get(2).asDouble(),
                        v.get(3).asDouble(),
                        v.get(4).asDouble()
                    });
        }
        assertThat(stored.keySet()).isEqualTo(expected.keySet());
        for (String host : expected.keySet()) {
            double[] e = expected.get(host);
            double[] s = stored.get(host);
            assertThat(s[0]).as("samples of %s", host).isEqualTo(e[0]);
            for (int i = 1; i < 4; i++) {
                assertThat(s[i]).as("checksum %d of %s", i, host).isCloseTo(e[i], within(e[i]));
            }
        }

        // the anomalies are the detector library's verdicts: none lost, none extra
        Set<String> storedAnomalies = new TreeSet<>();
        for (JsonNode v :
                stack.influx("SELECT host, reason FROM anomalies")
                        .at("/results/0/series/0/values")) {
            storedAnomalies.add(
                    v.get(2).asText() + " " + v.get(1).asText() + "@" + v.get(0).asLong());
        }
        report.put("anomalies stored", String.valueOf(storedAnomalies.size()));
        assertThat(difference(storedAnomalies, expectedAnomalies))
                .as("anomalies stored that the detector does not give")
                .isEmpty();
        assertThat(difference(expectedAnomalies, storedAnomalies))
                .as("anomalies the detector gives that are not stored")
                .isEmpty();

        // every dead letter once, with a reason
        long[] dead = {0, 0};
        forEachRecord(
                "metrics-dlq",
                d -> {
                    dead[0]++;
                    if (d.headers().lastHeader(DeadLetterSerializer.HEADER_REASON) == null) {
                        dead[1]++;
                    }
                });
        assertThat(dead[0]).as("dead letters").isEqualTo(refused[0]);
        assertThat(dead[1]).as("dead letters without a reason").isZero();

        // Slack got every message once, and each one InfluxDB records as sent: the two sets meet
        // once the outbox is drained and the reports are written (the hosts, silent since the
        // simulator stopped, raise no-data alerts meanwhile: they must meet too)
        await(
                "every message recorded as pending or sent reached Slack, and every one Slack"
                        + " accepted is recorded as sent",
                Duration.ofMinutes(4),
                () ->
                        acceptedMessageIds().containsAll(pendingMessageIds())
                                && new TreeSet<>(acceptedMessageIds())
                                        .equals(new TreeSet<>(sentMessageIds())));
        List<String> accepted = acceptedMessageIdList();
        report.put("Slack messages accepted", String.valueOf(accepted.size()));
        assertThat(accepted).as("Slack messages sent twice").doesNotHaveDuplicates();
    }

    @Test
    @Order(11)
    void noSecretAppearsInAnyLog() throws Exception {
        String webhookSecret =
                SlackWebhookStandIn.PATH.substring(SlackWebhookStandIn.PATH.lastIndexOf('/') + 1);
        List<Path> logs = stack.logFiles();
        assertThat(logs).isNotEmpty();
        List<String> leaks = new ArrayList<>();
        for (Path f : logs) {
            String text = Files.readString(f, StandardCharsets.ISO_8859_1);
            for (String secret : List.of(influxToken, apiToken, webhookSecret)) {
                if (text.contains(secret)) {
                    leaks.add(f + " contains a secret");
                }
            }
        }
        report.put("log files checked for secrets", String.valueOf(logs.size()));
        assertThat(leaks).isEmpty();
    }

    // ------------------------------------------------------------------------------ helpers

    /** Seeded poison records into the metrics topic at a steady rate, beside the simulator. */
    private final class PoisonProducer extends Thread {
        private final int perSecond;
        private final Duration duration;
        volatile int sent;
        volatile Throwable failure;

        PoisonProducer(int perSecond, Duration duration) {
            super("poison-producer");
            this.perSecond = perSecond;
            this.duration = duration;
        }

        @Override
        public void run() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
            p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576");
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            long now = System.currentTimeMillis();
            PoisonRecords poison =
                    new PoisonRecords(
                            new Random(7),
                            List.of(
                                    new Sample("poison-template-1", now, 40, 50, 60),
                                    new Sample("poison-template-2", now, 90, 91, 97)));
            long end = System.nanoTime() + duration.toNanos();
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; System.nanoTime() < end; i++) {
                    // a few near 1 MiB, the rest small
                    byte[][] r = poison.record(i, i % 2_000 == 1);
                    producer.send(new ProducerRecord<>("metrics", r[0], r[1])).get();
                    sent = i + 1;
                    Thread.sleep(1000L / perSecond);
                }
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    private JobConfig jobConfig() {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers",
                                "x:9092",
                                "--influxdb.url",
                                "http://x:8086"));
        args.addAll(List.of(JOB_ARGS.split(" ")));
        return JobConfig.fromArgs(args.toArray(String[]::new));
    }

    /** Every committed record of a topic, partition by partition in offset order. */
    private void forEachRecord(String topic, Consumer<ConsumerRecord<byte[], byte[]>> visit) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "2097152");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (TopicPartition tp :
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList()) {
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                long end = c.endOffsets(List.of(tp)).get(tp);
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (c.position(tp) < end) {
                    assertThat(System.nanoTime()).as("read %s in time", tp).isLessThan(deadline);
                    c.poll(Duration.ofMillis(500)).forEach(visit);
                }
            }
        }
    }

    private long countPoints(String measurement) throws Exception {
        JsonNode v =
                stack.influx("SELECT count(*) FROM " + measurement)
                        .at("/results/0/series/0/values/0");
        long max = 0;
        for (int i = 1; i < v.size(); i++) {
            max = Math.max(max, v.get(i).asLong());
        }
        return max;
    }

    private long countModelAnomalies() throws Exception {
        return stack.influx("SELECT count(score) FROM anomalies WHERE reason = 'model'")
                .at("/results/0/series/0/values/0/1")
                .asLong(0);
    }

    private int distinctHosts(String measurement) throws Exception {
        return stack.influx("SHOW TAG VALUES FROM " + measurement + " WITH KEY = host")
                .at("/results/0/series/0/values")
                .size();
    }

    private long newestSampleTime() throws Exception {
        return stack.influx("SELECT last(cpu) FROM system_metrics")
                .at("/results/0/series/0/values/0/0")
                .asLong(0);
    }

    private Set<String> messageIds(String where) throws Exception {
        Set<String> ids = new HashSet<>();
        for (JsonNode v :
                stack.influx("SELECT message_id FROM alerts WHERE " + where)
                        .at("/results/0/series/0/values")) {
            ids.add(v.get(1).asText());
        }
        return ids;
    }

    private Set<String> pendingMessageIds() throws Exception {
        return messageIds("status = 'pending'");
    }

    private Set<String> sentMessageIds() throws Exception {
        return messageIds("status = 'sent'");
    }

    private List<String> acceptedMessageIdList() {
        List<String> ids = new ArrayList<>();
        for (String body : slack.accepted()) {
            Matcher m = MESSAGE_ID.matcher(body);
            if (m.find()) {
                ids.add(m.group(1));
            }
        }
        return ids;
    }

    private Set<String> acceptedMessageIds() {
        return new HashSet<>(acceptedMessageIdList());
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    private static org.assertj.core.data.Offset<Double> within(double expected) {
        return org.assertj.core.data.Offset.offset(Math.max(1e-6, Math.abs(expected) * 1e-9));
    }

    private static void await(String what, Duration timeout, Callable<Boolean> condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.call()) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e; // a server that is coming back
            }
            Thread.sleep(2_000);
        }
        throw new AssertionError("not within " + timeout + ": " + what, last);
    }

    private static String seconds(long t0Nanos) {
        return String.format("%.1f s", (System.nanoTime() - t0Nanos) / 1e9);
    }

    private static String seconds(long fromMillis, long toMillis) {
        return String.format("%.1f s", (toMillis - fromMillis) / 1e3);
    }
}
