package com.smartinfra.job.store;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import java.io.Serializable;
import java.util.Objects;

/** Where the InfluxDB sink sends the points InfluxDB refuses: the job's dead-letter topic. */
public final class DeadLetterTopic implements Serializable {
    private static final long serialVersionUID = 1L;

    final String bootstrapServers;
    final String topic;
    final int maxKeyBytes;
    final int maxValueBytes;

    /** With the default bounds of a dead letter's key and value. */
    public DeadLetterTopic(String bootstrapServers, String topic) {
        this(
                bootstrapServers,
                topic,
                DeadLetterSerializer.DEFAULT_MAX_KEY_BYTES,
                DeadLetterSerializer.DEFAULT_MAX_VALUE_BYTES);
    }

    /** Bounds as ingest's dead letters have ({@code kafka.dead-letter.max-*-bytes}). */
    public DeadLetterTopic(
            String bootstrapServers, String topic, int maxKeyBytes, int maxValueBytes) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.maxKeyBytes = maxKeyBytes;
        this.maxValueBytes = maxValueBytes;
    }

    /** Writes dead letters to this topic the way ingest does. */
    DeadLetterSerializer serializer() {
        return new DeadLetterSerializer(topic, maxKeyBytes, maxValueBytes);
    }

    @Override
    public String toString() {
        return "DeadLetterTopic{" + topic + " at " + bootstrapServers + "}";
    }
}
