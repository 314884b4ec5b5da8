package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB goes down (its processes stopped) for longer than the old retry budget while samples
 * keep arriving: the job neither fails nor restarts, its checkpoints keep completing during the
 * outage, and once InfluxDB is back every sample is stored exactly once.
 *
 * <p>The outage lasts {@code smartinfra.influx-outage-seconds} (default 50; the slow fault suite
 * runs it with 120).
 */
class InfluxOutageRecoveryITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.create();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            TestPipeline.miniCluster(METRICS.addToConfiguration(new Configuration()));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HOSTS = 4;

    /** Samples per second sent to Kafka while the test runs (steady, before, during, after). */
    private static final int RATE = 40;

    @TempDir Path tmp;

    @Test
    void theJobRidesOutAnInfluxDbOutageWithoutFailingAndLosesNothing(
            @InjectMiniCluster MiniCluster flinkCluster) throws Exception {
        int outageSeconds = Integer.getInteger("smartinfra.influx-outage-seconds", 50);
        int totalSeconds = outageSeconds + 25;
        TestPipeline world = new TestPipeline("outage", tmp);
        long start = Instant.now().minus(Duration.ofHours(2)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples =
                new SampleGenerator(HOSTS, 1000, 0.05, 11L, start).samples(RATE * totalSeconds);

        JobConfig config =
                world.config(
                        InfluxDbTestServer.url(),
                        "--kafka.bounded",
                        "false",
                        "--checkpoint.interval",
                        "2s");
        Configuration flink = new Configuration();
        // any failure ends the test's job at once: nothing may fail, nothing may restart
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        JobClient job = TestPipeline.start(config, flink);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> send(world, samples));
        try {
            awaitPoints(world, job, 1, Duration.ofSeconds(60));

            CheckpointStatsCounts before = checkpoints(flinkCluster, job.getJobID());
            InfluxDbTestServer.stop();
            try {
                long outageEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(outageSeconds);
                while (System.nanoTime() < outageEnd) {
                    assertRunning(job);
                    Thread.sleep(1000);
                }
                // what an operator sees during the outage
                assertThat(sinkMetric(job, "influxConsecutiveFailures")).isPositive();
                assertThat(sinkMetric(job, "influxBufferedPoints")).isPositive();
                assertThat(sinkMetric(job, "influxWriteRetries")).isPositive();
                CheckpointStatsCounts during = checkpoints(flinkCluster, job.getJobID());
                System.out.printf(
                        "checkpoints completed during the %d s outage: %d, failed: %d%n",
                        outageSeconds,
                        during.getNumberOfCompletedCheckpoints()
                                - before.getNumberOfCompletedCheckpoints(),
                        during.getNumberOfFailedCheckpoints()
                                - before.getNumberOfFailedCheckpoints());
                // one every 2 s is due; a stuck sink would complete none
                assertThat(
                                during.getNumberOfCompletedCheckpoints()
                                        - before.getNumberOfCompletedCheckpoints())
                        .as("checkpoints completed during the %d s outage", outageSeconds)
                        .isGreaterThanOrEqualTo(outageSeconds / 10);
                assertThat(during.getNumberOfFailedCheckpoints())
                        .as("failed checkpoints")
                        .isEqualTo(before.getNumberOfFailedCheckpoints());
            } finally {
                InfluxDbTestServer.restart();
            }

            producer.get(totalSeconds + 30, TimeUnit.SECONDS);
            awaitPoints(world, job, samples.size(), Duration.ofSeconds(120));
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            // each point written once: no restart replayed any
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sinkMetric(job, "influxPointsWritten") >= samples.size());
            assertThat(sinkMetric(job, "influxPointsWritten")).isEqualTo(samples.size());
            assertThat(sinkMetric(job, "influxConsecutiveFailures")).isZero();
        } finally {
            producer.cancel(true);
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }

        // exactly once: the count and a per-host checksum of the stored values
        Map<String, double[]> expected = new TreeMap<>();
        for (Sample s : samples) {
            double[] e = expected.computeIfAbsent(s.host, h -> new double[2]);
            e[0]++;
            e[1] += s.cpu + s.memory + s.disk;
        }
        Map<String, double[]> stored = new TreeMap<>();
        JsonNode series =
                JSON.readTree(
                                InfluxDbTestServer.query(
                                        world.database,
                                        "SELECT count(cpu), sum(cpu), sum(memory), sum(disk)"
                                                + " FROM system_metrics GROUP BY host"))
                        .at("/results/0/series");
        for (JsonNode s : series) {
            JsonNode v = s.at("/values/0");
            stored.put(
                    s.at("/tags/host").asText(),
                    new double[] {
                        v.get(1).asDouble(),
                        v.get(2).asDouble() + v.get(3).asDouble() + v.get(4).asDouble()
                    });
        }
        assertThat(stored.keySet()).isEqualTo(expected.keySet());
        for (String host : expected.keySet()) {
            assertThat(stored.get(host)[0])
                    .as("points of " + host)
                    .isEqualTo(expected.get(host)[0]);
            assertThat(stored.get(host)[1])
                    .as("checksum of " + host)
                    .isCloseTo(
                            expected.get(host)[1],
                            org.assertj.core.data.Offset.offset(1e-6 * expected.get(host)[1]));
        }
    }

    /** Sends the samples at {@link #RATE} per second, as hosts would. */
    private static void send(TestPipeline world, List<Sample> samples) {
        try (KafkaProducer<byte[], byte[]> producer = KafkaTestBroker.producer()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < samples.size(); i++) {
                Map.Entry<byte[], byte[]> r = TestPipeline.record(samples.get(i));
                producer.send(new ProducerRecord<>(world.metricsTopic, r.getKey(), r.getValue()));
                long due = t0 + TimeUnit.SECONDS.toNanos(i + 1) / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    producer.flush();
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitPoints(TestPipeline world, JobClient job, long n, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long count = 0;
        while (System.nanoTime() < deadline) {
            assertRunning(job);
            count = world.countPoints("system_metrics", "cpu");
            if (count >= n) {
                return;
            }
            Thread.sleep(500);
        }
        fail("only " + count + " of " + n + " points in InfluxDB after " + timeout);
    }

    /** Running (or still starting): never failing, restarting or ended. */
    private static void assertRunning(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
        if (status != JobStatus.RUNNING
                && status != JobStatus.CREATED
                && status != JobStatus.INITIALIZING) {
            String cause;
            try {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS);
                cause = "no failure cause";
            } catch (Exception e) {
                cause = e.toString();
            }
            fail("the job is " + status + ", not RUNNING: " + cause);
        }
    }

    /** A counter or gauge of the system_metrics sink, summed over its subtasks. */
    private static long sinkMetric(JobClient job, String name) {
        long sum = 0;
        int found = 0;
        for (Map.Entry<String, Metric> m : METRICS.findMetrics(job.getJobID(), name).entrySet()) {
            if (m.getKey().contains("system_metrics")) {
                Metric metric = m.getValue();
                sum +=
                        metric instanceof Counter c
                                ? c.getCount()
                                : ((Number) ((Gauge<?>) metric).getValue()).longValue();
                found++;
            }
        }
        assertThat(found).as("subtasks reporting " + name).isEqualTo(2);
        return sum;
    }

    private static CheckpointStatsCounts checkpoints(MiniCluster cluster, JobID id)
            throws Exception {
        return cluster.getExecutionGraph(id)
                .get(10, TimeUnit.SECONDS)
                .getCheckpointStatsSnapshot()
                .getCounts();
    }
}
