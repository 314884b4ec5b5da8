package com.smartinfra.job.stats;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Stamps a window's aggregate with its host, window label and time range. */
public final class HostStatsWindowFunction
        extends ProcessWindowFunction<HostStats, HostStats, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    private final String windowLabel;

    public HostStatsWindowFunction(String windowLabel) {
        this.windowLabel = windowLabel;
    }

    @Override
    public void process(
            String host,
            Context context,
            Iterable<HostStats> aggregates,
            Collector<HostStats> out) {
        // an aggregating window holds exactly one result
        for (HostStats stats : aggregates) {
            stats.host = host;
            stats.window = windowLabel;
            stats.start = context.window().getStart();
            stats.end = context.window().getEnd();
            out.collect(stats);
        }
    }
}
