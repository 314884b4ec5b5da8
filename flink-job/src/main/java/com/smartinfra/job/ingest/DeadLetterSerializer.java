package com.smartinfra.job.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A dead letter as a Kafka record: the original key and value bytes untouched, the reason and the
 * source coordinates in headers (the convention of Kafka Connect's dead-letter queues).
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;

    public static final String HEADER_REASON = "dlq.reason";
    public static final String HEADER_TOPIC = "dlq.source.topic";
    public static final String HEADER_PARTITION = "dlq.source.partition";
    public static final String HEADER_OFFSET = "dlq.source.offset";
    public static final String HEADER_TIMESTAMP = "dlq.source.timestamp";

    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter d, KafkaSinkContext context, Long timestamp) {
        RecordHeaders headers = new RecordHeaders();
        // text headers: readable with any console consumer during an incident
        headers.add(HEADER_REASON, utf8(d.reason));
        headers.add(HEADER_TOPIC, utf8(d.sourceTopic));
        headers.add(HEADER_PARTITION, utf8(Integer.toString(d.sourcePartition)));
        headers.add(HEADER_OFFSET, utf8(Long.toString(d.sourceOffset)));
        headers.add(HEADER_TIMESTAMP, utf8(Long.toString(d.sourceTimestamp)));
        return new ProducerRecord<>(topic, null, null, d.key, d.value, headers);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
