package com.smartinfra.schema.retry;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff for retrying without limit: the wait before retry {@code n} is {@code initial
 * * 2^(n-1)}, at most {@code max}. With jitter (the default) a wait is drawn between half and all
 * of that, so that many writers failing together do not retry together. The one backoff of the
 * project: the InfluxDB sink, Slack delivery and the simulator's scraper use it.
 */
public final class Backoff implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A server's Retry-After is honoured up to this many times {@code max}. */
    static final int RETRY_AFTER_CAP_FACTOR = 6;

    private final long initialMs;
    private final long maxMs;
    private final boolean jitter;

    private Backoff(long initialMs, long maxMs, boolean jitter) {
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.jitter = jitter;
    }

    /** Jittered exponential backoff from {@code initial}, capped at {@code max}. */
    public static Backoff exponential(Duration initial, Duration max) {
        long initialMs = Math.max(1, initial.toMillis());
        return new Backoff(initialMs, Math.max(initialMs, max.toMillis()), true);
    }

    /** The same without jitter: exactly {@code initial * 2^(n-1)}, capped. */
    public Backoff withoutJitter() {
        return new Backoff(initialMs, maxMs, false);
    }

    public Duration max() {
        return Duration.ofMillis(maxMs);
    }

    /** The wait before retry number {@code retry} (1-based). */
    public long delayMillis(int retry) {
        long cap = Math.min(maxMs, initialMs << Math.min(Math.max(retry, 1) - 1, 30));
        return jitter ? cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1) : cap;
    }

    /**
     * The wait before retry number {@code retry} when the server asked for {@code retryAfterMs} (0
     * when it did not): the server wins when it asks for longer, up to six times {@code max}.
     */
    public long delayMillis(int retry, long retryAfterMs) {
        return Math.max(delayMillis(retry), Math.min(retryAfterMs, maxMs * RETRY_AFTER_CAP_FACTOR));
    }
}
