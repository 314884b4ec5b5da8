package com.smartinfra.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    @Test
    void aDurableProducerWaitsForAllReplicasAndIsIdempotent() {
        Properties p = KafkaClientProperties.durableProducer("k:9092", "api-ingest");
        assertThat(p)
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "k:9092")
                .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "api-ingest")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
                .containsEntry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        // the names are the clients' own: a misspelt key would only be a WARN at run time
        assertThat(ProducerConfig.configNames()).containsAll(p.stringPropertyNames());
    }

    @Test
    void aConsumerCommitsNothingOnItsOwn() {
        Properties p = KafkaClientProperties.consumer("k:9092", "silences");
        assertThat(p).containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        assertThat(ConsumerConfig.configNames()).containsAll(p.stringPropertyNames());
    }

    @Test
    void anAdminGivesUpAfterItsTimeout() {
        Properties p = KafkaClientProperties.admin("k:9092", "check", Duration.ofSeconds(5));
        assertThat(p)
                .containsEntry(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000")
                .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        assertThat(AdminClientConfig.configNames()).containsAll(p.stringPropertyNames());
    }
}
