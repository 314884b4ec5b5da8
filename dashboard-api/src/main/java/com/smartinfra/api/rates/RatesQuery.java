package com.smartinfra.api.rates;

import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.ReadChecks;

/** A validated read of {@code anomaly_rate}: windows starting in {@code [sinceMs, untilMs)}. */
public record RatesQuery(long sinceMs, long untilMs, String host, String window, int limit) {
    public static final int MAX_LIMIT = 50_000;

    public RatesQuery {
        ReadChecks.window(sinceMs, untilMs);
        ReadChecks.host(host);
        if (window != null && !InfluxQl.WINDOW.matcher(window).matches()) {
            throw new IllegalArgumentException("bad window");
        }
        ReadChecks.limit(limit, MAX_LIMIT);
    }
}
