package com.smartinfra.api.writeaccess;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code burst} writes at once, refilled at {@code ratePerSecond}. At
 * most {@link #MAX_CLIENTS} clients are tracked; beyond that the one written least recently is
 * forgotten (it starts again with a full bucket), so a flood of addresses cannot fill the heap.
 * Time is {@link System#nanoTime()}: a wall clock jump neither blocks nor frees anyone.
 */
final class ClientRateLimiter {
    static final int MAX_CLIENTS = 10_000;

    private final double ratePerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets =
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > MAX_CLIENTS;
                }
            };

    ClientRateLimiter(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one write from {@code client}'s bucket: 0 when it may go ahead, else the whole seconds
     * (at least 1) until it may.
     */
    synchronized long take(String client) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.get(client);
        if (b == null) {
            b = new Bucket(burst, now);
            buckets.put(client, b);
        }
        b.tokens = Math.min(burst, b.tokens + (now - b.refilledAt) * ratePerNano);
        b.refilledAt = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        double seconds = (1 - b.tokens) / ratePerNano / 1e9;
        return Math.max(1, (long) Math.ceil(seconds - 1e-9));
    }

    /** Clients tracked now. */
    synchronized int clients() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
