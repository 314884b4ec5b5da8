package com.smartinfra.api.alerts;

import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.ReadChecks;
import java.util.regex.Pattern;

/**
 * A validated read of alert notifications: window {@code [sinceMs, untilMs)}, optional host, cause,
 * state and status.
 */
public record AlertsQuery(
        long sinceMs,
        long untilMs,
        String host,
        String cause,
        String state,
        String status,
        int limit) {
    public static final int MAX_LIMIT = 50_000;

    /** The {@code state} field of alerts. */
    public static final Pattern STATE = Pattern.compile("firing|resolved");

    /** The {@code status} field of alerts. */
    public static final Pattern STATUS =
            Pattern.compile("sent|pending|silenced|not-configured|rejected|dropped");

    public AlertsQuery {
        ReadChecks.window(sinceMs, untilMs);
        ReadChecks.host(host);
        check(cause, InfluxQl.CAUSE, "cause");
        check(state, STATE, "state");
        check(status, STATUS, "status");
        ReadChecks.limit(limit, MAX_LIMIT);
    }

    private static void check(String value, Pattern syntax, String name) {
        if (value != null && !syntax.matcher(value).matches()) {
            throw new IllegalArgumentException("bad " + name);
        }
    }
}
