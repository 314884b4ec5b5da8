package com.smartinfra.api.influx;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.schema.HostName;

/**
 * What every read query checks on construction, so the InfluxQL built from it needs no escaping.
 * The request parsers refuse bad input first with a message for the user; failing here is a bug.
 */
public final class ReadChecks {
    private ReadChecks() {}

    /** {@code [sinceMs, untilMs)} is a non-empty window within 1970..2100. */
    public static void window(long sinceMs, long untilMs) {
        if (sinceMs < 0 || untilMs > QueryParams.MAX_TIME_MS || sinceMs >= untilMs) {
            throw new IllegalArgumentException(
                    "bad time window [" + sinceMs + ", " + untilMs + ") ms");
        }
    }

    /** {@code host} is null (all hosts) or a valid host name. */
    public static void host(String host) {
        if (host != null && !HostName.isValid(host)) {
            throw new IllegalArgumentException("bad host name");
        }
    }

    /** {@code limit} is 1..max. */
    public static void limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("bad limit " + limit);
        }
    }
}
