package com.smartinfra.job.alert;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The Flink side of {@link FleetIncidents}: keyed by the constant {@link FleetIncidents#KEY}, so
 * one parallel instance sees every host (a fleet decision needs them all; the stream is a few
 * messages per minute). Its state is one {@link FleetState}; the wait runs on processing-time
 * timers, not event time, because a fleet of silent hosts (no-data alerts) has no event time to
 * move.
 */
public final class FleetIncidentsFunction
        extends KeyedProcessFunction<String, Notification, Notification> {
    private static final long serialVersionUID = 1L;

    /** An event-time timer that only the end of a bounded input (the last watermark) reaches. */
    private static final long END_OF_INPUT = Long.MAX_VALUE - 1;

    private final AlertConfig config;
    private transient FleetIncidents fleet;
    private transient ValueState<FleetState> state;

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
    }

    @Override
    public void processElement(Notification n, Context ctx, Collector<Notification> out)
            throws Exception {
        FleetState st = current();
        long next =
                fleet.onNotification(
                        st, n, ctx.timerService().currentProcessingTime(), out::collect);
        state.update(st);
        wakeAt(ctx.timerService(), next);
        ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        FleetState st = current();
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            fleet.endOfInput(st, out::collect);
            state.update(st);
            return;
        }
        long next = fleet.onTime(st, time, out::collect);
        state.update(st);
        wakeAt(ctx.timerService(), next);
    }

    private FleetState current() throws Exception {
        FleetState st = state.value();
        return st == null ? new FleetState() : st;
    }

    private static void wakeAt(TimerService timers, long at) {
        if (at != Long.MAX_VALUE) {
            // Flink keeps one timer per (key, time): waking at the same time twice is one wake
            timers.registerProcessingTimeTimer(at);
        }
    }
}
