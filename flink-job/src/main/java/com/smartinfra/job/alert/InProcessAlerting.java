package com.smartinfra.job.alert;

import com.smartinfra.schema.SilenceCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The job's alert lifecycle ({@link AlertLifecycle}) run in process, without Flink: per-host state
 * in maps, event-time and processing-time timers in ordered sets, silences in a map. The caller
 * feeds signals and moves the watermark and the wall clock; timers fire as Flink's would (in time
 * order, each (host, time) once; event-time timers see the new watermark). For the alert evaluation
 * and the core's tests.
 *
 * <pre>{@code
 * InProcessAlerting alerting = new InProcessAlerting(config, messages::add);
 * alerting.signal(Signal.of(sample), now);
 * alerting.advanceWatermark(sample.timestamp, now);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class InProcessAlerting {
    private final AlertConfig config;
    private final AlertLifecycle lifecycle;
    private final Consumer<Notification> out;
    private final Map<String, Host> hosts = new HashMap<>();
    private final Map<String, SilenceCommand> silences = new LinkedHashMap<>();
    private final TreeSet<Timer> eventTimers = new TreeSet<>();
    private final TreeSet<Timer> processingTimers = new TreeSet<>();
    private long watermark = Long.MIN_VALUE;
    private long now = Long.MIN_VALUE;
    private long pendingScans;

    public InProcessAlerting(AlertConfig config, Consumer<Notification> out) {
        this.config = config;
        this.lifecycle = new AlertLifecycle(config);
        this.out = out;
    }

    /** A sample or an anomaly arrives at wall-clock time {@code now} (the clock moves first). */
    public void signal(Signal s, long now) throws Exception {
        advanceProcessingTime(now);
        lifecycle.onSignal(s, this.now, host(s.host));
    }

    /** Moves event time to {@code watermark} (never back), firing the event-time timers due. */
    public void advanceWatermark(long watermark, long now) throws Exception {
        advanceProcessingTime(now);
        if (watermark <= this.watermark) {
            return;
        }
        this.watermark = watermark;
        while (!eventTimers.isEmpty() && eventTimers.first().time <= watermark) {
            Timer t = eventTimers.pollFirst();
            lifecycle.onEventTime(t.time, this.now, host(t.host));
        }
    }

    /** Moves the wall clock to {@code now} (never back), firing the processing-time timers due. */
    public void advanceProcessingTime(long now) throws Exception {
        if (now < this.now) {
            return;
        }
        this.now = now;
        while (!processingTimers.isEmpty() && processingTimers.first().time <= now) {
            Timer t = processingTimers.pollFirst();
            lifecycle.onProcessingTime(now, host(t.host));
        }
    }

    /** Applies a silence command at wall-clock time {@code now}. */
    public SilenceBook.Outcome control(SilenceCommand c, long now) throws Exception {
        advanceProcessingTime(now);
        return SilenceBook.apply(
                c,
                this.now,
                config.maxActiveSilences,
                new SilenceBook.Store() {
                    @Override
                    public Iterable<Map.Entry<String, SilenceCommand>> entries() {
                        return new ArrayList<>(silences.entrySet());
                    }

                    @Override
                    public boolean contains(String id) {
                        return silences.containsKey(id);
                    }

                    @Override
                    public void put(String id, SilenceCommand command) {
                        silences.put(id, command);
                    }

                    @Override
                    public void remove(String id) {
                        silences.remove(id);
                    }
                });
    }

    /** The current watermark. */
    public long watermark() {
        return watermark;
    }

    /** The current wall-clock time. */
    public long now() {
        return now;
    }

    /** How often the lifecycle listed a host's pending ticks (a scan of its map state). */
    long pendingScans() {
        return pendingScans;
    }

    /**
     * Forgets every host's queue of pending times, as a restore of state written before {@link
     * HostState#pendingTimes} leaves it (the ticks themselves stay).
     */
    void dropPendingQueues() {
        for (Host h : hosts.values()) {
            if (h.state != null) {
                h.state.pendingTimes = null;
            }
        }
    }

    /** The event-time timers registered and not fired yet (Flink's timer queue). */
    int eventTimersWaiting() {
        return eventTimers.size();
    }

    /** Hosts that have lifecycle state. */
    public int hostCount() {
        int n = 0;
        for (Host h : hosts.values()) {
            if (h.state != null) {
                n++;
            }
        }
        return n;
    }

    private Host host(String name) {
        return hosts.computeIfAbsent(name, Host::new);
    }

    private static final class Timer implements Comparable<Timer> {
        final long time;
        final String host;

        Timer(long time, String host) {
            this.time = time;
            this.host = host;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : host.compareTo(o.host);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Timer && compareTo((Timer) o) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(time) * 31 + host.hashCode();
        }
    }

    /** One host's state, as Flink's keyed state would hold it. */
    private final class Host implements HostAlerts {
        private final String name;
        private HostState state;
        private final Map<String, AlertState> alerts = new HashMap<>();
        private final Map<Long, PendingTick> pending = new HashMap<>();
        private final List<AlertItem> group = new ArrayList<>();

        Host(String name) {
            this.name = name;
        }

        @Override
        public String host() {
            return name;
        }

        @Override
        public HostState hostState() {
            return state;
        }

        @Override
        public void updateHostState(HostState h) {
            state = h;
        }

        @Override
        public AlertState alert(String cause) {
            return alerts.get(cause);
        }

        @Override
        public void putAlert(String cause, AlertState s) {
            alerts.put(cause, s);
        }

        @Override
        public void removeAlert(String cause) {
            alerts.remove(cause);
        }

        @Override
        public Iterable<String> causes() {
            return new ArrayList<>(alerts.keySet());
        }

        @Override
        public PendingTick pending(long t) {
            return pending.get(t);
        }

        @Override
        public void putPending(long t, PendingTick tick) {
            pending.put(t, tick);
        }

        @Override
        public void removePending(long t) {
            pending.remove(t);
        }

        @Override
        public Iterable<Long> pendingTimes() {
            pendingScans++;
            return new ArrayList<>(pending.keySet());
        }

        @Override
        public Iterable<AlertItem> group() {
            return new ArrayList<>(group);
        }

        @Override
        public void addToGroup(AlertItem item) {
            group.add(item);
        }

        @Override
        public void clearGroup() {
            group.clear();
        }

        @Override
        public void forget() {
            state = null;
            alerts.clear();
            pending.clear();
            group.clear();
        }

        @Override
        public long watermark() {
            return watermark;
        }

        @Override
        public void atEventTime(long t) {
            eventTimers.add(new Timer(t, name));
        }

        @Override
        public void atProcessingTime(long t) {
            processingTimers.add(new Timer(t, name));
        }

        @Override
        public boolean silenced(String cause, long at) {
            return SilenceBook.covers(silences.entrySet(), name, cause, at);
        }

        @Override
        public void emit(Notification n) {
            out.accept(n);
        }
    }
}
