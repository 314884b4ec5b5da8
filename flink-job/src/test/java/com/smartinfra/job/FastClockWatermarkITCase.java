package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hosts share a Kafka partition; one's clock is 4 minutes fast (inside the accepted future
 * skew). The fast clock must not drag event time ahead of the other host: that host's statistics
 * windows keep every sample, none is dropped as late.
 */
class FastClockWatermarkITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    private static final long FAST_BY = Duration.ofMinutes(4).toMillis();
    private static final int PER_HOST = 1200;

    @TempDir Path tmp;

    @Test
    void aHostWithAFastClockDoesNotMakeTheOtherHostsSamplesLate() throws Exception {
        TestPipeline world = new TestPipeline("fastclock", tmp);
        String onePartition = KafkaTestBroker.uniqueTopic("metrics-one-partition");
        KafkaTestBroker.createTopics(1, onePartition);

        // 10 minutes, a sample every 500 ms from each host, in the order they were sent
        long start = Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli() / 60_000 * 60_000;
        List<Sample> sent = new ArrayList<>();
        for (int i = 0; i < PER_HOST; i++) {
            long t = start + i * 500L;
            sent.add(new Sample("steady-01", t, 20 + i % 7, 40, 60));
            sent.add(new Sample("fast-01", t + FAST_BY, 30 + i % 5, 50, 70));
        }
        KafkaTestBroker.produce(onePartition, sent.stream().map(TestPipeline::record).toList());

        // watermarks every 10 ms, so any watermark a fast clock could drag ahead takes effect
        // among the records of one fetch
        Configuration flink = TestPipeline.noRestarts();
        flink.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(10));
        TestPipeline.run(
                world.config(
                        InfluxDbTestServer.url(),
                        "--kafka.topic.metrics",
                        onePartition,
                        "--detect.enabled",
                        "false"),
                flink);

        assertThat(world.countPoints("system_metrics", "cpu")).isEqualTo(2L * PER_HOST);
        // per host: the samples its 1-minute statistics windows counted
        Map<String, Long> counted =
                world.perHost(
                        "SELECT sum(\"count\") FROM host_stats WHERE \"window\" = '1m'"
                                + " GROUP BY host");
        assertThat(counted).containsEntry("steady-01", (long) PER_HOST);
        assertThat(counted).containsEntry("fast-01", (long) PER_HOST);
    }
}
