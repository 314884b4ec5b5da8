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

    /**
     * A Slack message's id in its footer: a host's ({@code web-01#3}) or a fleet incident's ({@code
     * fleet-3f9a0c1d2b4e#1}); both are the same after a restore, so one check covers them.
     */
    private static final Pattern MESSAGE_ID = Pattern.compile("message ([A-Za-z0-9._-]+#\\d+)");

    /**
     * The upgrade of the rescale phase: the same build with a changed detector setting that a
     * savepoint allows (the forests' state time-to-live, 24 h by default; not a setting that
     * changes a verdict, so that the detector library's verdicts still hold for the whole run).
     */
    static final List<String> UPGRADE_ARGS = List.of("--detect.state-ttl", "48h");

    /** An alert item of a Slack message's text: {@code SEVERITY STATE host cause ... | id ID}. */
    private static final Pattern SLACK_ITEM =
            Pattern.compile(
                    "(?m)^\\S+ (FIRING|STILL FIRING|FLAPPING|RESOLVED) .*\\| id"
                            + " ([^|\\s]+\\|[^|\\s]+\\|\\d+)\\|\\d+$");

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final String influxToken = "fault-suite-influx-" + UUID.randomUUID();
    private final String apiToken = "fault-suite-api-" + UUID.randomUUID();
    private SlackWebhookStandIn slack;
    private LocalStack stack;

    /** The planned restarts of the rescale phase, in order. */
    private final List<Restart> restartsDone = new ArrayList<>();

    /** When the TaskManager was killed ({@link System#nanoTime}), or -1 before. */
    private long taskManagerKilledAtNanos = -1;

    /** Alerts Slack had been told were firing, and not resolved, before the first restart. */
    private Set<String> firingBeforeRestarts = Set.of();

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
        // the rescale phase: parallelism 2 -> 1 -> 3 over a topic of more partitions than that
        s.put("SMART_INFRA_METRICS_PARTITIONS", "4");
        s.put("SMART_INFRA_TM_SLOTS", "3");
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
        taskManagerKilledAtNanos = System.nanoTime();
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

    /**
     * Slack fails for 5 minutes; meanwhile (the outage's clock runs anyway, so this costs no time)
     * the job is rescaled 2 → 1 → 3 and upgraded, one restart in each of the outage's thirds, so
     * that every savepoint holds a Slack outbox of undelivered messages. The restarts are checked
     * by {@link #theRestartsKeptEveryModelAlertAndSample()} and {@link
     * #afterAllFaultsNothingIsLostOrDoubled()}.
     */
    @Test
    @Order(4)
    void aFailingSlackForFiveMinutesDelaysAlertsButNothingElse() throws Exception {
        String job = stack.jobId();
        long restarts = stack.lastRestartAt();
        long samples = countPoints("system_metrics");
        long anomalies = countPoints("anomalies");
        String[] modes = {"500", "429", "hang"};
        List<Callable<Restart>> operations =
                List.of(() -> rescale(1), () -> rescale(3), this::upgrade);
        firingBeforeRestarts = firingAlerts(slackItems());
        report.put("alerts firing at Slack before the restarts", "" + firingBeforeRestarts.size());
        // meanwhile, poison at 10 % of the stream for a minute
        PoisonProducer poison = new PoisonProducer(RATE / 9, Duration.ofMinutes(1));
        poison.start();
        try {
            for (int i = 0; i < modes.length; i++) {
                String mode = modes[i];
                switch (mode) {
                    case "500" -> slack.failAlways(500);
                    case "429" -> slack.throttleAlways(5);
                    default -> slack.hangAlways();
                }
                long end = System.currentTimeMillis() + 100_000;
                Restart r = operations.get(i).call();
                restartsDone.add(r);
                report.put(r.what + ": stopped to RUNNING", seconds(r.stoppedAt, r.runningAt));
                Thread.sleep(Math.max(0, end - System.currentTimeMillis()));
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
        // the planned restarts made new jobs: none of them restarted on its own
        assertThat(stack.lastRestartAt())
                .as("time of the last restart, while Slack fails")
                .isEqualTo(stack.jobId().equals(job) ? restarts : 0L);
        long t0 = System.nanoTime();
        await(
                "every alert recorded as pending is delivered",
                Duration.ofMinutes(5),
                () -> acceptedMessageIds().containsAll(pendingMessageIds()));
        report.put("Slack failing 5 min: backlog delivered after healing", seconds(t0));
    }

    /**
     * The restarts made while Slack failed (rescale to 1, rescale to 3, an upgrade through {@code
     * savepoint}, {@code cancel} and {@code submit --from-savepoint --jar}) kept every host's
     * forest, every alert's lifecycle and the Slack outbox; the samples are counted in {@link
     * #afterAllFaultsNothingIsLostOrDoubled()}, with everything else.
     */
    @Test
    @Order(5)
    void theRestartsKeptEveryModelAlertAndSample() throws Exception {
        assertThat(restartsDone).as("restarts done while Slack failed").hasSize(3);
        int[] parallelism = {1, 3, 3};
        for (int i = 0; i < restartsDone.size(); i++) {
            Restart r = restartsDone.get(i);
            assertThat(r.jobAfter).as("job after the %s", r.what).isNotEqualTo(r.jobBefore);
            assertThat(r.parallelism)
                    .as("parallelism after the %s", r.what)
                    .isEqualTo(parallelism[i]);
        }
        assertThat(Files.readString(stack.home.resolve("run/job.env")))
                .as("the submission resume would repeat: the upgrade's arguments")
                .contains(UPGRADE_ARGS.get(0));
        assertThat(restartsDone.stream().mapToInt(r -> r.waitingAtSlack).max().orElse(0))
                .as("messages waiting for Slack when a savepoint was taken")
                .isPositive();

        // the models and alerts are checked once the job caught up with its input (the
        // restarts leave a backlog): after all faults, with every anomaly and message in
        // (theRestartsKeptEveryModelAndAlert)
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
        // around each planned restart, from 5 s before its stop to 5 s after it runs again
        List<long[]> ranges =
                restartsDone.stream()
                        .map(r -> new long[] {r.stoppedAt - 5_000, r.runningAt + 5_000})
                        .toList();
        List<Map<String, Long>> expectedInRange = new ArrayList<>();
        ranges.forEach(x -> expectedInRange.add(new TreeMap<>()));
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
                    for (int i = 0; i < ranges.size(); i++) {
                        if (s.timestamp >= ranges.get(i)[0] && s.timestamp <= ranges.get(i)[1]) {
                            expectedInRange.get(i).merge(s.host, 1L, Long::sum);
                        }
                    }
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

        // around each restart, per host, every sample once (InfluxDB keeps one point per host
        // and time: a sample stored twice would change the sums above, one lost the count)
        for (int i = 0; i < ranges.size(); i++) {
            Map<String, Long> storedInRange = new TreeMap<>();
            perHost(
                            "SELECT count(cpu) FROM system_metrics WHERE time >= "
                                    + ranges.get(i)[0]
                                    + "ms AND time <= "
                                    + ranges.get(i)[1]
                                    + "ms GROUP BY host")
                    .forEach((h, v) -> storedInRange.put(h, v[0]));
            String what = restartsDone.get(i).what;
            assertThat(expectedInRange.get(i))
                    .as("hosts sending around the %s", what)
                    .hasSize(HOSTS);
            assertThat(storedInRange)
                    .as("samples per host around the %s", what)
                    .isEqualTo(expectedInRange.get(i));
            report.put(
                    "samples around the " + what + " (5 s before its stop to 5 s after it ran)",
                    expectedInRange.get(i).values().stream().mapToLong(Long::longValue).sum()
                            + ", each stored once");
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
        report.put(
                "Slack messages sent twice (accepted just before the kill -9, not yet journaled)",
                String.valueOf(sentTwiceAcrossTheKill()));

        theRestartsKeptEveryModelAndAlert();
    }

    /**
     * The rescale phase's checks on data that is complete: every anomaly is stored and every
     * message delivered (checked just before).
     */
    private void theRestartsKeptEveryModelAndAlert() throws Exception {
        assertThat(restartsDone).as("restarts done while Slack failed").hasSize(3);
        // models: each host judged after a restart by its restored forest, never by a new one
        long now = System.currentTimeMillis();
        for (Restart r : restartsDone) {
            report.put(
                    r.what + ": hosts judged after it by their restored model",
                    modelsContinued(r, now));
        }

        // alerts: announced firing once, resolved once, no new episode while one is open. Under
        // load most stay firing (a host breaches again within alert.resolve-after); those that
        // resolved after a restart were resolved by the restored lifecycle
        assertThat(firingBeforeRestarts).as("alerts firing before the restarts").isNotEmpty();
        List<SlackItem> items = slackItems();
        Map<String, Integer> counts = new TreeMap<>();
        for (SlackItem i : items) {
            if (i.kind.equals("FIRING") || i.kind.equals("RESOLVED")) {
                counts.merge(i.kind + " " + i.alertId, 1, Integer::sum);
            }
        }
        Set<String> resolvedAtSlack = new HashSet<>();
        counts.forEach(
                (k, n) -> {
                    if (k.startsWith("RESOLVED ")) {
                        resolvedAtSlack.add(k.substring("RESOLVED ".length()));
                    }
                });
        counts.values().removeIf(n -> n == 1);
        assertThat(counts).as("alerts announced firing or resolved more than once").isEmpty();
        for (String alert : firingBeforeRestarts) {
            String hostCause = alert.substring(0, alert.lastIndexOf('|') + 1);
            boolean open = false;
            for (SlackItem i : items) {
                if (i.alertId.equals(alert)) {
                    if (i.kind.equals("RESOLVED")) {
                        break;
                    }
                    open = true;
                }
                assertThat(
                                open
                                        && i.kind.equals("FIRING")
                                        && i.alertId.startsWith(hostCause)
                                        && !i.alertId.equals(alert))
                        .as("%s announced while %s was still firing", i.alertId, alert)
                        .isFalse();
            }
        }
        Set<String> resolvedAfterRestart = new HashSet<>();
        for (JsonNode v :
                stack.influx(
                                "SELECT id FROM alerts WHERE kind = 'resolved' AND time >= "
                                        + restartsDone.get(0).stoppedAt
                                        + "ms")
                        .at("/results/0/series/0/values")) {
            String id = v.get(1).asText();
            resolvedAfterRestart.add(id.substring(0, id.lastIndexOf('|')));
        }
        resolvedAfterRestart.retainAll(firingBeforeRestarts);
        resolvedAfterRestart.retainAll(resolvedAtSlack);
        report.put(
                "alerts firing before the restarts: resolved once at Slack after one",
                resolvedAfterRestart.size() + " of " + firingBeforeRestarts.size());
        assertThat(resolvedAfterRestart)
                .as("alerts firing across a restart and resolved at Slack after it")
                .isNotEmpty();
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

    /** One planned restart of the job: what, when, and what it left running. */
    private record Restart(
            String what,
            long stoppedAt,
            long runningAt,
            String jobBefore,
            String jobAfter,
            int parallelism,
            String savepoint,
            int waitingAtSlack) {}

    /** {@code bin/smart-infra rescale N}: stop with a savepoint, submit from it at N. */
    private Restart rescale(int n) throws Exception {
        String before = stack.jobId();
        int waiting = waitingAtSlack();
        long t0 = System.currentTimeMillis();
        String out = stack.command(Duration.ofMinutes(5), "rescale", String.valueOf(n));
        long t1 = System.currentTimeMillis();
        Matcher m = Pattern.compile("(?m)^savepoint (\\S+)$").matcher(out);
        assertThat(m.find()).as("the savepoint rescale printed:%n%s", out).isTrue();
        return new Restart(
                "rescale to " + n,
                t0,
                t1,
                before,
                stack.jobId(),
                stack.jobParallelism(),
                m.group(1),
                waiting);
    }

    /**
     * The upgrade as an operator does it: {@code savepoint}, {@code cancel}, then {@code submit
     * --from-savepoint PATH --jar JAR -- ARGS} (the same build, changed arguments). What the job
     * did between the savepoint and the cancel is done again from the savepoint.
     */
    private Restart upgrade() throws Exception {
        String before = stack.jobId();
        int waiting = waitingAtSlack();
        long t0 = System.currentTimeMillis();
        Matcher m =
                Pattern.compile("(?m)^(file:\\S+|/\\S+)$")
                        .matcher(stack.command(Duration.ofMinutes(3), "savepoint"));
        String savepoint = null;
        while (m.find()) {
            savepoint = m.group(1);
        }
        assertThat(savepoint).as("the savepoint's path").isNotNull();
        stack.command(Duration.ofMinutes(2), "cancel");
        Path jar;
        try (var jars = Files.list(stack.home.resolve("app"))) {
            jar =
                    jars.filter(f -> f.getFileName().toString().matches("flink-job-.*-job\\.jar"))
                            .findFirst()
                            .orElseThrow();
        }
        List<String> submit =
                new ArrayList<>(
                        List.of(
                                "submit",
                                "--from-savepoint",
                                savepoint,
                                "--jar",
                                jar.toString(),
                                "--"));
        submit.addAll(UPGRADE_ARGS);
        stack.command(Duration.ofMinutes(4), submit.toArray(String[]::new));
        long t1 = System.currentTimeMillis();
        return new Restart(
                "upgrade (savepoint, cancel, submit --from-savepoint --jar)",
                t0,
                t1,
                before,
                stack.jobId(),
                stack.jobParallelism(),
                savepoint,
                waiting);
    }

    /**
     * Checks that every host's anomalies from the restart's end until {@code until} carry at least
     * the model version its anomalies had before the restart's stop (versions only grow: a host
     * back in warm-up has 0, a new forest 1); returns the figures.
     */
    private String modelsContinued(Restart r, long until) throws Exception {
        Map<String, long[]> before =
                perHost(
                        "SELECT max(model_version) FROM anomalies WHERE time < "
                                + r.stoppedAt
                                + "ms GROUP BY host");
        Map<String, long[]> after =
                perHost(
                        "SELECT first(model_version), min(model_version) FROM anomalies"
                                + " WHERE time >= "
                                + r.runningAt
                                + "ms AND time < "
                                + until
                                + "ms GROUP BY host");
        // at 1 % anomalous samples a quiet host may have none yet: it has nothing to compare
        assertThat(before.size())
                .as("hosts with anomalies before the %s", r.what)
                .isGreaterThanOrEqualTo(HOSTS * 9 / 10);
        List<Long> first = new ArrayList<>();
        for (Map.Entry<String, long[]> e : before.entrySet()) {
            long trained = e.getValue()[0];
            assertThat(trained)
                    .as("model version of %s before the %s", e.getKey(), r.what)
                    .isPositive();
            long[] a = after.get(e.getKey());
            if (a != null) {
                first.add(a[0]);
                assertThat(a[0])
                        .as(
                                "model version of the first anomaly of %s after the %s (before"
                                        + " it: %d)",
                                e.getKey(), r.what, trained)
                        .isGreaterThanOrEqualTo(trained);
                assertThat(a[1])
                        .as("lowest model version of %s after the %s", e.getKey(), r.what)
                        .isGreaterThanOrEqualTo(trained);
            }
        }
        // anomalies come in bursts: the last restart leaves about a minute to meet some
        assertThat(first.size())
                .as("hosts with an anomaly judged after the %s", r.what)
                .isGreaterThanOrEqualTo(HOSTS / 4);
        return first.size()
                + " (median model version before "
                + median(before.values().stream().map(v -> v[0]).toList())
                + ", of the first anomaly after "
                + median(first)
                + ")";
    }

    /** Messages the job recorded as pending that Slack has not accepted yet. */
    private int waitingAtSlack() throws Exception {
        Set<String> waiting = pendingMessageIds();
        waiting.removeAll(acceptedMessageIds());
        return waiting.size();
    }

    /** One alert line of a message Slack accepted: its state label and the alert's id. */
    private record SlackItem(String kind, String alertId) {}

    /**
     * The alert lines of every message Slack accepted, in the order it accepted them. A message too
     * long to list every notification (it ends "… and N more") is read from what the job recorded
     * it carried: its {@code alerts} rows, in time order.
     */
    private List<SlackItem> slackItems() throws Exception {
        List<SlackItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String body : slack.accepted()) {
            String text = JSON.readTree(body).path("text").asText();
            Matcher id = MESSAGE_ID.matcher(body);
            boolean hasId = id.find();
            if (hasId && !seen.add(id.group(1))) {
                // the one message the kill -9 may send again (sentTwiceAcrossTheKill bounds it):
                // its notifications were announced once, in its first delivery
                continue;
            }
            if (text.contains("\n… and ") && hasId) {
                items.addAll(recordedItems(id.group(1)));
                continue;
            }
            Matcher m = SLACK_ITEM.matcher(text);
            while (m.find()) {
                items.add(new SlackItem(m.group(1), m.group(2)));
            }
        }
        return items;
    }

    /** The notifications the job recorded as sent in message {@code messageId}, in time order. */
    private List<SlackItem> recordedItems(String messageId) throws Exception {
        List<SlackItem> items = new ArrayList<>();
        for (JsonNode v :
                stack.influx(
                                "SELECT id, kind FROM alerts WHERE status = 'sent' AND message_id"
                                        + " = '"
                                        + messageId
                                        + "'")
                        .at("/results/0/series/0/values")) {
            String itemId = v.get(1).asText();
            String kind = v.get(2).asText().toUpperCase(java.util.Locale.ROOT);
            items.add(
                    new SlackItem(
                            kind.equals("REPEAT") ? "STILL FIRING" : kind,
                            itemId.substring(0, itemId.lastIndexOf('|'))));
        }
        return items;
    }

    /** Alerts announced firing and not resolved (yet), in these items. */
    private static Set<String> firingAlerts(List<SlackItem> items) {
        Set<String> firing = new TreeSet<>();
        for (SlackItem i : items) {
            if (i.kind.equals("RESOLVED")) {
                firing.remove(i.alertId);
            } else {
                firing.add(i.alertId);
            }
        }
        return firing;
    }

    /** The values of an InfluxQL query {@code ... GROUP BY host}'s first row, per host. */
    private Map<String, long[]> perHost(String query) throws Exception {
        Map<String, long[]> rows = new TreeMap<>();
        for (JsonNode series : stack.influx(query).at("/results/0/series")) {
            JsonNode v = series.at("/values/0");
            long[] values = new long[v.size() - 1];
            for (int i = 1; i < v.size(); i++) {
                values[i - 1] = v.get(i).asLong();
            }
            rows.put(series.at("/tags/host").asText(), values);
        }
        return rows;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
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

    /**
     * Checks that no message reached Slack twice but one that Slack accepted in the checkpoint
     * interval before the TaskManager's kill -9 (the documented gap: between Slack's answer and the
     * delivery journal's write, a kill loses the record that it was sent, and the restored outbox
     * sends it again); returns how many did.
     */
    private int sentTwiceAcrossTheKill() {
        long window = Duration.ofSeconds(10).toNanos(); // the checkpoint interval
        Map<String, Long> firstAcceptedAt = new HashMap<>();
        Set<String> twice = new TreeSet<>();
        for (SlackWebhookStandIn.Request r : slack.requests()) {
            Matcher m = MESSAGE_ID.matcher(r.body);
            if (r.accepted() && m.find()) {
                Long first = firstAcceptedAt.putIfAbsent(m.group(1), r.receivedAtNanos);
                if (first != null) {
                    twice.add(m.group(1));
                    assertThat(
                                    first <= taskManagerKilledAtNanos
                                            && first >= taskManagerKilledAtNanos - window
                                            && r.receivedAtNanos > taskManagerKilledAtNanos)
                            .as(
                                    "Slack message %s sent twice: first %d ms, again %d ms after"
                                            + " the kill -9 (only one accepted in the 10 s before"
                                            + " the kill may be sent again after it)",
                                    m.group(1),
                                    (first - taskManagerKilledAtNanos) / 1_000_000,
                                    (r.receivedAtNanos - taskManagerKilledAtNanos) / 1_000_000)
                            .isTrue();
                }
            }
        }
        return twice.size();
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
