package com.smartinfra.api.ingest;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.kafka.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces samples to the metrics topic the way the simulator does: key = host, value = the wire
 * format, {@code acks=all} with idempotence, so an accepted sample is on every in-sync replica.
 * Every wait is bounded: metadata ({@link #MAX_BLOCK}), delivery ({@link #DELIVERY_TIMEOUT}), the
 * health probe ({@link #PROBE_TIMEOUT}); Kafka being down costs a request at most that long, never
 * a hung thread. The clients are created on first use, so the API starts while Kafka is still down.
 * The silence commands go out through the same producer ({@link #send(String, String, byte[])}).
 */
public final class SampleProducer implements AutoCloseable {
    static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrapServers;
    private final String topic;
    private KafkaProducer<byte[], byte[]> producer;
    private Admin admin;
    private boolean closed;

    public SampleProducer(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Where one accepted sample went. */
    public record Delivery(String topic, int partition, long offset) {}

    /** Sends one sample and waits until Kafka has it (acks=all), or says why not. */
    public Delivery send(Sample s) throws KafkaUnavailableException {
        return send(topic, s.host, SampleJson.toJson(s));
    }

    /**
     * Sends one record to another topic through the same producer and settings (the alert control
     * commands), keyed by {@code key} in UTF-8, and waits until Kafka has it.
     */
    public Delivery send(String toTopic, String key, byte[] value)
            throws KafkaUnavailableException {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(toTopic, key.getBytes(StandardCharsets.UTF_8), value);
        try {
            RecordMetadata m =
                    producer()
                            .send(record)
                            .get(DELIVERY_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            return new Delivery(m.topic(), m.partition(), m.offset());
        } catch (ExecutionException e) {
            throw unavailable(e.getCause() == null ? e : e.getCause());
        } catch (KafkaException e) {
            // send() throws a metadata timeout itself (max.block.ms): the topic or broker is away
            throw unavailable(e);
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("no answer from Kafka", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted", e);
        }
    }

    /** Null when the broker answers and the topic exists, else a short reason. */
    public String probe() {
        try {
            Map<String, TopicDescription> topics =
                    admin().describeTopics(Set.of(topic))
                            .allTopicNames()
                            .get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return topics.containsKey(topic) ? null : "topic '" + topic + "' does not exist";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return "topic '" + topic + "' does not exist";
            }
            return "unreachable: " + shorten(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return "unreachable: no answer within " + PROBE_TIMEOUT.toSeconds() + " s";
        } catch (KafkaException e) {
            return "unreachable: " + shorten(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static KafkaUnavailableException unavailable(Throwable t) {
        return new KafkaUnavailableException(shorten(t), t);
    }

    private static String shorten(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() <= 200 ? m : m.substring(0, 200) + "...";
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new KafkaException("the API is shutting down");
        }
        if (producer == null) {
            Properties p =
                    KafkaClientProperties.durableProducer(bootstrapServers, "dashboard-api-ingest");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(MAX_BLOCK.toMillis()));
            p.put(
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    Long.toString(REQUEST_TIMEOUT.toMillis()));
            p.put(
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                    Long.toString(DELIVERY_TIMEOUT.toMillis()));
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class.getName());
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    private synchronized Admin admin() {
        if (closed) {
            throw new KafkaException("the API is shutting down");
        }
        if (admin == null) {
            admin =
                    Admin.create(
                            KafkaClientProperties.admin(
                                    bootstrapServers, "dashboard-api-health", PROBE_TIMEOUT));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
