package com.smartinfra.job.store;

/**
 * At most one log line per interval for a kind of event that can come in bursts (refused points of
 * a replayed backlog, failed attempts during an outage): the first at once, then one per interval
 * that says how many were not logged in between. Thread-safe.
 */
final class LogThrottle {
    private final long intervalMs;
    private long lastMs;
    private boolean loggedBefore;
    private long suppressed;

    LogThrottle(long intervalMs) {
        this.intervalMs = intervalMs;
    }

    /**
     * Records one event at {@code nowMs}; returns -1 when it is not to be logged, else how many
     * events were not logged since the last line.
     */
    synchronized long admit(long nowMs) {
        if (loggedBefore && nowMs - lastMs < intervalMs) {
            suppressed++;
            return -1;
        }
        loggedBefore = true;
        lastMs = nowMs;
        long n = suppressed;
        suppressed = 0;
        return n;
    }

    /** The next event is logged at once (e.g. the first failure of the next outage). */
    synchronized void reset() {
        loggedBefore = false;
        suppressed = 0;
    }
}
