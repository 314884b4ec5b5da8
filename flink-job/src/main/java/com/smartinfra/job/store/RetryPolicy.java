package com.smartinfra.job.store;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, capped; a server's Retry-After wins when longer. */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    final int maxRetries;
    final long initialBackoffMs;
    final long maxBackoffMs;

    public RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
        this.maxRetries = maxRetries;
        this.initialBackoffMs = initialBackoff.toMillis();
        this.maxBackoffMs = Math.max(initialBackoff.toMillis(), maxBackoff.toMillis());
    }

    /** Delay before retry number {@code retry} (1-based). */
    long backoffMillis(int retry, long retryAfterMs) {
        long cap = Math.min(maxBackoffMs, initialBackoffMs << Math.min(retry - 1, 30));
        long jittered = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        return Math.max(jittered, Math.min(retryAfterMs, maxBackoffMs * 6));
    }
}
