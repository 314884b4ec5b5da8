package com.smartinfra.api.metrics;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.ReadChecks;

/**
 * A validated read of samples: the half-open time window {@code [sinceMs, untilMs)} in epoch
 * milliseconds, an optional host, the most samples to answer (the newest ones win) and, when {@code
 * stepMs > 0}, the interval to average them over and {@code intervals}, the most intervals of one
 * host that can hold data.
 *
 * <p>Everything here is checked on construction, so the InfluxQL built from it needs no escaping.
 */
public record MetricsQuery(
        long sinceMs, long untilMs, String host, int limit, long stepMs, long intervals) {
    /** Latest instant a query may name (exclusive): the last timestamp the schema accepts. */
    public static final long MAX_TIME_MS = QueryParams.MAX_TIME_MS;

    public static final int MAX_LIMIT = 50_000;

    /**
     * Most samples one answer may hold, summed over hosts. A downsampled read of all hosts that
     * could exceed it is refused before it runs ({@link MetricsReader}).
     */
    public static final int MAX_POINTS = MAX_LIMIT;

    public static final long MIN_STEP_MS = 1_000;
    public static final long MAX_STEP_MS = 86_400_000;

    public MetricsQuery {
        ReadChecks.window(sinceMs, untilMs);
        ReadChecks.host(host);
        ReadChecks.limit(limit, MAX_LIMIT);
        if (stepMs != 0 && (stepMs < MIN_STEP_MS || stepMs > MAX_STEP_MS)) {
            throw new IllegalArgumentException("bad step " + stepMs);
        }
        if (stepMs == 0 ? intervals != 0 : intervals < 1) {
            throw new IllegalArgumentException("bad interval count " + intervals);
        }
    }

    /** A raw (not downsampled) read. */
    public MetricsQuery(long sinceMs, long untilMs, String host, int limit) {
        this(sinceMs, untilMs, host, limit, 0, 0);
    }

    /** A downsampled read of a closed window: every interval of it may hold data. */
    public MetricsQuery(long sinceMs, long untilMs, String host, int limit, long stepMs) {
        this(sinceMs, untilMs, host, limit, stepMs, intervals(sinceMs, untilMs, stepMs));
    }

    /** Intervals of {@code stepMs} that {@code [sinceMs, endMs)} touches (at least one). */
    public static long intervals(long sinceMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            return 0;
        }
        return (Math.max(endMs, sinceMs + 1) - sinceMs + stepMs - 1) / stepMs;
    }

    public boolean downsampled() {
        return stepMs > 0;
    }

    /** Most samples of one host the read can answer: InfluxQL's per-series LIMIT. */
    public long perHost() {
        return downsampled() ? Math.min(limit, intervals) : limit;
    }
}
