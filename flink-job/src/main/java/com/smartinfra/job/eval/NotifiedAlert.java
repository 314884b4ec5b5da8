package com.smartinfra.job.eval;

/** One alert (host, cause, episode) as its notifications tell it. */
final class NotifiedAlert {
    final String host;
    final String cause;
    final long since;

    /** First sent firing/repeat/flapping notification, and its message's time; -1: never. */
    long pagedAt = -1;

    long pagedMessageAt = -1;
    long resolvedAt = Long.MAX_VALUE;
    boolean flapping;
    LabelledIncident incident;

    NotifiedAlert(String host, String cause, long since) {
        this.host = host;
        this.cause = cause;
        this.since = since;
    }

    boolean paged() {
        return pagedAt >= 0;
    }
}
