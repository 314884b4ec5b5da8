package com.smartinfra.api.stats;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.schema.HostName;

/** A validated read of {@code host_stats}: windows starting in {@code [sinceMs, untilMs)}. */
public record StatsQuery(long sinceMs, long untilMs, String host, String window, int limit) {
    public static final int MAX_LIMIT = 50_000;

    public StatsQuery {
        if (sinceMs < 0 || untilMs > QueryParams.MAX_TIME_MS || sinceMs >= untilMs) {
            throw new IllegalArgumentException(
                    "bad time window [" + sinceMs + ", " + untilMs + ") ms");
        }
        if (host != null && !HostName.isValid(host)) {
            throw new IllegalArgumentException("bad host name");
        }
        if (window != null && !InfluxQl.WINDOW.matcher(window).matches()) {
            throw new IllegalArgumentException("bad window");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("bad limit " + limit);
        }
    }
}
