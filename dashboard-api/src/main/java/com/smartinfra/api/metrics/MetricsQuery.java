package com.smartinfra.api.metrics;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.ReadChecks;

/**
 * A validated read of samples: the half-open time window {@code [sinceMs, untilMs)} in epoch
 * milliseconds, an optional host, the most samples to answer (the newest ones win) and, when {@code
 * stepMs > 0}, the interval to average them over.
 *
 * <p>Everything here is checked on construction, so the InfluxQL built from it needs no escaping.
 */
public record MetricsQuery(long sinceMs, long untilMs, String host, int limit, long stepMs) {
    /** Latest instant a query may name (exclusive): the last timestamp the schema accepts. */
    public static final long MAX_TIME_MS = QueryParams.MAX_TIME_MS;

    public static final int MAX_LIMIT = 50_000;
    public static final long MIN_STEP_MS = 1_000;
    public static final long MAX_STEP_MS = 86_400_000;

    public MetricsQuery {
        ReadChecks.window(sinceMs, untilMs);
        ReadChecks.host(host);
        ReadChecks.limit(limit, MAX_LIMIT);
        if (stepMs != 0 && (stepMs < MIN_STEP_MS || stepMs > MAX_STEP_MS)) {
            throw new IllegalArgumentException("bad step " + stepMs);
        }
    }

    /** A raw (not downsampled) read. */
    public MetricsQuery(long sinceMs, long untilMs, String host, int limit) {
        this(sinceMs, untilMs, host, limit, 0);
    }

    public boolean downsampled() {
        return stepMs > 0;
    }
}
