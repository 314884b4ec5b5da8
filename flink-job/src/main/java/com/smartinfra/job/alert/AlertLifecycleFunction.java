package com.smartinfra.job.alert;

import com.smartinfra.schema.Echo;
import com.smartinfra.schema.SilenceCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
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
 * The alert lifecycle of each host: joins its samples and anomalies in event time, runs one {@link
 * AlertStateMachine} per cause, watches for silence (no data), groups what happens within {@code
 * alert.group-wait} into one {@link Notification}, and applies the silences broadcast from the
 * control topic. Keyed by host.
 *
 * <p><b>Two streams, one truth.</b> A sample and its anomaly arrive on two streams in any order.
 * Both are buffered by event time ({@link PendingTick}) and judged when the watermark passes that
 * time: by then the detector, whose output watermark follows its input, has emitted every anomaly
 * of that sample. A sample with no anomaly for cause C is a "normal" observation of C; an anomaly
 * is a "breaching" one. Elements behind the watermark (late data) are judged at the next watermark;
 * if a late anomaly misses its sample's judgement it still counts as a breach, and the resolve
 * hysteresis keeps one misjudged sample from resolving an alert.
 *
 * <p><b>No data.</b> A silent host produces no event time, so the dead-man check runs on processing
 * time: a timer per host, re-armed from the last arrival. After a (re)start every host gets {@code
 * alert.no-data.after} of grace, so a restore after downtime does not page for every host at once.
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
    static final long GROUP_FALLBACK_MS = 60_000;

    private final AlertConfig config;

    private transient ValueState<HostState> hostState;
    private transient MapState<String, AlertState> alerts;
    private transient MapState<Long, PendingTick> pending;
    private transient ListState<AlertItem> group;
    private transient Map<String, AlertStateMachine.Policy> policies;
    private transient long startedAt;
    private transient Counter notifications;
    private transient Counter silencesRefused;

    public AlertLifecycleFunction(AlertConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
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
        policies = new HashMap<>();
        startedAt = Long.MIN_VALUE;
        notifications = getRuntimeContext().getMetricGroup().counter("alertNotifications");
        silencesRefused = getRuntimeContext().getMetricGroup().counter("silencesRefused");
    }

    @Override
    public void processElement(Signal s, ReadOnlyContext ctx, Collector<Notification> out)
            throws Exception {
        long now = ctx.currentProcessingTime();
        started(now);
        TimerService timers = ctx.timerService();
        HostState h = hostState.value();
        if (h == null) {
            h = new HostState();
        }
        h.lastArrival = now;
        if (!s.anomaly && s.timestamp >= h.lastSampleTime) {
            h.lastSampleTime = s.timestamp;
            h.cpu = s.cpu;
            h.memory = s.memory;
            h.disk = s.disk;
        }

        AlertState noData = alerts.get(Causes.NO_DATA);
        if (noData != null) {
            // the host reports again
            NotificationKind kind =
                    AlertStateMachine.observe(
                            noData,
                            false,
                            now,
                            silenced(ctx, s.host, Causes.NO_DATA, now),
                            policy(Causes.NO_DATA));
            if (kind != null) {
                AlertItem item =
                        AlertStateMachine.notify(
                                s.host,
                                noData,
                                kind,
                                now,
                                silenced(ctx, s.host, Causes.NO_DATA, now));
                item.explanation = "Data from " + s.host + " is arriving again";
                item.cpu = s.cpu;
                item.memory = s.memory;
                item.disk = s.disk;
                addToGroup(h, item, s.timestamp, now, timers);
            }
            store(Causes.NO_DATA, noData);
        }
        if (h.deadmanTimer < 0) {
            h.deadmanTimer = now + config.noDataAfter.toMillis();
            timers.registerProcessingTimeTimer(h.deadmanTimer);
        }

        PendingTick tick = pending.get(s.timestamp);
        if (tick == null) {
            tick = new PendingTick();
        }
        tick.add(s);
        pending.put(s.timestamp, tick);
        long wm = timers.currentWatermark();
        timers.registerEventTimeTimer(s.timestamp > wm ? s.timestamp : wm + 1);
        hostState.update(h);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        long now = ctx.currentProcessingTime();
        started(now);
        HostState h = hostState.value();
        if (h == null) {
            return; // forgotten host: a stale timer
        }
        String host = ctx.getCurrentKey();
        if (ctx.timeDomain() == TimeDomain.EVENT_TIME) {
            judgePending(host, h, t, now, ctx);
            if (h.groupFlushAt >= 0 && t >= h.groupFlushAt) {
                flush(host, h, out);
            }
        } else {
            if (h.groupFallbackAt >= 0 && now >= h.groupFallbackAt) {
                flush(host, h, out);
            }
            if (h.deadmanTimer >= 0 && now >= h.deadmanTimer) {
                if (deadman(host, h, now, ctx, out)) {
                    return; // forgotten
                }
            }
        }
        hostState.update(h);
    }

    @Override
    public void processBroadcastElement(SilenceCommand c, Context ctx, Collector<Notification> out)
            throws Exception {
        BroadcastState<String, SilenceCommand> silences = ctx.getBroadcastState(SILENCES);
        long now = ctx.currentProcessingTime();
        boolean logs = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
        if (SilenceCommand.SILENCE.equals(c.type) && c.until > now) {
            removeExpired(silences, now);
            if (!silences.contains(c.id) && count(silences) >= config.maxActiveSilences) {
                // anyone who can write the control topic must not be able to mute everything
                silencesRefused.inc();
                if (logs) {
                    LOG.warn(
                            "Silence {} refused: {} silences are active, the most"
                                    + " 'alert.silences.max-active' allows",
                            Echo.bounded(c.id, 80),
                            config.maxActiveSilences);
                }
                return;
            }
            silences.put(c.id, c);
            if (logs) {
                // the comment is free text: never let it forge a log line
                LOG.info(
                        "Silence {} ({})",
                        Echo.bounded(c.toString(), 300),
                        c.comment == null ? "no comment" : Echo.bounded(c.comment, 200));
            }
        } else {
            silences.remove(c.id);
            if (logs) {
                LOG.info("Silence {} removed or expired", Echo.bounded(c.id, 80));
            }
        }
        removeExpired(silences, now);
    }

    private static void removeExpired(BroadcastState<String, SilenceCommand> silences, long now)
            throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, SilenceCommand> e : silences.entries()) {
            if (e.getValue().until <= now) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            silences.remove(id);
        }
    }

    private static int count(BroadcastState<String, SilenceCommand> silences) throws Exception {
        int n = 0;
        for (Map.Entry<String, SilenceCommand> ignored : silences.entries()) {
            n++;
        }
        return n;
    }

    /** Judges every buffered time up to {@code upTo}, oldest first. */
    private void judgePending(String host, HostState h, long upTo, long now, ReadOnlyContext ctx)
            throws Exception {
        TreeSet<Long> due = new TreeSet<>();
        for (Long ts : pending.keys()) {
            if (ts <= upTo) {
                due.add(ts);
            }
        }
        for (Long ts : due) {
            PendingTick tick = pending.get(ts);
            pending.remove(ts);
            judge(host, h, ts, tick, now, ctx);
        }
    }

    private void judge(
            String host, HostState h, long ts, PendingTick tick, long now, ReadOnlyContext ctx)
            throws Exception {
        Map<String, Causes.Breach> breaches = new LinkedHashMap<>();
        boolean ruleBreach = false;
        for (Signal a : tick.anomalies) {
            for (Causes.Breach b : Causes.breachesOf(a)) {
                breaches.putIfAbsent(b.cause, b);
                ruleBreach |= Causes.isRule(b.cause);
            }
        }
        TreeSet<String> causes = new TreeSet<>(breaches.keySet());
        for (String c : alerts.keys()) {
            if (!Causes.NO_DATA.equals(c)) {
                causes.add(c);
            }
        }
        for (String cause : causes) {
            Causes.Breach b = breaches.get(cause);
            if (b == null && !tick.sampleSeen) {
                continue; // an anomaly without its sample says nothing about other causes
            }
            if (b == null && Causes.MODEL.equals(cause) && ruleBreach) {
                continue; // the detector reports a rule breach instead of the model's opinion
            }
            AlertState st = alerts.get(cause);
            if (st == null) {
                st = new AlertState(cause);
            }
            if (b != null) {
                AlertStateMachine.noteBreach(st, b, ts);
            }
            boolean silenced = silenced(ctx, host, cause, now);
            NotificationKind kind =
                    AlertStateMachine.observe(st, b != null, ts, silenced, policy(cause));
            if (kind != null) {
                AlertItem item = AlertStateMachine.notify(host, st, kind, ts, silenced);
                item.cpu = tick.cpu;
                item.memory = tick.memory;
                item.disk = tick.disk;
                addToGroup(h, item, ts, now, ctx.timerService());
            }
            store(cause, st);
        }
    }

    /**
     * The processing-time dead-man check. Returns true when the host was silent for {@code
     * alert.no-data.forget-after} and its state is gone.
     */
    private boolean deadman(
            String host, HostState h, long now, OnTimerContext ctx, Collector<Notification> out)
            throws Exception {
        h.deadmanTimer = -1;
        long noDataMs = config.noDataAfter.toMillis();
        long quietSince = Math.max(h.lastArrival, startedAt);
        if (now - quietSince < noDataMs) {
            h.deadmanTimer = quietSince + noDataMs;
            ctx.timerService().registerProcessingTimeTimer(h.deadmanTimer);
            return false;
        }
        // whatever the host sent last is complete by now: judge it before saying it is gone
        judgePending(host, h, Long.MAX_VALUE, now, ctx);

        AlertState st = alerts.get(Causes.NO_DATA);
        if (st == null) {
            st = new AlertState(Causes.NO_DATA);
        }
        long silentMs = now - h.lastArrival;
        st.rule = Causes.NO_DATA;
        st.value = silentMs / 1000.0;
        st.threshold = noDataMs / 1000.0;
        st.explanation =
                "No data from "
                        + host
                        + " for "
                        + human(Duration.ofMillis(silentMs))
                        + (h.lastSampleTime >= 0
                                ? " (last sample " + Instant.ofEpochMilli(h.lastSampleTime) + ")"
                                : "");
        st.lastBreachAt = now;
        boolean silenced = silenced(ctx, host, Causes.NO_DATA, now);
        NotificationKind kind =
                AlertStateMachine.observe(st, true, now, silenced, policy(Causes.NO_DATA));
        if (kind != null) {
            AlertItem item = AlertStateMachine.notify(host, st, kind, now, silenced);
            item.cpu = h.cpu;
            item.memory = h.memory;
            item.disk = h.disk;
            group.add(item);
        }
        store(Causes.NO_DATA, st);
        // a silent host has nothing more to wait for: send what is grouped now
        flush(host, h, out);

        long forgetAt = h.lastArrival + config.noDataForgetAfter.toMillis();
        if (now >= forgetAt) {
            LOG.info(
                    "Host {} silent for {}: forgetting its alerts",
                    host,
                    human(Duration.ofMillis(silentMs)));
            alerts.clear();
            pending.clear();
            group.clear();
            hostState.clear();
            return true;
        }
        long repeatAt =
                st.lastNotifiedAt >= 0
                        ? st.lastNotifiedAt + config.repeatInterval.toMillis()
                        : now + config.repeatInterval.toMillis();
        h.deadmanTimer = Math.max(now + 1, Math.min(repeatAt, forgetAt));
        ctx.timerService().registerProcessingTimeTimer(h.deadmanTimer);
        return false;
    }

    private void addToGroup(
            HostState h, AlertItem item, long eventTime, long now, TimerService timers)
            throws Exception {
        group.add(item);
        if (h.groupFlushAt < 0) {
            h.groupFlushAt = eventTime + config.groupWait.toMillis();
            timers.registerEventTimeTimer(h.groupFlushAt);
            h.groupFallbackAt = now + config.groupWait.toMillis() + GROUP_FALLBACK_MS;
            timers.registerProcessingTimeTimer(h.groupFallbackAt);
        }
    }

    private void flush(String host, HostState h, Collector<Notification> out) throws Exception {
        h.groupFlushAt = -1;
        h.groupFallbackAt = -1;
        List<AlertItem> items = new ArrayList<>();
        for (AlertItem i : group.get()) {
            items.add(i);
        }
        group.clear();
        if (items.isEmpty()) {
            return;
        }
        Notification n = new Notification();
        n.id = host + "#" + (++h.messages);
        n.host = host;
        n.items = items.toArray(new AlertItem[0]);
        for (AlertItem i : items) {
            n.time = Math.max(n.time, i.time);
        }
        n.sampleTime = h.lastSampleTime;
        n.cpu = h.cpu;
        n.memory = h.memory;
        n.disk = h.disk;
        notifications.inc(items.size());
        out.collect(n);
    }

    private void store(String cause, AlertState st) throws Exception {
        if (st.idle()) {
            alerts.remove(cause);
        } else {
            alerts.put(cause, st);
        }
    }

    private boolean silenced(ReadOnlyContext ctx, String host, String cause, long now)
            throws Exception {
        ReadOnlyBroadcastState<String, SilenceCommand> silences = ctx.getBroadcastState(SILENCES);
        for (Map.Entry<String, SilenceCommand> e : silences.immutableEntries()) {
            if (e.getValue().covers(host, cause, now)) {
                return true;
            }
        }
        return false;
    }

    private AlertStateMachine.Policy policy(String cause) {
        return policies.computeIfAbsent(cause, c -> AlertStateMachine.Policy.of(config, c));
    }

    private void started(long now) {
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60 == 0 ? "" : " " + (s % 60) + "s");
        }
        return (s / 3600) + "h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + "m");
    }
}
