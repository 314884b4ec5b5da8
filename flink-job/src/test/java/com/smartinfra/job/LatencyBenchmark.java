package com.smartinfra.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.eval.AlertReport;
import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import com.smartinfra.testing.SlackWebhookStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Latency of the whole job at a given rate: Kafka append → anomaly row in InfluxDB, and → the
 * alert's request at a Slack stand-in. The job's own graph (Kafka source, the real InfluxDB sinks,
 * Slack delivery to {@link SlackWebhookStandIn}) runs on a local Flink cluster with the
 * deployment's state backend and checkpoint interval (flink-conf/config.yaml). First a history of
 * {@code --history} samples per host (3 s apart, no injected anomalies) is written and read, so
 * that every host is past its warm-up and the model judges; then a producer paced at {@code --rate}
 * writes the simulator's samples (1 % injected anomalies), stamped with the wall clock, for {@code
 * --seconds}.
 *
 * <p>Append time: the metrics topic has {@code message.timestamp.type=LogAppendTime}, and the
 * broker's append time comes back in each acknowledgement ({@code RecordMetadata.timestamp()}). An
 * anomaly row's time is when a poll of the {@code anomalies} measurement (InfluxQL, every {@code
 * --poll-ms}) first returned it: the resolution is the poll interval plus the query's own time. A
 * webhook request's time is its arrival at the stand-in; it is matched to its host's first
 * anomalous sample of the run (only each host's first message, {@code host#1}).
 *
 * <pre>
 * bin/smart-infra bench --latency [--rate 10000] [--seconds N] [--hosts N] [--set name=value]...
 * </pre>
 *
 * {@code --set} passes a job setting (e.g. {@code influxdb.flush-interval=200ms}). Prints the
 * settings, then {@code p50/p99/max} per path, counts, CPU seconds and the load average.
 */
public final class LatencyBenchmark {
    private static final long HISTORY_INTERVAL_MS = 3_000;
    private static final Pattern FIRST_MESSAGE = Pattern.compile("message (\\S+?)#1\\b");
    // an opened fleet incident's message (FleetMessageText): its hosts follow "Hosts: "
    private static final Pattern FLEET_OPENED =
            Pattern.compile("Fleet incident: .*?Hosts: ([\\w.-]+(?:, [\\w.-]+)*)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of(
                                "--rate",
                                "--seconds",
                                "--hosts",
                                "--history",
                                "--parallelism",
                                "--poll-ms",
                                "--drain",
                                "--flink-conf",
                                "--set"),
                        "options: --rate N --seconds N --hosts N --history N --parallelism N"
                                + " --poll-ms N --drain SECONDS --flink-conf DIR --set name=value");
        int rate = Integer.parseInt(opts.last("--rate", "10000"));
        int seconds = Integer.parseInt(opts.last("--seconds", "60"));
        int hosts = Integer.parseInt(opts.last("--hosts", "1000"));
        int history = Integer.parseInt(opts.last("--history", "45"));
        long pollMs = Long.parseLong(opts.last("--poll-ms", "25"));
        long intervalMs = Math.max(1, Math.round(hosts * 1000.0 / rate));
        BenchmarkMachine.Deployment deployment =
                BenchmarkMachine.deployment(opts.last("--flink-conf", "flink-conf"));

        Path tmp = Files.createTempDirectory("latency-bench");
        TestPipeline world = new TestPipeline("latency", tmp);
        logAppendTime(world.metricsTopic);
        String journal = KafkaTestBroker.uniqueTopic("slack-deliveries");
        KafkaTestBroker.createTopics(1, journal);
        SlackWebhookStandIn slack = new SlackWebhookStandIn();
        Path webhook = tmp.resolve("slack-url");
        Files.writeString(webhook, slack.webhookUrl());
        List<String> jobArgs =
                new ArrayList<>(
                        List.of(
                                "--kafka.bounded",
                                "false",
                                "--checkpoint.interval",
                                deployment.interval().toMillis() + "ms",
                                "--parallelism",
                                opts.last("--parallelism", "1"),
                                "--alert.slack.webhook-url-file",
                                webhook.toString(),
                                "--alert.slack.delivery-journal-topic",
                                journal));
        jobArgs.addAll(opts.settingsAsJobArgs());
        JobConfig config = world.config(InfluxDbTestServer.url(), jobArgs.toArray(String[]::new));
        long drainMs =
                opts.last("--drain") != null
                        ? Long.parseLong(opts.last("--drain")) * 1000
                        : config.alert.groupWait.plus(config.outOfOrderness).toMillis() + 15_000;

        // warm-up: every host's history up to now, no injected anomalies; wait until it is stored
        long historyEnd = System.currentTimeMillis();
        long historyStart = historyEnd - history * HISTORY_INTERVAL_MS;
        world.produceSamples(
                new SampleGenerator(hosts, HISTORY_INTERVAL_MS, 0.0, 42L, historyStart)
                        .samplesUntil(historyEnd));
        JobClient job = TestPipeline.start(config, deployment.cluster(tmp));
        awaitStored(world.database, historyEnd - HISTORY_INTERVAL_MS, 600_000);

        // the measured phase: the simulator's stream stamped with the wall clock, paced
        long liveStart = System.currentTimeMillis() / intervalMs * intervalMs + intervalMs;
        SampleGenerator gen = new SampleGenerator(hosts, intervalMs, 0.01, 42L, liveStart);
        Map<String, Integer> hostIndex = new HashMap<>();
        for (String h : gen.hosts()) {
            hostIndex.put(h, hostIndex.size());
        }
        long steps = seconds * 1000L / intervalMs;
        AtomicLongArray appended = new AtomicLongArray((int) (steps * hosts));
        AnomalyPoller poller = new AnomalyPoller(world.database, liveStart, pollMs);
        Thread polling = new Thread(poller, "anomaly-poller");
        double loadBefore = BenchmarkMachine.loadAverage();
        long cpuStart = BenchmarkMachine.processCpuNanos();
        polling.start();
        AtomicLong sendFailures = new AtomicLong();
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestBroker.producer()) {
            for (long step = 0; step < steps; step++) {
                long due = liveStart + step * intervalMs;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                for (int i = 0; i < hosts; i++) {
                    Sample s = gen.next();
                    int idx = (int) (step * hosts + hostIndex.get(s.host));
                    Map.Entry<byte[], byte[]> r = TestPipeline.record(s);
                    producer.send(
                            new ProducerRecord<>(world.metricsTopic, r.getKey(), r.getValue()),
                            (md, e) -> {
                                if (e == null) {
                                    appended.set(idx, md.timestamp());
                                } else {
                                    sendFailures.incrementAndGet();
                                }
                            });
                }
            }
            producer.flush();
        }
        double producedSeconds = (System.currentTimeMillis() - liveStart) / 1000.0;
        Thread.sleep(drainMs);
        poller.stop();
        polling.join();
        double cpuSeconds = (BenchmarkMachine.processCpuNanos() - cpuStart) / 1e9;
        double loadAfter = BenchmarkMachine.loadAverage();
        job.cancel().get(60, TimeUnit.SECONDS);

        // Kafka append → anomaly row: every row of the measured phase, first seen by the poller
        Map<String, Long> firstAnomaly = new HashMap<>(); // host → its earliest anomalous sample
        List<Long> toRow = new ArrayList<>();
        // the first and last quarter of the phase: a job that keeps up shows the same latency
        List<Long> early = new ArrayList<>();
        List<Long> late = new ArrayList<>();
        int rows = 0;
        int ruleRows = 0;
        for (JsonNode row : AnomalyPoller.rows(world.database, liveStart)) {
            long time = row.get(0).asLong();
            String host = row.get(1).asText();
            rows++;
            if (!Anomaly.MODEL.equals(row.get(2).asText())) {
                ruleRows++;
            }
            // the sample's index: its step, then its host (a smaller index is an earlier sample)
            int idx = (int) ((time - liveStart) / intervalMs * hosts + hostIndex.get(host));
            if (idx >= appended.length()) {
                continue;
            }
            firstAnomaly.merge(host, (long) idx, Math::min);
            Long seen = poller.firstSeen.get(host + " " + time);
            if (seen != null && appended.get(idx) > 0) {
                long ms = seen - appended.get(idx);
                toRow.add(ms);
                if (idx < appended.length() / 4) {
                    early.add(ms);
                } else if (idx >= appended.length() * 3 / 4) {
                    late.add(ms);
                }
            }
        }
        // Kafka append → webhook request: each host's first message, from its first anomaly
        long wallMinusNanos = System.currentTimeMillis() - System.nanoTime() / 1_000_000;
        List<Long> toWebhook = new ArrayList<>();
        List<Long> toFleet = new ArrayList<>(); // from the earliest first anomaly of its hosts
        int requests = 0;
        for (SlackWebhookStandIn.Request r : slack.requests()) {
            long arrival = wallMinusNanos + r.receivedAtNanos / 1_000_000;
            if (arrival < liveStart) {
                continue; // an alert of the history phase
            }
            requests++;
            Matcher m = FIRST_MESSAGE.matcher(r.body);
            Long idx = m.find() ? firstAnomaly.get(m.group(1)) : null;
            if (idx != null && appended.get(idx.intValue()) > 0) {
                toWebhook.add(arrival - appended.get(idx.intValue()));
            }
            Matcher fleet = FLEET_OPENED.matcher(r.body);
            if (fleet.find()) {
                Arrays.stream(fleet.group(1).split(", "))
                        .map(firstAnomaly::get)
                        .filter(i -> i != null && appended.get(i.intValue()) > 0)
                        .mapToLong(i -> appended.get(i.intValue()))
                        .min()
                        .ifPresent(start -> toFleet.add(arrival - start));
            }
        }
        long groupWaitMs = config.alert.groupWait.toMillis();
        System.out.printf(
                Locale.ROOT,
                "latency rate=%d hosts=%d interval_ms=%d seconds=%d produced_in_s=%.1f"
                        + " send_failures=%d backend=%s checkpoint_interval=%ds"
                        + " influxdb.flush-interval=%dms influxdb.anomalies.flush-interval=%dms"
                        + " influxdb.batch-size=%d"
                        + " watermark.out-of-orderness=%ds alert.group-wait=%ds"
                        + " alert.fleet.enabled=%s alert.fleet.wait=%ds"
                        + " alert.slack.send-interval=%dms poll_ms=%d%n",
                hosts * 1000 / intervalMs,
                hosts,
                intervalMs,
                seconds,
                producedSeconds,
                sendFailures.get(),
                deployment.backend(),
                deployment.interval().toSeconds(),
                config.influxFlushInterval.toMillis(),
                config.influxAnomaliesFlushInterval.toMillis(),
                config.influxBatchSize,
                config.outOfOrderness.toSeconds(),
                config.alert.groupWait.toSeconds(),
                config.alert.fleetEnabled,
                config.alert.fleetWait.toSeconds(),
                config.alert.slackSendInterval.toMillis(),
                pollMs);
        System.out.printf(
                Locale.ROOT,
                "append_to_row anomaly_rows=%d rule_rows=%d model_rows=%d measured=%d %s"
                        + " first_quarter_p50_ms=%d last_quarter_p50_ms=%d%n",
                rows,
                ruleRows,
                rows - ruleRows,
                toRow.size(),
                percentiles("", toRow, 0),
                AlertReport.percentile(early, 0.5),
                AlertReport.percentile(late, 0.5));
        System.out.printf(
                Locale.ROOT,
                "append_to_webhook requests=%d first_messages_matched=%d %s %s"
                        + " fleet_opened_matched=%d %s%n",
                requests,
                toWebhook.size(),
                percentiles("", toWebhook, 0),
                percentiles("minus_group_wait_", toWebhook, groupWaitMs),
                toFleet.size(),
                percentiles("fleet_", toFleet, 0));
        System.out.printf(
                Locale.ROOT,
                "machine cpu_seconds=%.1f cores=%d load_before=%.2f load_after=%.2f%n",
                cpuSeconds,
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAfter);
        System.out.printf(Locale.ROOT, "p99_latency_ms=%d%n", AlertReport.percentile(toRow, 0.99));
        FileUtils.deleteDirectoryQuietly(tmp.toFile()); // the retained checkpoints, ~10-40 MB
        System.exit(0); // the in-process broker's, the stand-in's and InfluxDB's threads
    }

    /** Sets the metrics topic's record timestamps to the broker's append time. */
    private static void logAppendTime(String topic) throws Exception {
        try (var admin = KafkaTestBroker.admin()) {
            admin.incrementalAlterConfigs(
                            Map.of(
                                    new ConfigResource(ConfigResource.Type.TOPIC, topic),
                                    List.of(
                                            new AlterConfigOp(
                                                    new ConfigEntry(
                                                            "message.timestamp.type",
                                                            "LogAppendTime"),
                                                    AlterConfigOp.OpType.SET))))
                    .all()
                    .get();
        }
    }

    /** Waits until InfluxDB holds a {@code system_metrics} point stamped {@code time} or later. */
    private static void awaitStored(String db, long time, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            JsonNode v =
                    JSON.readTree(
                                    InfluxDbTestServer.query(
                                            db,
                                            "SELECT last(cpu) FROM " + InfluxSchema.SYSTEM_METRICS))
                            .at("/results/0/series/0/values/0/0");
            if (!v.isMissingNode() && v.asLong() >= time) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the history was not stored within " + timeoutMs + " ms");
    }

    private static String percentiles(String prefix, List<Long> ms, long minus) {
        return String.format(
                Locale.ROOT,
                "%sp50_ms=%d %sp99_ms=%d %smax_ms=%d",
                prefix,
                AlertReport.percentile(ms, 0.50) - minus,
                prefix,
                AlertReport.percentile(ms, 0.99) - minus,
                prefix,
                AlertReport.percentile(ms, 1.0) - minus);
    }

    /**
     * Polls the {@code anomalies} measurement for rows stamped within a few seconds of the latest
     * it has seen (rows arrive in batches, roughly in event-time order) and records when each
     * (host, time) was first returned: the start of that poll.
     */
    private static final class AnomalyPoller implements Runnable {
        private static final long WINDOW_MS = 10_000;
        final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        private final String db;
        private final long pollMs;
        private long latest;
        private volatile boolean running = true;

        AnomalyPoller(String db, long from, long pollMs) {
            this.db = db;
            this.latest = from;
            this.pollMs = pollMs;
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            while (running) {
                long asked = System.currentTimeMillis();
                try {
                    for (JsonNode row : rows(db, latest - WINDOW_MS)) {
                        long time = row.get(0).asLong();
                        firstSeen.putIfAbsent(row.get(1).asText() + " " + time, asked);
                        latest = Math.max(latest, time);
                    }
                    long rest = asked + pollMs - System.currentTimeMillis();
                    if (rest > 0) {
                        Thread.sleep(rest);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("polling InfluxDB failed", e);
                }
            }
        }

        /** Rows [time, host, reason] of the anomalies measurement stamped after {@code from}. */
        static List<JsonNode> rows(String db, long from) throws Exception {
            JsonNode values =
                    JSON.readTree(
                                    InfluxDbTestServer.query(
                                            db,
                                            "SELECT \"host\", \"reason\" FROM "
                                                    + InfluxSchema.ANOMALIES
                                                    + " WHERE time >= "
                                                    + from
                                                    + "ms"))
                            .at("/results/0/series/0/values");
            List<JsonNode> out = new ArrayList<>();
            values.forEach(out::add);
            return out;
        }
    }
}
