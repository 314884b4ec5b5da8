package com.smartinfra.job.stats;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a host's samples and anomalies as they arrive; the window keeps only the counts. */
public final class AnomalyRateAggregate
        implements AggregateFunction<RateEvent, AnomalyCounts, AnomalyCounts> {
    private static final long serialVersionUID = 1L;

    @Override
    public AnomalyCounts createAccumulator() {
        return new AnomalyCounts();
    }

    @Override
    public AnomalyCounts add(RateEvent e, AnomalyCounts acc) {
        acc.add(e);
        return acc;
    }

    /** A copy: the window function keeps the result in state while the accumulator lives on. */
    @Override
    public AnomalyCounts getResult(AnomalyCounts acc) {
        return acc.copy();
    }

    @Override
    public AnomalyCounts merge(AnomalyCounts a, AnomalyCounts b) {
        a.merge(b);
        return a;
    }
}
