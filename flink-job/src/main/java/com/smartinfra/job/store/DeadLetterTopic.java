package com.smartinfra.job.store;

import java.io.Serializable;
import java.util.Objects;

/** Where the InfluxDB sink sends the points InfluxDB refuses: the job's dead-letter topic. */
public final class DeadLetterTopic implements Serializable {
    private static final long serialVersionUID = 1L;

    final String bootstrapServers;
    final String topic;

    public DeadLetterTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    @Override
    public String toString() {
        return "DeadLetterTopic{" + topic + " at " + bootstrapServers + "}";
    }
}
