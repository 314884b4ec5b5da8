package com.smartinfra.api.fleet;

import com.smartinfra.api.influx.ReadChecks;

/** A validated {@code GET /fleet}: now, and how many metric and host entries to answer. */
public record FleetQuery(long nowMs, int limit, int hostLimit) {
    public static final int MAX_LIMIT = 1_000;
    public static final int MAX_HOST_LIMIT = 10_000;

    public FleetQuery {
        ReadChecks.limit(limit, MAX_LIMIT);
        ReadChecks.limit(hostLimit, MAX_HOST_LIMIT);
    }
}
