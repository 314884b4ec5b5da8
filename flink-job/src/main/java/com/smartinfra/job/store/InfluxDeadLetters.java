package com.smartinfra.job.store;

import com.smartinfra.job.ingest.DeadLetter;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends points InfluxDB refused to the dead-letter topic, as ingest's dead letters are written
 * ({@link DeadLetterSerializer}): the value is the line as sent, the reason InfluxDB's answer. Such
 * a point comes from no Kafka record of its own, so the source topic header is empty and partition
 * and offset are -1; the source timestamp is the point's own time. Extra headers say where it was
 * refused. The producer is idempotent with acks=all and is opened on the first refused point.
 */
final class InfluxDeadLetters implements AutoCloseable {
    /** Says which part of the job refused the record: {@value #ORIGIN}. */
    static final String HEADER_ORIGIN = "dlq.origin";

    static final String ORIGIN = "influxdb-sink";
    static final String HEADER_BUCKET = "dlq.influxdb.bucket";
    static final String HEADER_STATUS = "dlq.influxdb.status";

    private final DeadLetterTopic target;
    private final DeadLetterSerializer serializer;
    private final String bucket;
    private final String clientId;
    private volatile KafkaProducer<byte[], byte[]> producer;

    InfluxDeadLetters(DeadLetterTopic target, String bucket, String clientId) {
        this.target = target;
        this.serializer = target.serializer();
        this.bucket = bucket;
        this.clientId = clientId;
    }

    String topic() {
        return target.topic;
    }

    /**
     * Sends one dead letter per line and waits until Kafka has them all.
     *
     * @throws Exception when Kafka did not take one (the caller keeps the points and tries again)
     */
    void send(List<String> lines, int status, String reason)
            throws ExecutionException, InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(lines.size());
        for (String line : lines) {
            DeadLetter d = new DeadLetter();
            d.value = line.getBytes(StandardCharsets.UTF_8);
            d.reason = reason;
            d.sourceTopic = "";
            d.sourcePartition = -1;
            d.sourceOffset = -1;
            d.sourceTimestamp = timestampOf(line);
            ProducerRecord<byte[], byte[]> r = serializer.serialize(d, null, null);
            r.headers().add(HEADER_ORIGIN, ORIGIN.getBytes(StandardCharsets.UTF_8));
            r.headers().add(HEADER_BUCKET, bucket.getBytes(StandardCharsets.UTF_8));
            r.headers()
                    .add(HEADER_STATUS, Integer.toString(status).getBytes(StandardCharsets.UTF_8));
            sent.add(producer().send(r));
        }
        for (Future<RecordMetadata> f : sent) {
            f.get();
        }
    }

    /** Waits until every record sent is acknowledged (before a checkpoint). */
    void flush() {
        if (producer != null) {
            producer.flush();
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }

    /** The point's time: the line's last field (ms precision), or -1. */
    static long timestampOf(String line) {
        int space = line.lastIndexOf(' ');
        try {
            return Long.parseLong(line.substring(space + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            // a Kafka outage must not hold an I/O thread for minutes: the points stay queued
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
            producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
