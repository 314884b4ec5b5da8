package com.smartinfra.simulator.scrape;

/** A scrape that failed: no answer, an HTTP error, or an answer that is not node_exporter's. */
final class ScrapeException extends Exception {
    private static final long serialVersionUID = 1L;

    ScrapeException(String message) {
        super(message, null, false, false);
    }
}
