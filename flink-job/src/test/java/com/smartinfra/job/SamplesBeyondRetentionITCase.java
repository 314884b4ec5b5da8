package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Samples older than the bucket keeps: InfluxDB refuses them (here a real 1.x engine with an 8-day
 * retention policy, as a 2.x bucket answers 422), which used to fail the job on every restart. They
 * must end at ingest, as dead letters saying how old they are, and the rest be stored.
 */
class SamplesBeyondRetentionITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    @TempDir Path tmp;

    @Test
    void samplesOlderThanTheMaximumAgeAreDeadLettersAndTheJobGoesOn() throws Exception {
        TestPipeline world = new TestPipeline("retention", tmp);
        InfluxDbTestServer.query(
                "",
                "ALTER RETENTION POLICY autogen ON "
                        + world.database
                        + " DURATION 8d SHARD DURATION 1d");

        long start = Instant.now().minus(Duration.ofMinutes(15)).toEpochMilli() / 1000 * 1000;
        List<Sample> recent = new SampleGenerator(3, 3000, 0.0, 11L, start).samples(300);
        long tenDaysAgo = Instant.now().minus(Duration.ofDays(10)).toEpochMilli();
        List<Sample> samples = new ArrayList<>(recent);
        for (int i = 0; i < 5; i++) {
            samples.add(50 * i + 10, new Sample("old-01", tenDaysAgo - i * 1000L, 10, 20, 30));
        }
        world.produceSamples(samples);

        // default ingest settings: max age 7 days
        TestPipeline.run(world.config(InfluxDbTestServer.url()), TestPipeline.noRestarts());

        assertThat(world.countPoints("system_metrics", "cpu")).isEqualTo(recent.size());
        List<ConsumerRecord<byte[], byte[]>> dead = world.deadLetters(5);
        assertThat(dead).hasSize(5);
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_REASON))
                    .isEqualTo("field 'timestamp' is 10 d old, more than the maximum age of 7 d");
        }
    }
}
