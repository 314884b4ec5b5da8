package com.smartinfra.job.alert;

import com.smartinfra.schema.HumanDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert lifecycle of each host as plain logic, driven by explicit event time (watermarks) and
 * processing time (the wall clock): joins a host's samples and anomalies in event time, runs one
 * {@link AlertStateMachine} per cause, watches for silence (no data), groups what happens within
 * {@code alert.group-wait} into one {@link Notification} and applies silences. The state lives
 * behind {@link HostAlerts}, so the same code runs in the Flink job ({@link
 * AlertLifecycleFunction}: keyed state and Flink timers) and in process ({@link InProcessAlerting}:
 * maps, for the evaluation and tests).
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
 *
 * <p>One instance serves every host of one operator instance (it holds only the configuration and
 * the start time); not thread-safe.
 */
public final class AlertLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(AlertLifecycle.class);

    /** How long a group waits for a stalled watermark before it goes out on processing time. */
    public static final long GROUP_FALLBACK_MS = 60_000;

    private final AlertConfig config;
    private final Map<String, AlertStateMachine.Policy> policies = new HashMap<>();
    private final long learningMs;
    private final long pageAfterMs;
    private long startedAt = Long.MIN_VALUE;

    public AlertLifecycle(AlertConfig config) {
        this.config = config;
        this.learningMs = config.modelLearningPeriod.toMillis();
        this.pageAfterMs = config.modelPageAfter.toMillis();
    }

    /** A sample or an anomaly of the host arrived at wall-clock time {@code now}. */
    public void onSignal(Signal s, long now, HostAlerts x) throws Exception {
        started(now);
        HostState h = x.hostState();
        if (h == null) {
            h = new HostState();
        }
        h.lastArrival = now;
        if (!s.anomaly && (h.firstSampleTime < 0 || s.timestamp < h.firstSampleTime)) {
            h.firstSampleTime = s.timestamp;
        }
        if (!s.anomaly && s.timestamp >= h.lastSampleTime) {
            h.lastSampleTime = s.timestamp;
            h.cpu = s.cpu;
            h.memory = s.memory;
            h.disk = s.disk;
        }

        AlertState noData = x.alert(Causes.NO_DATA);
        if (noData != null) {
            // the host reports again
            boolean silenced = x.silenced(Causes.NO_DATA, now);
            NotificationKind kind =
                    AlertStateMachine.observe(noData, false, now, silenced, policy(Causes.NO_DATA));
            if (kind != null) {
                AlertItem item = AlertStateMachine.notify(x.host(), noData, kind, now, silenced);
                item.explanation = AlertWords.dataArrivingAgain(x.host());
                item.cpu = s.cpu;
                item.memory = s.memory;
                item.disk = s.disk;
                addToGroup(h, item, s.timestamp, now, x);
            }
            store(Causes.NO_DATA, noData, x);
        }
        if (h.deadmanTimer < 0) {
            h.deadmanTimer = now + config.noDataAfter.toMillis();
            x.atProcessingTime(h.deadmanTimer);
        }

        PendingTick tick = x.pending(s.timestamp);
        pendingQueue(h, x);
        if (tick == null) {
            tick = new PendingTick();
            PendingTimes.add(h, s.timestamp);
        }
        tick.add(s);
        x.putPending(s.timestamp, tick);
        long wm = x.watermark();
        if (s.timestamp <= wm) {
            // late: judged by the next watermark's timer, not one at its own time
            x.atEventTime(wm + 1);
        } else if (PendingTimes.first(h) == s.timestamp) {
            // the oldest pending tick carries the host's timer; the others wait behind it
            x.atEventTime(s.timestamp);
        }
        x.updateHostState(h);
    }

    /** The watermark reached {@code t} (an event-time timer of the host fired). */
    public void onEventTime(long t, long now, HostAlerts x) throws Exception {
        started(now);
        HostState h = x.hostState();
        if (h == null) {
            return; // forgotten host: a stale timer
        }
        judgePending(h, t, now, x);
        if (h.groupFlushAt >= 0 && t >= h.groupFlushAt) {
            flush(h, t, x);
        }
        x.updateHostState(h);
    }

    /** The wall clock reached {@code now} (a processing-time timer of the host fired). */
    public void onProcessingTime(long now, HostAlerts x) throws Exception {
        started(now);
        HostState h = x.hostState();
        if (h == null) {
            return; // forgotten host: a stale timer
        }
        if (h.groupFallbackAt >= 0 && now >= h.groupFallbackAt) {
            flush(h, -1, x);
        }
        if (h.deadmanTimer >= 0 && now >= h.deadmanTimer) {
            if (deadman(h, now, x)) {
                return; // forgotten
            }
        }
        x.updateHostState(h);
    }

    /**
     * Judges every buffered time up to {@code upTo}, oldest first, from the host's queue of pending
     * times, then hands the host's timer to the oldest time left. One timer per host: a tick that
     * is not the oldest gets its timer when it becomes the oldest (at or below the watermark, Flink
     * fires it in the same advance, in time order). A late tick has its own timer at the watermark
     * + 1. {@code upTo} = {@link Long#MAX_VALUE} (the no-data check) judges everything.
     */
    private void judgePending(HostState h, long upTo, long now, HostAlerts x) throws Exception {
        pendingQueue(h, x);
        for (long ts : PendingTimes.takeUpTo(h, upTo)) {
            PendingTick tick = x.pending(ts);
            if (tick != null) {
                x.removePending(ts);
                judge(h, ts, tick, now, x);
            }
        }
        if (!PendingTimes.isEmpty(h) && upTo != Long.MAX_VALUE) {
            x.atEventTime(PendingTimes.first(h));
        }
    }

    /** Builds the host's queue of pending times from its pending ticks where there is none yet. */
    private static void pendingQueue(HostState h, HostAlerts x) throws Exception {
        if (!PendingTimes.built(h)) {
            PendingTimes.build(h, x.pendingTimes());
        }
    }

    private void judge(HostState h, long ts, PendingTick tick, long now, HostAlerts x)
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
        boolean ruleFiring = ruleBreach;
        for (String c : x.causes()) {
            if (!Causes.NO_DATA.equals(c)) {
                causes.add(c);
                AlertState other = Causes.isRule(c) ? x.alert(c) : null;
                ruleFiring |= other != null && other.phase == AlertPhase.FIRING;
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
            AlertState st = x.alert(cause);
            if (st == null) {
                st = new AlertState(cause);
            }
            if (b != null) {
                AlertStateMachine.noteBreach(st, b, ts);
                if (st.breachSince < 0) {
                    st.breachSince = ts;
                }
                if (!strong(b)) {
                    st.strongSince = -1;
                } else if (st.strongSince < 0) {
                    st.strongSince = ts;
                }
            } else {
                st.breachSince = -1;
                st.strongSince = -1;
            }
            boolean silenced = x.silenced(cause, now);
            boolean warning =
                    Causes.MODEL.equals(cause)
                            && !st.announced
                            && !modelPages(h, st, b, ts, ruleFiring);
            NotificationKind kind =
                    AlertStateMachine.observe(
                            st, b != null, ts, silenced || warning, policy(cause));
            if (kind != null) {
                AlertItem item =
                        AlertStateMachine.notify(x.host(), st, kind, ts, silenced, warning);
                item.cpu = tick.cpu;
                item.memory = tick.memory;
                item.disk = tick.disk;
                addToGroup(h, item, ts, now, x);
            }
            store(cause, st, x);
        }
    }

    /**
     * Whether a model alert may page at {@code ts}. Strength is the anomaly's severity (how far
     * into the host's tail, {@code alert.model.page-severity}), not its score: the forest gives
     * every point beyond its training range the same score, so a memory leak at 80 % scores like
     * noise but lies 3–10 severities out (a disk fill 50–150; the noise that paged, 1–1.6).
     *
     * <ul>
     *   <li>While the host's model learns ({@code alert.model.learning-period}) it pages only when
     *       strong at two samples in a row: a ramp (memory leak, disk fill) is, ordinary variation
     *       that a forest trained on minutes calls anomalous is mostly weak, and rarely strong
     *       twice.
     *   <li>Then it pages when strong, when a rule of the host agrees (breaches or fires), or when
     *       the breach has lasted ({@code alert.model.page-after}).
     * </ul>
     *
     * Otherwise it is a warning.
     */
    private boolean modelPages(
            HostState h, AlertState st, Causes.Breach b, long ts, boolean ruleFiring) {
        if (h.firstSampleTime < 0 || ts - h.firstSampleTime < learningMs) {
            return st.strongSince >= 0 && st.strongSince < ts;
        }
        if (ruleFiring || st.strongSince >= 0) {
            return true;
        }
        return st.breachSince >= 0 && ts - st.breachSince >= pageAfterMs;
    }

    private boolean strong(Causes.Breach b) {
        return Causes.MODEL.equals(b.cause) && b.severity >= config.modelPageSeverity;
    }

    /**
     * The processing-time dead-man check. Returns true when the host was silent for {@code
     * alert.no-data.forget-after} and its state is gone.
     */
    private boolean deadman(HostState h, long now, HostAlerts x) throws Exception {
        h.deadmanTimer = -1;
        long noDataMs = config.noDataAfter.toMillis();
        long quietSince = Math.max(h.lastArrival, startedAt);
        if (now - quietSince < noDataMs) {
            h.deadmanTimer = quietSince + noDataMs;
            x.atProcessingTime(h.deadmanTimer);
            return false;
        }
        // whatever the host sent last is complete by now: judge it before saying it is gone
        judgePending(h, Long.MAX_VALUE, now, x);

        AlertState st = x.alert(Causes.NO_DATA);
        if (st == null) {
            st = new AlertState(Causes.NO_DATA);
        }
        long silentMs = now - h.lastArrival;
        st.rule = Causes.NO_DATA;
        st.value = silentMs / 1000.0;
        st.threshold = noDataMs / 1000.0;
        st.explanation = AlertWords.noData(x.host(), silentMs, h.lastSampleTime);
        st.lastBreachAt = now;
        boolean silenced = x.silenced(Causes.NO_DATA, now);
        NotificationKind kind =
                AlertStateMachine.observe(st, true, now, silenced, policy(Causes.NO_DATA));
        if (kind != null) {
            AlertItem item = AlertStateMachine.notify(x.host(), st, kind, now, silenced);
            item.cpu = h.cpu;
            item.memory = h.memory;
            item.disk = h.disk;
            x.addToGroup(item);
        }
        store(Causes.NO_DATA, st, x);
        // a silent host has nothing more to wait for: send what is grouped now
        flush(h, -1, x);

        long forgetAt = h.lastArrival + config.noDataForgetAfter.toMillis();
        if (now >= forgetAt) {
            LOG.info(
                    "Host {} silent for {}: forgetting its alerts",
                    x.host(),
                    HumanDuration.format(Duration.ofMillis(silentMs)));
            x.forget();
            return true;
        }
        long repeatAt =
                st.lastNotifiedAt >= 0
                        ? st.lastNotifiedAt + config.repeatInterval.toMillis()
                        : now + config.repeatInterval.toMillis();
        h.deadmanTimer = Math.max(now + 1, Math.min(repeatAt, forgetAt));
        x.atProcessingTime(h.deadmanTimer);
        return false;
    }

    private void addToGroup(HostState h, AlertItem item, long eventTime, long now, HostAlerts x)
            throws Exception {
        x.addToGroup(item);
        if (h.groupFlushAt < 0) {
            h.groupFlushAt = eventTime + config.groupWait.toMillis();
            x.atEventTime(h.groupFlushAt);
            h.groupFallbackAt = now + config.groupWait.toMillis() + GROUP_FALLBACK_MS;
            x.atProcessingTime(h.groupFallbackAt);
        }
    }

    /** Sends the group; {@code decidedAt}: the event time that closed it, -1 the wall clock. */
    private void flush(HostState h, long decidedAt, HostAlerts x) throws Exception {
        h.groupFlushAt = -1;
        h.groupFallbackAt = -1;
        List<AlertItem> items = new ArrayList<>();
        for (AlertItem i : x.group()) {
            items.add(i);
        }
        x.clearGroup();
        if (items.isEmpty()) {
            return;
        }
        Notification n = new Notification();
        n.id = x.host() + "#" + (++h.messages);
        n.host = x.host();
        n.decidedAt = decidedAt;
        n.items = items.toArray(new AlertItem[0]);
        for (AlertItem i : items) {
            n.time = Math.max(n.time, i.time);
        }
        n.sampleTime = h.lastSampleTime;
        n.cpu = h.cpu;
        n.memory = h.memory;
        n.disk = h.disk;
        x.emit(n);
    }

    private static void store(String cause, AlertState st, HostAlerts x) throws Exception {
        if (st.idle()) {
            x.removeAlert(cause);
        } else {
            x.putAlert(cause, st);
        }
    }

    private AlertStateMachine.Policy policy(String cause) {
        return policies.computeIfAbsent(cause, c -> AlertStateMachine.Policy.of(config, c));
    }

    private void started(long now) {
        if (startedAt == Long.MIN_VALUE) {
            startedAt = now;
        }
    }
}
