package com.smartinfra.api.anomalies;

import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.ReadChecks;

/** A validated read of anomalies: window {@code [sinceMs, untilMs)}, optional host and reason. */
public record AnomaliesQuery(long sinceMs, long untilMs, String host, String reason, int limit) {
    public static final int MAX_LIMIT = 50_000;

    public AnomaliesQuery {
        ReadChecks.window(sinceMs, untilMs);
        ReadChecks.host(host);
        if (reason != null && !InfluxQl.REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("bad reason");
        }
        ReadChecks.limit(limit, MAX_LIMIT);
    }
}
