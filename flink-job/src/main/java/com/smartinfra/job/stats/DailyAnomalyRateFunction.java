package com.smartinfra.job.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The last 24 hours of a host from its quarter-hour counts: keeps the host's quarters of the last
 * day (96 small entries, keyed by quarter start) and, whenever a quarter closes (or fires again for
 * late data, replacing its entry), emits the {@code 24h} row ending at the newest quarter's end.
 * Summing finished quarters costs nothing per event, where a 24-hour sliding window would add every
 * event to 96 windows.
 *
 * <p>State is dropped by an event-time timer a day after the host's newest quarter: a host that
 * stops reporting leaves nothing behind.
 */
public final class DailyAnomalyRateFunction
        extends KeyedProcessFunction<String, AnomalyRate, AnomalyRate> {
    private static final long serialVersionUID = 1L;

    public static final long DAY_MS = 24 * 3_600_000L;
    public static final String LABEL = "24h";

    private transient MapState<Long, AnomalyCounts> quarters;
    private transient ValueState<Long> newestEnd;

    @Override
    public void open(OpenContext openContext) {
        quarters =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "anomaly-rate-quarters",
                                        Types.LONG,
                                        TypeInformation.of(AnomalyCounts.class)));
        newestEnd =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("anomaly-rate-newest-end", Types.LONG));
    }

    @Override
    public void processElement(AnomalyRate quarter, Context ctx, Collector<AnomalyRate> out)
            throws Exception {
        quarters.put(quarter.start, quarter.counts);
        Long previous = newestEnd.value();
        long end = previous == null ? quarter.end : Math.max(previous, quarter.end);
        if (previous == null || end != previous) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous + DAY_MS);
            }
            ctx.timerService().registerEventTimeTimer(end + DAY_MS);
            newestEnd.update(end);
        }
        long from = end - DAY_MS;
        AnomalyCounts day = new AnomalyCounts();
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, AnomalyCounts> e : quarters.entries()) {
            if (e.getKey() < from) {
                expired.add(e.getKey());
            } else if (e.getKey() < end) {
                day.merge(e.getValue());
            }
        }
        for (Long start : expired) {
            quarters.remove(start);
        }
        out.collect(new AnomalyRate(quarter.host, LABEL, from, end, day));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AnomalyRate> out)
            throws Exception {
        quarters.clear();
        newestEnd.clear();
    }
}
