package com.smartinfra.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.SampleTimeBounds;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Deserialization, routing (in Flink's operator harness) and dead-letter encoding. */
class SampleIngestTest {
    private static final long NOW = 1_750_000_000_000L;
    private final SampleDeserializer deserializer =
            new SampleDeserializer(SampleTimeBounds.defaults());

    private static ConsumerRecord<byte[], byte[]> record(long offset, String value) {
        return new ConsumerRecord<>(
                "metrics",
                1,
                offset,
                "web-01".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidRecordBecomesASampleWithItsEventTime() {
        Sample s = new Sample("web-01", NOW, 10, 20, 30);
        IngestRecord r =
                deserializer.toIngestRecord(
                        record(0, new String(SampleJson.toJson(s), StandardCharsets.UTF_8)), NOW);
        assertThat(r.sample).isEqualTo(s);
        assertThat(r.deadLetter).isNull();
        assertThat(r.eventTime()).isEqualTo(NOW);
    }

    @Test
    void anInvalidRecordBecomesADeadLetterWithReasonOriginalBytesAndCoordinates() {
        IngestRecord r = deserializer.toIngestRecord(record(42, "{\"host\":\"x\"}"), NOW);
        assertThat(r.sample).isNull();
        assertThat(r.deadLetter.reason).isEqualTo("missing required field 'timestamp'");
        assertThat(new String(r.deadLetter.value, StandardCharsets.UTF_8))
                .isEqualTo("{\"host\":\"x\"}");
        assertThat(r.deadLetter.sourceOffset).isEqualTo(42);
        assertThat(r.deadLetter.sourcePartition).isEqualTo(1);
        // dead letters must never advance the watermark
        assertThat(r.eventTime()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aTombstoneAndAFarFutureTimestampAreDeadLetters() {
        assertThat(deserializer.toIngestRecord(record(1, null), NOW).deadLetter.reason)
                .isEqualTo("empty record");
        Sample future = new Sample("web-01", NOW + Duration.ofMinutes(6).toMillis(), 1, 1, 1);
        IngestRecord r =
                deserializer.toIngestRecord(
                        record(2, new String(SampleJson.toJson(future), StandardCharsets.UTF_8)),
                        NOW);
        assertThat(r.deadLetter.reason)
                .isEqualTo(
                        "field 'timestamp' is more than 300 s in the future (6 min ahead of the"
                                + " clock)");
    }

    @Test
    void aSampleOlderThanTheMaximumAgeIsADeadLetterNamingItsAge() {
        Sample old = new Sample("web-01", NOW - Duration.ofDays(8).toMillis(), 1, 1, 1);
        IngestRecord r =
                deserializer.toIngestRecord(
                        record(4, new String(SampleJson.toJson(old), StandardCharsets.UTF_8)), NOW);
        assertThat(r.deadLetter.reason)
                .isEqualTo("field 'timestamp' is 8 d old, more than the maximum age of 7 d");
    }

    @Test
    void aTimestampThatOverflowsTheParserBecomesADeadLetterNotAJobFailure() {
        IngestRecord r =
                deserializer.toIngestRecord(
                        record(
                                3,
                                "{\"host\":\"web-01\",\"timestamp\":\"+999999999-12-31T23:59+01:00\","
                                        + "\"cpu\":1,\"memory\":1,\"disk\":1}"),
                        NOW);
        assertThat(r.sample).isNull();
        assertThat(r.deadLetter.reason).startsWith("field 'timestamp' is out of range");
        assertThat(r.deadLetter.sourceOffset).isEqualTo(3);
    }

    @Test
    void theRouterSendsSamplesOnAndDeadLettersToTheSideOutput() throws Exception {
        try (var h =
                new OneInputStreamOperatorTestHarness<IngestRecord, Sample>(
                        new ProcessOperator<>(new SampleRouter()))) {
            h.open();
            Sample good = new Sample("web-01", NOW, 1, 2, 3);
            h.processElement(IngestRecord.valid(good), NOW);
            h.processElement(deserializer.toIngestRecord(record(7, "not json"), NOW), NOW);
            h.processElement(IngestRecord.valid(good), NOW + 1);

            assertThat(h.extractOutputValues()).containsExactly(good, good);
            List<DeadLetter> dead =
                    h.getSideOutput(SampleRouter.DEAD_LETTERS).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).reason).startsWith("not valid JSON");
        }
    }

    @Test
    void aDeadLetterKeepsTheOriginalBytesAndCarriesTheReasonInHeaders() {
        DeadLetter d = deserializer.toIngestRecord(record(9, "{oops"), NOW).deadLetter;
        ProducerRecord<byte[], byte[]> out =
                new DeadLetterSerializer(
                                "metrics-dlq",
                                DeadLetterSerializer.DEFAULT_MAX_KEY_BYTES,
                                DeadLetterSerializer.DEFAULT_MAX_VALUE_BYTES)
                        .serialize(d, null, NOW);
        assertThat(out.topic()).isEqualTo("metrics-dlq");
        assertThat(out.value()).isEqualTo("{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(out.key()).isEqualTo("web-01".getBytes(StandardCharsets.UTF_8));
        assertThat(header(out, DeadLetterSerializer.HEADER_REASON)).startsWith("not valid JSON");
        assertThat(header(out, DeadLetterSerializer.HEADER_TOPIC)).isEqualTo("metrics");
        assertThat(header(out, DeadLetterSerializer.HEADER_PARTITION)).isEqualTo("1");
        assertThat(header(out, DeadLetterSerializer.HEADER_OFFSET)).isEqualTo("9");
        assertThat(out.headers().lastHeader(DeadLetterSerializer.HEADER_TRUNCATED)).isNull();
        assertThat(out.headers().lastHeader(DeadLetterSerializer.HEADER_ORIGINAL_SIZE)).isNull();
    }

    @Test
    void anOversizedOriginalIsCutToAPrefixWithItsSizeAndHash() {
        ConsumerRecord<byte[], byte[]> big =
                new ConsumerRecord<>(
                        "metrics",
                        0,
                        5,
                        "a-long-key".getBytes(StandardCharsets.UTF_8),
                        "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        DeadLetter d = DeadLetter.of(big, "x".repeat(5000));
        DeadLetterSerializer serializer = new DeadLetterSerializer("dlq", 5, 10);
        ProducerRecord<byte[], byte[]> out = serializer.serialize(d, null, NOW);
        assertThat(out.value()).isEqualTo("0123456789".getBytes(StandardCharsets.UTF_8));
        assertThat(out.key()).isEqualTo("a-lon".getBytes(StandardCharsets.UTF_8));
        assertThat(header(out, DeadLetterSerializer.HEADER_TRUNCATED)).isEqualTo("key,value");
        assertThat(header(out, DeadLetterSerializer.HEADER_ORIGINAL_SIZE)).isEqualTo("16");
        // sha256sum of "0123456789abcdef"
        assertThat(header(out, DeadLetterSerializer.HEADER_ORIGINAL_SHA256))
                .isEqualTo("9f9f5111f7b27a781f1f1ddde5ebc2dd2b796bfc7365c9c28b548e564176929f");
        assertThat(header(out, DeadLetterSerializer.HEADER_ORIGINAL_KEY_SIZE)).isEqualTo("10");
        assertThat(header(out, DeadLetterSerializer.HEADER_ORIGINAL_KEY_SHA256)).hasSize(64);
        // the reason is bounded too
        assertThat(header(out, DeadLetterSerializer.HEADER_REASON))
                .hasSize(DeadLetterSerializer.MAX_REASON_CHARS + 3);
        // the dead letter itself keeps the original, for the hash
        assertThat(d.value).hasSize(16);

        DeadLetter keyOnly = DeadLetter.of(big, "r");
        ProducerRecord<byte[], byte[]> keyCut =
                new DeadLetterSerializer("dlq", 5, 100).serialize(keyOnly, null, NOW);
        assertThat(header(keyCut, DeadLetterSerializer.HEADER_TRUNCATED)).isEqualTo("key");
        assertThat(keyCut.headers().lastHeader(DeadLetterSerializer.HEADER_ORIGINAL_SIZE)).isNull();
        assertThat(keyCut.value()).isEqualTo(big.value());
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
