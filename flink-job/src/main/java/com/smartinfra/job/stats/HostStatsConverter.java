package com.smartinfra.job.stats;

import com.smartinfra.job.store.LineProtocolConverter;
import com.smartinfra.schema.InfluxSchema;

/**
 * One window's statistics as one {@code host_stats} point at the window start. A late sample that
 * re-fires the window rewrites the same point (same host, window tag and time).
 */
public final class HostStatsConverter extends LineProtocolConverter<HostStats> {
    private static final long serialVersionUID = 1L;

    @Override
    protected StringBuilder append(StringBuilder sb, HostStats s) {
        return InfluxSchema.appendHostStats(
                sb, s.host, s.window, s.start, s.count, s.mean, s.min, s.max, s.stddev, s.p95);
    }
}
