package com.smartinfra.job.alert;

import com.smartinfra.schema.Echo;
import com.smartinfra.schema.SilenceCommand;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle in the job, keyed by host: a thin adapter that keeps {@link AlertLifecycle}'s
 * per-host state in Flink keyed state, its timers in Flink timers and the silences broadcast from
 * the control topic in broadcast state ({@link SilenceBook}). The decisions are the core's.
 */
public final class AlertLifecycleFunction
        extends KeyedBroadcastProcessFunction<String, Signal, SilenceCommand, Notification> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertLifecycleFunction.class);

    /** The silences, broadcast to every subtask: silence id → command. */
    public static final MapStateDescriptor<String, SilenceCommand> SILENCES =
            new MapStateDescriptor<>(
                    "alert-silences", Types.STRING, TypeInformation.of(SilenceCommand.class));

    /** How long a group waits for a stalled watermark before it goes out on processing time. */
    static final long GROUP_FALLBACK_MS = AlertLifecycle.GROUP_FALLBACK_MS;

    private final AlertConfig config;

    private transient ValueState<HostState> hostState;
    private transient MapState<String, AlertState> alerts;
    private transient MapState<Long, PendingTick> pending;
    private transient ListState<AlertItem> group;
    private transient AlertLifecycle lifecycle;
    private transient Counter notifications;
    private transient Counter silencesRefused;

    public AlertLifecycleFunction(AlertConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        // state names and types are those of the function before the core was extracted: a
        // checkpoint of either restores into the other
        hostState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert-host", TypeInformation.of(HostState.class)));
        alerts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alerts",
                                        Types.STRING,
                                        TypeInformation.of(AlertState.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "alert-pending-ticks",
                                        Types.LONG,
                                        TypeInformation.of(PendingTick.class)));
        group =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "alert-group", TypeInformation.of(AlertItem.class)));
        lifecycle = new AlertLifecycle(config);
        notifications = getRuntimeContext().getMetricGroup().counter("alertNotifications");
        silencesRefused = getRuntimeContext().getMetricGroup().counter("silencesRefused");
    }

    @Override
    public void processElement(Signal s, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        lifecycle.onSignal(
                s, ctx.currentProcessingTime(), new Keyed(ctx.getCurrentKey(), ctx, out));
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        Keyed x = new Keyed(ctx.getCurrentKey(), ctx, out);
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            lifecycle.onEventTime(t, ctx.currentProcessingTime(), x);
        } else {
            lifecycle.onProcessingTime(ctx.currentProcessingTime(), x);
        }
    }

    @Override
    public void processBroadcastElement(SilenceCommand c, Context ctx, Collector<Notification> out)
            throws Exception {
        BroadcastState<String, SilenceCommand> silences = ctx.getBroadcastState(SILENCES);
        SilenceBook.Outcome outcome =
                SilenceBook.apply(
                        c,
                        ctx.currentProcessingTime(),
                        config.maxActiveSilences,
                        new SilenceBook.Store() {
                            @Override
                            public Iterable<Map.Entry<String, SilenceCommand>> entries()
                                    throws Exception {
                                return silences.entries();
                            }

                            @Override
                            public boolean contains(String id) throws Exception {
                                return silences.contains(id);
                            }

                            @Override
                            public void put(String id, SilenceCommand command) throws Exception {
                                silences.put(id, command);
                            }

                            @Override
                            public void remove(String id) throws Exception {
                                silences.remove(id);
                            }
                        });
        if (outcome == SilenceBook.Outcome.REFUSED) {
            silencesRefused.inc();
        }
        if (getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
            return; // every subtask sees every command: one logs it
        }
        switch (outcome) {
            case REFUSED:
                LOG.warn(
                        "Silence {} refused: {} silences are active, the most"
                                + " 'alert.silences.max-active' allows",
                        Echo.bounded(c.id, 80),
                        config.maxActiveSilences);
                break;
            case ADDED:
                // the comment is free text: never let it forge a log line
                LOG.info(
                        "Silence {} ({})",
                        Echo.bounded(c.toString(), 300),
                        c.comment == null ? "no comment" : Echo.bounded(c.comment, 200));
                break;
            default:
                LOG.info("Silence {} removed or expired", Echo.bounded(c.id, 80));
        }
    }

    /** One host's state, timers and silences as the core sees them. */
    private final class Keyed implements HostAlerts {
        private final String host;
        private final ReadOnlyContext ctx;
        private final TimerService timers;
        private final Collector<Notification> out;

        Keyed(String host, ReadOnlyContext ctx, Collector<Notification> out) {
            this.host = host;
            this.ctx = ctx;
            this.timers = ctx.timerService();
            this.out = out;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public HostState hostState() throws Exception {
            return hostState.value();
        }

        @Override
        public void updateHostState(HostState h) throws Exception {
            hostState.update(h);
        }

        @Override
        public AlertState alert(String cause) throws Exception {
            return alerts.get(cause);
        }

        @Override
        public void putAlert(String cause, AlertState s) throws Exception {
            alerts.put(cause, s);
        }

        @Override
        public void removeAlert(String cause) throws Exception {
            alerts.remove(cause);
        }

        @Override
        public Iterable<String> causes() throws Exception {
            return alerts.keys();
        }

        @Override
        public PendingTick pending(long t) throws Exception {
            return pending.get(t);
        }

        @Override
        public void putPending(long t, PendingTick tick) throws Exception {
            pending.put(t, tick);
        }

        @Override
        public void removePending(long t) throws Exception {
            pending.remove(t);
        }

        @Override
        public Iterable<Long> pendingTimes() throws Exception {
            return pending.keys();
        }

        @Override
        public Iterable<AlertItem> group() throws Exception {
            return group.get();
        }

        @Override
        public void addToGroup(AlertItem item) throws Exception {
            group.add(item);
        }

        @Override
        public void clearGroup() {
            group.clear();
        }

        @Override
        public void forget() {
            alerts.clear();
            pending.clear();
            group.clear();
            hostState.clear();
        }

        @Override
        public long watermark() {
            return timers.currentWatermark();
        }

        @Override
        public void atEventTime(long t) {
            timers.registerEventTimeTimer(t);
        }

        @Override
        public void atProcessingTime(long t) {
            timers.registerProcessingTimeTimer(t);
        }

        @Override
        public boolean silenced(String cause, long now) throws Exception {
            return SilenceBook.covers(
                    ctx.getBroadcastState(SILENCES).immutableEntries(), host, cause, now);
        }

        @Override
        public void emit(Notification n) {
            notifications.inc(n.items.length);
            out.collect(n);
        }
    }
}
