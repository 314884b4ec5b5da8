package com.smartinfra.job.stats;

import com.smartinfra.schema.InfluxSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * One window's statistics as one {@code host_stats} point at the window start. A late sample that
 * re-fires the window rewrites the same point (same host, window tag and time).
 */
public final class HostStatsConverter implements ElementConverter<HostStats, String> {
    private static final long serialVersionUID = 1L;

    private transient StringBuilder line;

    @Override
    public String apply(HostStats s, SinkWriter.Context context) {
        if (line == null) {
            line = new StringBuilder(512);
        }
        line.setLength(0);
        return InfluxSchema.appendHostStats(
                        line, s.host, s.window, s.start, s.count, s.mean, s.min, s.max, s.stddev,
                        s.p95)
                .toString();
    }
}
