package com.smartinfra.job.ingest;

import com.smartinfra.schema.Echo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter as a Kafka record: the original key and value bytes, the reason and the source
 * coordinates in headers (the convention of Kafka Connect's dead-letter queues).
 *
 * <p>An original larger than its bound is cut to a prefix, with its size and SHA-256 in headers:
 * the original plus headers could otherwise exceed the producer's {@code max.request.size}, and
 * that failed write would fail the job again after every restart. The bounds are checked against
 * {@link #MAX_REQUEST_SIZE} at configuration time.
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    public static final String HEADER_REASON = "dlq.reason";
    public static final String HEADER_TOPIC = "dlq.source.topic";
    public static final String HEADER_PARTITION = "dlq.source.partition";
    public static final String HEADER_OFFSET = "dlq.source.offset";
    public static final String HEADER_TIMESTAMP = "dlq.source.timestamp";

    /** Which originals were cut: {@code value}, {@code key} or {@code key,value}. */
    public static final String HEADER_TRUNCATED = "dlq.truncated";

    public static final String HEADER_ORIGINAL_SIZE = "dlq.original.size";
    public static final String HEADER_ORIGINAL_SHA256 = "dlq.original.sha256";
    public static final String HEADER_ORIGINAL_KEY_SIZE = "dlq.original.key.size";
    public static final String HEADER_ORIGINAL_KEY_SHA256 = "dlq.original.key.sha256";

    /** The dead-letter producer's max.request.size (Kafka's default, set explicitly). */
    public static final int MAX_REQUEST_SIZE = 1_048_576;

    /**
     * Room kept for everything but the key and value: headers (the reason is cut to {@link
     * #MAX_REASON_CHARS}, a topic name has at most 249 characters) and Kafka's record and batch
     * framing, which together stay under 4 KiB.
     */
    public static final int HEADROOM_BYTES = 16 * 1024;

    public static final int DEFAULT_MAX_KEY_BYTES = 4 * 1024;

    /** Far above any valid sample (a few KiB), a quarter of a request: keeps the topic light. */
    public static final int DEFAULT_MAX_VALUE_BYTES = 256 * 1024;

    static final int MAX_REASON_CHARS = 1000;

    private final String topic;
    private final int maxKeyBytes;
    private final int maxValueBytes;

    public DeadLetterSerializer(String topic, int maxKeyBytes, int maxValueBytes) {
        this.topic = topic;
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter d, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        // text headers: readable with any console consumer during an incident
        headers.add(HEADER_REASON, utf8(Echo.bounded(d.reason, MAX_REASON_CHARS)));
        headers.add(HEADER_TOPIC, utf8(d.sourceTopic));
        headers.add(HEADER_PARTITION, utf8(Integer.toString(d.sourcePartition)));
        headers.add(HEADER_OFFSET, utf8(Long.toString(d.sourceOffset)));
        headers.add(HEADER_TIMESTAMP, utf8(Long.toString(d.sourceTimestamp)));
        boolean keyCut = d.key != null && d.key.length > maxKeyBytes;
        boolean valueCut = d.value != null && d.value.length > maxValueBytes;
        if (keyCut || valueCut) {
            headers.add(
                    HEADER_TRUNCATED,
                    utf8(keyCut && valueCut ? "key,value" : keyCut ? "key" : "value"));
        }
        if (valueCut) {
            headers.add(HEADER_ORIGINAL_SIZE, utf8(Integer.toString(d.value.length)));
            headers.add(HEADER_ORIGINAL_SHA256, utf8(sha256(d.value)));
        }
        if (keyCut) {
            headers.add(HEADER_ORIGINAL_KEY_SIZE, utf8(Integer.toString(d.key.length)));
            headers.add(HEADER_ORIGINAL_KEY_SHA256, utf8(sha256(d.key)));
        }
        return new ProducerRecord<>(
                topic,
                null,
                null,
                keyCut ? Arrays.copyOf(d.key, maxKeyBytes) : d.key,
                valueCut ? Arrays.copyOf(d.value, maxValueBytes) : d.value,
                headers);
    }

    /** Lower-case hex, as {@code sha256sum} prints it. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
