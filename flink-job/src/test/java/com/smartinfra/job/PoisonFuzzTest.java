package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
class PoisonFuzzTest {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    private static final long SEED = 20_250_624L;
    private static final int SAMPLES = 18_000;
    private static final int POISON = 2_000;
    private static final int HUGE = 12;
    private static final int NEAR_ONE_MIB = 1_048_400;

    @TempDir Path tmp;

    @Test
    void poisonEndsAsDeadLettersAndEverySampleIsStored() throws Exception {
        TestPipeline world = new TestPipeline("poison", tmp);
        // 10 hosts, one sample a second each, ending 5 minutes ago
        long start = Instant.now().minus(Duration.ofMinutes(35)).toEpochMilli() / 1000 * 1000;
        List<Sample> samples = new SampleGenerator(10, 1000, 0.1, SEED, start).samples(SAMPLES);
        Poison poison = new Poison(new Random(SEED), samples);
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
            int id = Poison.idOf(d.key());
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

    /** Seeded poison; a record is {key, value}, its key starting with "poison-<id>|". */
    static final class Poison {
        private static final String[] OVERFLOWING = {
            "\"+999999999-12-31T23:59+01:00\"",
            "\"-999999999-01-01T00:00-18:00\"",
            "\"+999999999-12-31T23:59:59.999999999Z\"",
            "99999999999999999999",
            "9223372036854775807",
            "-9223372036854775808",
            "1e300",
        };

        /** None is a number, an ISO-8601 string or a host name. */
        private static final String[] WRONG_TYPES = {
            "\"1 2\"", "true", "null", "[1]", "{\"v\":1}", "\"\"",
        };

        private final Random random;
        private final List<Sample> valid;

        Poison(Random random, List<Sample> valid) {
            this.random = random;
            this.valid = valid;
        }

        static int idOf(byte[] key) {
            String k = new String(key, StandardCharsets.ISO_8859_1);
            return Integer.parseInt(k.substring("poison-".length(), k.indexOf('|')));
        }

        byte[][] record(int id, boolean huge) {
            byte[] key = ("poison-" + id + "|").getBytes(StandardCharsets.UTF_8);
            if (huge) {
                return new byte[][] {key, hugeValue()};
            }
            byte[] value;
            switch (random.nextInt(11)) {
                case 0:
                    value = randomBytes(1 + random.nextInt(4096));
                    break;
                case 1:
                    byte[] json = json();
                    value = Arrays.copyOf(json, 1 + random.nextInt(json.length - 1));
                    break;
                case 2:
                    value = withField(pick(new String[] {"host", "timestamp", "cpu", "disk"}));
                    break;
                case 3:
                    value = withTimestamp(pick(OVERFLOWING));
                    break;
                case 4:
                    value = withTimestamp(ancientTimestamp());
                    break;
                case 5:
                    value = nested();
                    break;
                case 6:
                    value = invalidUtf8();
                    break;
                case 7:
                    value = new byte[0];
                    break;
                case 8:
                    value = null;
                    break;
                case 9:
                    // a key far over its bound, with a poison value
                    key = concat(key, randomBytes(5_000 + random.nextInt(20_000)));
                    value = randomBytes(1 + random.nextInt(64));
                    break;
                default:
                    value = withTimestamp("\"" + Instant.now().plus(Duration.ofHours(2)) + "\"");
            }
            return new byte[][] {key, value};
        }

        private byte[] hugeValue() {
            if (random.nextBoolean()) {
                byte[] b = randomBytes(NEAR_ONE_MIB - random.nextInt(50_000));
                b[0] = '#';
                return b;
            }
            // a sample with a ~1 MiB string field, well-formed JSON
            String json = new String(json(), StandardCharsets.UTF_8);
            String pad = ",\"note\":\"" + "x".repeat(NEAR_ONE_MIB - json.length() - 11) + "\"}";
            return (json.substring(0, json.length() - 1) + pad).getBytes(StandardCharsets.UTF_8);
        }

        private byte[] json() {
            return SampleJson.toJson(valid.get(random.nextInt(valid.size())));
        }

        private byte[] withField(String field) {
            String json = new String(json(), StandardCharsets.UTF_8);
            return json.replaceFirst(
                            "\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
                            "\"" + field + "\":" + pick(WRONG_TYPES).replace("$", "\\$"))
                    .getBytes(StandardCharsets.UTF_8);
        }

        private byte[] withTimestamp(String timestamp) {
            String json = new String(json(), StandardCharsets.UTF_8);
            return json.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":" + timestamp)
                    .getBytes(StandardCharsets.UTF_8);
        }

        /** Before 2000, epoch seconds, or inside the range but older than the maximum age. */
        private String ancientTimestamp() {
            switch (random.nextInt(4)) {
                case 0:
                    return "\"1999-12-31T23:59:59Z\"";
                case 1:
                    return Long.toString(Instant.now().getEpochSecond());
                case 2:
                    return "\"2000-01-01T00:00:00Z\"";
                default:
                    return Long.toString(
                            Instant.now()
                                    .minus(Duration.ofDays(8 + random.nextInt(300)))
                                    .toEpochMilli());
            }
        }

        private byte[] nested() {
            // past Jackson's nesting limit (1000)
            int depth = 1_001 + random.nextInt(4_000);
            String s =
                    random.nextBoolean()
                            ? "{\"host\":\"web-01\",\"cpu\":" + "[".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            return s.getBytes(StandardCharsets.UTF_8);
        }

        private byte[] invalidUtf8() {
            byte[][] bad = {
                {(byte) 0xC3, 0x28},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0x80}
            };
            String json = new String(json(), StandardCharsets.UTF_8);
            int at = json.indexOf("\"host\":\"") + 8;
            return concat(
                    json.substring(0, at).getBytes(StandardCharsets.UTF_8),
                    bad[random.nextInt(bad.length)],
                    json.substring(at).getBytes(StandardCharsets.UTF_8));
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }

        private byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }

        private static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                out.writeBytes(p);
            }
            return out.toByteArray();
        }
    }
}
