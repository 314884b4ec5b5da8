package com.smartinfra.job.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import com.smartinfra.schema.SharedDefaults;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * The {@code kafka.*} settings of the job: brokers, topics, consumer group, dead-letter delivery.
 */
public final class KafkaOptions {
    public static final ConfigOption<String> BOOTSTRAP_SERVERS =
            key("kafka.bootstrap-servers")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka brokers, e.g. kafka:9092 (required).");

    public static final ConfigOption<String> METRICS_TOPIC =
            key("kafka.topic.metrics")
                    .stringType()
                    .defaultValue(SharedDefaults.METRICS_TOPIC)
                    .withDescription("Topic of the metric samples.");

    public static final ConfigOption<String> DEAD_LETTER_TOPIC =
            key("kafka.topic.dead-letter")
                    .stringType()
                    .defaultValue("metrics-dlq")
                    .withDescription(
                            "Topic of the records that are not valid samples, each with its reason; differs from the metrics topic.");

    public static final ConfigOption<String> GROUP_ID =
            key("kafka.group-id")
                    .stringType()
                    .defaultValue("smart-infra-monitor")
                    .withDescription("Consumer group (offsets committed on checkpoints).");

    public static final ConfigOption<String> STARTING_OFFSETS =
            key("kafka.starting-offsets")
                    .stringType()
                    .defaultValue("committed")
                    .withDescription(
                            "Where reading starts: committed (the group's offsets, else the earliest), earliest or latest.");

    public static final ConfigOption<Boolean> BOUNDED =
            key("kafka.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the offsets that were the latest at start (tests, replays).");

    public static final ConfigOption<String> DEAD_LETTER_DELIVERY =
            key("kafka.dead-letter.delivery")
                    .stringType()
                    .defaultValue("exactly-once")
                    .withDescription("exactly-once (Kafka transactions) or at-least-once.");

    public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
            key("kafka.transactional-id-prefix")
                    .stringType()
                    .defaultValue("smart-infra-dlq")
                    .withDescription("Prefix of the dead-letter producer's transactional ids.");

    /** Every setting of this group, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    BOOTSTRAP_SERVERS,
                    METRICS_TOPIC,
                    DEAD_LETTER_TOPIC,
                    GROUP_ID,
                    STARTING_OFFSETS,
                    BOUNDED,
                    DEAD_LETTER_DELIVERY,
                    TRANSACTIONAL_ID_PREFIX);

    private KafkaOptions() {}
}
