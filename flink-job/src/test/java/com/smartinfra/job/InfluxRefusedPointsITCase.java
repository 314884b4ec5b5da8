package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point InfluxDB refuses for good (here: older than the bucket's retention, on the real 1.x
 * server with a 1-hour retention policy) goes to the dead-letter topic with InfluxDB's answer; the
 * job neither fails nor restarts, and every other point is stored.
 */
class InfluxRefusedPointsITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            TestPipeline.miniCluster(METRICS.addToConfiguration(new Configuration()));

    @TempDir Path tmp;

    @Test
    void aPointBeyondRetentionIsDeadLetteredAndTheJobGoesOn() throws Exception {
        TestPipeline world = new TestPipeline("retention", tmp);
        InfluxDbTestServer.setRetention(world.database, "1h");

        long start = Instant.now().minus(Duration.ofMinutes(20)).toEpochMilli() / 1000 * 1000;
        List<Sample> fresh = new SampleGenerator(3, 3000, 0.0, 5L, start).samples(300);
        // a host that was offline for days sends its backlog: one sample stamped 3 days ago
        long threeDaysAgo = Instant.now().minus(Duration.ofDays(3)).toEpochMilli() / 1000 * 1000;
        Sample old = new Sample(fresh.get(0).host, threeDaysAgo, 12.5, 40.25, 61.0);
        List<Sample> stream = new ArrayList<>(fresh);
        stream.add(150, old);
        world.produceSamples(stream);

        JobConfig config = world.config(InfluxDbTestServer.url(), "--influxdb.batch-size", "100");
        Configuration flink = new Configuration();
        // a failure would end the job (and this test) at once instead of looping on restarts
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        JobID job = TestPipeline.run(config, flink).getJobID();

        assertThat(world.countPoints("system_metrics", "cpu")).isEqualTo(fresh.size());

        String oldLine = "system_metrics,host=" + old.host + " ";
        // the job has finished: its dead letters are in Kafka (read for a while: there may be more)
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestBroker.consume(
                        world.deadLetterTopic, Integer.MAX_VALUE, Duration.ofSeconds(10))) {
            String value = new String(r.value(), StandardCharsets.UTF_8);
            if (value.startsWith(oldLine) && value.endsWith(" " + threeDaysAgo)) {
                dead.add(r);
            }
        }
        assertThat(dead).as("the old sample's point in the dead-letter topic").hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(text(d.headers().lastHeader(DeadLetterSerializer.HEADER_REASON)))
                .startsWith("InfluxDB refused the point: HTTP 400")
                .contains("points beyond retention policy");
        assertThat(text(d.headers().lastHeader("dlq.origin"))).isEqualTo("influxdb-sink");
        assertThat(text(d.headers().lastHeader("dlq.influxdb.bucket"))).isEqualTo(world.database);
        assertThat(text(d.headers().lastHeader(DeadLetterSerializer.HEADER_TIMESTAMP)))
                .isEqualTo(Long.toString(threeDaysAgo));

        // what an operator sees: the system_metrics sink's subtasks, summed
        assertThat(sinkCounter(job, "influxPointsDeadLettered")).isEqualTo(1);
        assertThat(sinkCounter(job, "influxPointsWritten")).isEqualTo(fresh.size());
        assertThat(sinkCounter(job, "influxWriteRetries")).isZero();
    }

    /** A counter of the system_metrics sink, summed over its subtasks. */
    private static long sinkCounter(JobID job, String name) {
        long sum = 0;
        int found = 0;
        for (Map.Entry<String, Metric> m : METRICS.findMetrics(job, name).entrySet()) {
            if (m.getKey().contains("system_metrics")) {
                sum += ((Counter) m.getValue()).getCount();
                found++;
            }
        }
        assertThat(found).as("subtasks reporting " + name).isEqualTo(2);
        return sum;
    }

    private static String text(Header h) {
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
