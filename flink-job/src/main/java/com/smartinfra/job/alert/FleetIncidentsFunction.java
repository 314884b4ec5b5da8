package com.smartinfra.job.alert;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The Flink side of {@link FleetIncidents}: keyed by the constant {@link FleetIncidents#KEY}, so
 * one parallel instance sees every host (a fleet decision needs them all; the stream is a few
 * messages per minute). Its state is one {@link FleetState}. It decides in event time, woken by
 * event-time timers: the lifecycle forwards its watermark after the messages it closed, so when the
 * watermark here reaches t every host message decided at or before t has arrived, and a replay
 * after a restore decides alike.
 *
 * <p>One wall-clock fallback, as in the lifecycle's grouping: when something waits and the
 * watermark has not moved for {@link AlertLifecycle#GROUP_FALLBACK_MS} of wall clock (every host
 * silent, a source stopped), the next decision is made without it. Only that decision depends on
 * the wall clock, so only it may differ after a restore.
 */
public final class FleetIncidentsFunction
        extends KeyedProcessFunction<String, Notification, Notification> {
    private static final long serialVersionUID = 1L;

    private final AlertConfig config;
    private transient FleetIncidents fleet;
    private transient ValueState<FleetState> state;

    /** The watermark when the wall-clock fallback was armed; null: not armed. */
    private transient ValueState<Long> fallbackWatermark;

    public FleetIncidentsFunction(AlertConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext ctx) {
        fleet = new FleetIncidents(config);
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "fleet", TypeInformation.of(FleetState.class)));
        fallbackWatermark =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("fleet-fallback", Types.LONG));
    }

    @Override
    public void processElement(Notification n, Context ctx, Collector<Notification> out)
            throws Exception {
        FleetState st = current();
        long next = fleet.onNotification(st, n, out::collect);
        state.update(st);
        wakeAt(ctx.timerService(), st, next);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        FleetState st = current();
        long next;
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            next = fleet.onTime(st, time, out::collect);
        } else {
            Long armedAt = fallbackWatermark.value();
            fallbackWatermark.clear();
            if (armedAt != null && armedAt == ctx.timerService().currentWatermark()) {
                fleet.decideNext(st, out::collect);
            }
            next = fleet.nextWake(st);
        }
        state.update(st);
        wakeAt(ctx.timerService(), st, next);
    }

    private FleetState current() throws Exception {
        FleetState st = state.value();
        return st == null ? new FleetState() : st;
    }

    private void wakeAt(TimerService timers, FleetState st, long at) throws Exception {
        if (at != Long.MAX_VALUE) {
            // Flink keeps one timer per (key, time): waking at the same time twice is one wake
            timers.registerEventTimeTimer(at);
        }
        if (fleet.nextDecision(st) != Long.MAX_VALUE && fallbackWatermark.value() == null) {
            fallbackWatermark.update(timers.currentWatermark());
            timers.registerProcessingTimeTimer(
                    timers.currentProcessingTime() + AlertLifecycle.GROUP_FALLBACK_MS);
        }
    }
}
