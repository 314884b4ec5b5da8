package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.config.JobConfig;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.FaultInjectingHttpProxy;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB fails for a while: the writer's retries run out, the job fails, Flink restarts it from
 * the last checkpoint, and once InfluxDB answers again every sample is stored exactly once.
 */
class InfluxOutageRecoveryTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    /** Refused writes before InfluxDB comes back; two attempts per batch, so ≥ 2 job failures. */
    private static final int OUTAGE_REFUSALS = 6;

    @TempDir Path tmp;

    @Test
    void aFailedJobRestartsFromItsCheckpointAndLosesNothing() throws Exception {
        TestPipeline world = new TestPipeline("outage", tmp);
        long start = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new SampleGenerator(4, 3000, 0.1, 7L, start).samples(2000);
        world.produceSamples(samples);

        try (FaultInjectingHttpProxy influx =
                new FaultInjectingHttpProxy(InfluxDbTestServer.url())) {
            // the outage starts before the first write and ends after OUTAGE_REFUSALS refusals
            influx.failAlways(503);
            CompletableFuture<Void> healer =
                    CompletableFuture.runAsync(
                            () -> {
                                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                                while (refused(influx) < OUTAGE_REFUSALS
                                        && System.nanoTime() < deadline) {
                                    sleep(50);
                                }
                                influx.heal();
                            });

            JobConfig config =
                    world.config(
                            influx.url(),
                            "--influxdb.batch-size",
                            "200",
                            "--influxdb.max-retries",
                            "1",
                            "--influxdb.retry-backoff",
                            "50ms",
                            "--checkpoint.interval",
                            "500ms");
            Configuration flink = new Configuration();
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
            flink.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(300));
            TestPipeline.run(config, flink);
            healer.join();

            // max-retries 1 means two attempts per batch: more refusals mean the job failed over
            assertThat(refused(influx)).isGreaterThanOrEqualTo(OUTAGE_REFUSALS);
        }
        assertThat(world.countPoints("system_metrics", "cpu")).isEqualTo(samples.size());
    }

    private static long refused(FaultInjectingHttpProxy proxy) {
        return proxy.requests().stream().filter(r -> r.answeredStatus == 503).count();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
