package com.smartinfra.simulator.publish;

/** Kafka cannot be reached or the topic cannot be used; the simulator exits with code 3. */
public final class KafkaUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message) {
        super(message, null, false, false);
    }
}
