package com.smartinfra.job.store;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, capped, and no limit on the number of retries: between half and
 * all of {@code initial * 2^(n-1)}, at most {@code max}; a server's Retry-After wins when longer
 * (up to six times the cap).
 */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 2L;

    final long initialBackoffMs;
    final long maxBackoffMs;

    public RetryPolicy(Duration initialBackoff, Duration maxBackoff) {
        this.initialBackoffMs = Math.max(1, initialBackoff.toMillis());
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoff.toMillis());
    }

    /** Delay before retry number {@code retry} (1-based). */
    long backoffMillis(int retry, long retryAfterMs) {
        long cap = Math.min(maxBackoffMs, initialBackoffMs << Math.min(retry - 1, 30));
        long jittered = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        return Math.max(jittered, Math.min(retryAfterMs, maxBackoffMs * 6));
    }
}
