package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record just under Kafka's 1 MiB request limit is not a sample: its dead letter (the original
 * plus headers) used to exceed the producer's max.request.size, fail the dead-letter write and so
 * the job, again after every restart. On a real broker it must arrive cut to a prefix, with the
 * original's size and SHA-256.
 */
class OversizedDeadLetterITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    /** As large as the test producer's default max.request.size (1 MiB) still lets through. */
    private static final int NEAR_ONE_MIB = 1_048_400;

    @TempDir Path tmp;

    @Test
    void aNearlyOneMibRecordBecomesATruncatedDeadLetterWithItsHash() throws Exception {
        TestPipeline world = new TestPipeline("oversized", tmp);
        long start = Instant.now().minus(Duration.ofMinutes(5)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new SampleGenerator(2, 3000, 0.0, 5L, start).samples(40);
        byte[] huge = new byte[NEAR_ONE_MIB];
        new Random(1).nextBytes(huge);
        huge[0] = 'x'; // not JSON from the first byte
        byte[] key = "web-01".getBytes(StandardCharsets.UTF_8);

        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        samples.forEach(s -> records.add(TestPipeline.record(s)));
        records.add(20, new SimpleEntry<>(key, huge));
        world.produce(records);

        TestPipeline.run(world.config(InfluxDbTestServer.url()), TestPipeline.noRestarts());

        assertThat(world.countPoints("system_metrics", "cpu")).isEqualTo(samples.size());
        List<ConsumerRecord<byte[], byte[]>> dead = world.deadLetters(1);
        assertThat(dead).hasSize(1);
        ConsumerRecord<byte[], byte[]> d = dead.get(0);
        assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_REASON))
                .startsWith("not valid JSON");
        assertThat(d.key()).isEqualTo(key);
        // the default bound: 256 KiB of the original value
        assertThat(d.value()).isEqualTo(Arrays.copyOf(huge, 262_144));
        assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_TRUNCATED))
                .isEqualTo("value");
        assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_ORIGINAL_SIZE))
                .isEqualTo(Integer.toString(NEAR_ONE_MIB));
        assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_ORIGINAL_SHA256))
                .isEqualTo(TestPipeline.sha256(huge));
    }
}
