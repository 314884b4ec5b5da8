package com.smartinfra.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleTimeBounds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Every reason the ingest gives a dead letter has a kind of its own for the {@code
 * reason_deadLetters} metric: none falls into "other", so a new reason in the parser shows up here.
 */
class DeadLetterKindTest {
    private static final long NOW = 1_750_000_000_000L;
    private final SampleDeserializer ingest = new SampleDeserializer(SampleTimeBounds.defaults());

    @Test
    void everyReasonOfThePoisonGeneratorHasAKind() {
        PoisonRecords poison =
                new PoisonRecords(
                        new Random(3),
                        List.of(
                                new Sample("template-1", NOW, 40, 50, 60),
                                new Sample("template-2", NOW, 90, 91, 97)));
        Map<String, String> unclassified = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < 3_000; i++) {
            byte[][] r = poison.record(i, i % 500 == 1);
            IngestRecord in = ingest.toIngestRecord(record(r[0], r[1]), NOW);
            if (in.deadLetter == null) {
                continue;
            }
            String kind = DeadLetterKind.of(in.deadLetter.reason);
            kinds.merge(kind, 1, Integer::sum);
            if (kind.equals(DeadLetterKind.OTHER)) {
                unclassified.put(in.deadLetter.reason, kind);
            }
        }
        assertThat(unclassified).as("reasons without a kind").isEmpty();
        assertThat(kinds.keySet()).contains(DeadLetterKind.MALFORMED, DeadLetterKind.BAD_VALUE);
    }

    @Test
    void eachKindComesFromItsReason() {
        Map<String, String> expected = new TreeMap<>();
        expected.put("", DeadLetterKind.EMPTY);
        expected.put("{", DeadLetterKind.MALFORMED);
        expected.put("[1]", DeadLetterKind.MALFORMED);
        expected.put("{\"host\":\"a\"}", DeadLetterKind.MISSING_FIELD);
        expected.put(json("a b", NOW, "1"), DeadLetterKind.BAD_HOST);
        expected.put(json("a", NOW - 30L * 86_400_000, "1"), DeadLetterKind.TOO_OLD);
        expected.put(json("a", NOW + 3_600_000, "1"), DeadLetterKind.IN_FUTURE);
        expected.put(json("a", NOW, "101"), DeadLetterKind.BAD_VALUE);
        expected.put(json("a", NOW, "\"x\""), DeadLetterKind.BAD_VALUE);
        expected.put(
                "{\"host\":\"a\",\"timestamp\":\"yesterday\",\"cpu\":1,\"memory\":1,\"disk\":1}",
                DeadLetterKind.BAD_TIMESTAMP);
        expected.put(
                "{\"host\":\"a\",\"host\":\"b\",\"timestamp\":1,\"cpu\":1,\"memory\":1,\"disk\":1}",
                DeadLetterKind.DUPLICATE_FIELD);
        List<String> wrong = new ArrayList<>();
        expected.forEach(
                (value, kind) -> {
                    IngestRecord in =
                            ingest.toIngestRecord(
                                    record(null, value.getBytes(StandardCharsets.UTF_8)), NOW);
                    String got =
                            in.deadLetter == null
                                    ? "valid"
                                    : DeadLetterKind.of(in.deadLetter.reason);
                    if (!got.equals(kind)) {
                        wrong.add(value + " -> " + got + " (" + in.deadLetter + "), want " + kind);
                    }
                });
        assertThat(wrong).isEmpty();
        assertThat(DeadLetterKind.of("unexpected error in validation: x"))
                .isEqualTo(DeadLetterKind.UNEXPECTED);
    }

    private static String json(String host, long ts, String cpu) {
        return "{\"host\":\""
                + host
                + "\",\"timestamp\":"
                + ts
                + ",\"cpu\":"
                + cpu
                + ",\"memory\":1,\"disk\":1}";
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("metrics", 0, 0L, key, value);
    }
}
