package com.smartinfra.job.store;

/** A write InfluxDB refused for good, or that still failed after every retry: fails the job. */
public final class InfluxWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InfluxWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
