package com.smartinfra.api.anomalies;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.schema.HostName;

/** A validated read of anomalies: window {@code [sinceMs, untilMs)}, optional host and reason. */
public record AnomaliesQuery(long sinceMs, long untilMs, String host, String reason, int limit) {
    public static final int MAX_LIMIT = 50_000;

    public AnomaliesQuery {
        if (sinceMs < 0 || untilMs > QueryParams.MAX_TIME_MS || sinceMs >= untilMs) {
            throw new IllegalArgumentException(
                    "bad time window [" + sinceMs + ", " + untilMs + ") ms");
        }
        if (host != null && !HostName.isValid(host)) {
            throw new IllegalArgumentException("bad host name");
        }
        if (reason != null && !InfluxQl.REASON.matcher(reason).matches()) {
            throw new IllegalArgumentException("bad reason");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("bad limit " + limit);
        }
    }
}
