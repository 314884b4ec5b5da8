package com.smartinfra.api.ingest;

/** Kafka did not take a sample in time, or refused it; the message is a short reason. */
public final class KafkaUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
