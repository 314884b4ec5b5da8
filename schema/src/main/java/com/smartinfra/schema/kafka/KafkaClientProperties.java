package com.smartinfra.schema.kafka;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings every client of the project shares (the job's Slack journal, the API's
 * ingest producer and silence reader, the simulator's publisher); each caller adds what is its own
 * (timeouts, batching, serializers).
 */
public final class KafkaClientProperties {
    /** While Kafka is down: a reconnect (and its WARN line) every 10 s, not every second. */
    static final String RECONNECT_BACKOFF_MAX_MS = "10000";

    private KafkaClientProperties() {}

    /**
     * A producer that loses nothing and writes nothing twice: acks from all replicas, idempotent.
     */
    public static Properties durableProducer(String bootstrapServers, String clientId) {
        Properties p = common(bootstrapServers, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    /** A consumer that keeps its own position: no group offsets committed behind its back. */
    public static Properties consumer(String bootstrapServers, String clientId) {
        Properties p = common(bootstrapServers, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return p;
    }

    /** An admin client whose every call gives up after {@code timeout}. */
    public static Properties admin(String bootstrapServers, String clientId, Duration timeout) {
        Properties p = common(bootstrapServers, clientId);
        String ms = Long.toString(Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, ms);
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        return p;
    }

    private static Properties common(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, RECONNECT_BACKOFF_MAX_MS);
        return p;
    }
}
