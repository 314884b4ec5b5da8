package com.smartinfra.api.influx;

/** InfluxDB did not answer a read; the message is a short reason without secrets. */
public final class InfluxUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public InfluxUnavailableException(String reason) {
        super(reason);
    }

    public InfluxUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
