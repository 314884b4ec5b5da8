package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.job.ingest.PoisonRecords;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded poison among simulator samples, through a real Kafka broker, the real job graph on a
 * MiniCluster without restarts (any failure fails the test) and a real InfluxDB: the job finishes,
 * each poison record is exactly one dead letter with a reason, each sample is stored.
 */
class PoisonFuzzITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    private static final long SEED = 20_250_624L;
    private static final int SAMPLES = 18_000;
    private static final int POISON = 2_000;
    private static final int HUGE = 12;

    @TempDir Path tmp;

    @Test
    void poisonEndsAsDeadLettersAndEverySampleIsStored() throws Exception {
        TestPipeline world = new TestPipeline("poison", tmp);
        // 10 hosts, one sample a second each, ending 5 minutes ago
        long start = Instant.now().minus(Duration.ofMinutes(35)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new SampleGenerator(10, 1000, 0.1, SEED, start).samples(SAMPLES);
        PoisonRecords poison = new PoisonRecords(new Random(SEED), samples);
        List<byte[][]> bad = new ArrayList<>();
        for (int i = 0; i < POISON; i++) {
            bad.add(poison.record(i, i < HUGE));
        }

        // poison at random places: 10 % of the stream
        Random place = new Random(SEED + 1);
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>();
        samples.forEach(s -> records.add(TestPipeline.record(s)));
        for (byte[][] p : bad) {
            records.add(place.nextInt(records.size() + 1), new SimpleEntry<>(p[0], p[1]));
        }
        assertThat(records).hasSize(SAMPLES + POISON);
        world.produce(records);

        TestPipeline.run(world.config(InfluxDbTestServer.url()), TestPipeline.noRestarts());

        // every sample, per host
        Map<String, Long> expected = new TreeMap<>();
        samples.forEach(s -> expected.merge(s.host, 1L, Long::sum));
        assertThat(world.perHost("SELECT count(cpu) FROM system_metrics GROUP BY host"))
                .isEqualTo(expected);

        // every poison record exactly once (read on for a second, to see there are no more)
        List<ConsumerRecord<byte[], byte[]>> dead =
                KafkaTestBroker.consume(
                        world.deadLetterTopic,
                        POISON,
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(1));
        assertThat(dead).hasSize(POISON);
        Map<Integer, ConsumerRecord<byte[], byte[]>> byId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> d : dead) {
            int id = PoisonRecords.idOf(d.key());
            assertThat(byId.put(id, d)).as("dead letters of poison %d", id).isNull();
            assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_REASON))
                    .as("reason of poison %d", id)
                    .isNotBlank();
        }
        assertThat(byId.keySet()).hasSize(POISON);
        for (int i = 0; i < POISON; i++) {
            byte[] value = bad.get(i)[1];
            ConsumerRecord<byte[], byte[]> d = byId.get(i);
            if (value != null && value.length > DeadLetterSerializer.DEFAULT_MAX_VALUE_BYTES) {
                assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_ORIGINAL_SIZE))
                        .isEqualTo(Integer.toString(value.length));
                assertThat(TestPipeline.header(d, DeadLetterSerializer.HEADER_ORIGINAL_SHA256))
                        .isEqualTo(TestPipeline.sha256(value));
                assertThat(d.value())
                        .isEqualTo(
                                Arrays.copyOf(value, DeadLetterSerializer.DEFAULT_MAX_VALUE_BYTES));
            } else {
                assertThat(d.value()).as("original of poison %d", i).isEqualTo(value);
            }
        }
    }
}
