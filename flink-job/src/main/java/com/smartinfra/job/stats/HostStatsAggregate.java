package com.smartinfra.job.stats;

import com.smartinfra.schema.Sample;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Folds a host's samples into a {@link StatsAccumulator} as they arrive: the window keeps that
 * accumulator, never the samples. {@code add} mutates it in place and allocates only when the exact
 * p95 buffer grows.
 */
public final class HostStatsAggregate
        implements AggregateFunction<Sample, StatsAccumulator, HostStats> {
    private static final long serialVersionUID = 1L;

    @Override
    public StatsAccumulator createAccumulator() {
        return new StatsAccumulator();
    }

    @Override
    public StatsAccumulator add(Sample sample, StatsAccumulator acc) {
        acc.add(sample);
        return acc;
    }

    @Override
    public HostStats getResult(StatsAccumulator acc) {
        HostStats h = new HostStats();
        h.count = acc.count();
        for (int i = 0; i < HostStats.METRICS; i++) {
            MetricSummary m = acc.metric(i);
            h.mean[i] = m.meanOrNaN();
            h.min[i] = m.minOrNaN();
            h.max[i] = m.maxOrNaN();
            h.stddev[i] = m.stddev();
            h.p95[i] = m.p95();
        }
        return h;
    }

    @Override
    public StatsAccumulator merge(StatsAccumulator a, StatsAccumulator b) {
        a.merge(b);
        return a;
    }
}
