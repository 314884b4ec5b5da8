package com.smartinfra.simulator.scrape;

/** A response that is not valid Prometheus text exposition format; the message names the line. */
public final class PrometheusTextException extends Exception {
    private static final long serialVersionUID = 1L;

    public PrometheusTextException(String message) {
        super(message, null, false, false);
    }
}
