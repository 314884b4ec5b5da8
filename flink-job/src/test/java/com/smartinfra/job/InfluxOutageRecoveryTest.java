package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.config.JobConfig;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.FaultInjectingHttpProxy;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * InfluxDB fails for a while: the writer's retries run out, the job fails, Flink restarts it from
 * the last checkpoint, and once InfluxDB answers again every sample is stored exactly once.
 */
class InfluxOutageRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path tmp;

    @Test
    void aFailedJobRestartsFromItsCheckpointAndLosesNothing() throws Exception {
        String metrics = KafkaTestBroker.uniqueTopic("metrics");
        String dlq = KafkaTestBroker.uniqueTopic("metrics-dlq");
        KafkaTestBroker.createTopics(2, metrics);
        KafkaTestBroker.createTopics(1, dlq);
        String db = InfluxDbTestServer.createDatabase("outage");

        long start = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new SampleGenerator(4, 3000, 0.1, 7L, start).samples(2000);
        KafkaTestBroker.produce(
                metrics,
                samples.stream()
                        .map(
                                s ->
                                        (Map.Entry<byte[], byte[]>)
                                                new SimpleEntry<>(
                                                        s.host.getBytes(StandardCharsets.UTF_8),
                                                        SampleJson.toJson(s)))
                        .toList());

        Path token = tmp.resolve("influx-token");
        Files.writeString(token, InfluxDbTestServer.TOKEN);
        try (FaultInjectingHttpProxy influx =
                new FaultInjectingHttpProxy(InfluxDbTestServer.url())) {
            // the outage starts before the first write and lasts for six refused writes:
            // with two attempts per batch that is at least two failures of the job
            influx.failAlways(503);
            CompletableFuture<Void> healer =
                    CompletableFuture.runAsync(
                            () -> {
                                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                                while (refused(influx) < 6 && System.nanoTime() < deadline) {
                                    sleep(50);
                                }
                                influx.heal();
                            });

            JobConfig config =
                    JobConfig.fromArgs(
                            "--kafka.bootstrap-servers",
                            KafkaTestBroker.bootstrapServers(),
                            "--kafka.topic.metrics",
                            metrics,
                            "--kafka.topic.dead-letter",
                            dlq,
                            "--kafka.group-id",
                            "outage-" + metrics,
                            "--kafka.starting-offsets",
                            "earliest",
                            "--kafka.bounded",
                            "true",
                            "--kafka.transactional-id-prefix",
                            "outage-" + dlq,
                            "--influxdb.url",
                            influx.url(),
                            "--influxdb.bucket",
                            db,
                            "--influxdb.token-file",
                            token.toString(),
                            "--influxdb.batch-size",
                            "200",
                            "--influxdb.max-retries",
                            "1",
                            "--influxdb.retry-backoff",
                            "50ms",
                            "--checkpoint.interval",
                            "500ms",
                            "--parallelism",
                            "2");
            Configuration flink = new Configuration();
            flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 100);
            flink.set(
                    RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                    Duration.ofMillis(300));
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(flink);
            SmartInfraJob.configureEnvironment(env, config);
            SmartInfraJob.buildPipeline(env, config);
            env.execute("influx-outage");

            long refused = influx.requests().stream().filter(r -> r.answeredStatus == 503).count();
            // max-retries 1 means two attempts per batch: more refusals mean the job failed over
            assertThat(refused).isGreaterThan(2);
        }
        String json = InfluxDbTestServer.query(db, "SELECT count(cpu) FROM system_metrics");
        Matcher m = Pattern.compile("\\[\\d+,(\\d+)\\]").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(samples.size());
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
