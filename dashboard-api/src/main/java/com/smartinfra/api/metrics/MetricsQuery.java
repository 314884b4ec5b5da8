package com.smartinfra.api.metrics;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.SampleJson;

/**
 * A validated read of raw samples: the half-open time window {@code [sinceMs, untilMs)} in epoch
 * milliseconds, an optional host and the most samples to answer (the newest ones win).
 *
 * <p>Everything here is checked on construction, so the InfluxQL built from it needs no escaping.
 */
public record MetricsQuery(long sinceMs, long untilMs, String host, int limit) {
    /** Latest instant a query may name (exclusive): the last timestamp the schema accepts. */
    public static final long MAX_TIME_MS = SampleJson.MAX_TIMESTAMP;

    public static final int MAX_LIMIT = 50_000;

    public MetricsQuery {
        if (sinceMs < 0 || untilMs > MAX_TIME_MS || sinceMs >= untilMs) {
            throw new IllegalArgumentException(
                    "bad time window [" + sinceMs + ", " + untilMs + ") ms");
        }
        if (host != null && !HostName.isValid(host)) {
            throw new IllegalArgumentException("bad host name");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("bad limit " + limit);
        }
    }
}
