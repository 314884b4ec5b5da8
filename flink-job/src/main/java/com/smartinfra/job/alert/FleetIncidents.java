package com.smartinfra.job.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fleet stage between the per-host lifecycle and Slack: when at least {@code
 * alert.fleet.min-hosts} hosts page within {@code alert.fleet.window}, one fleet message lists them
 * instead of one message per host. Pure logic over a {@link FleetState}, in <b>event time</b>: a
 * host message counts at {@link Notification#decidedAt} (the watermark that closed its group in the
 * lifecycle); the caller moves the stage's event time with {@link #onTime} (the watermark) and
 * wakes it at the time each call returns. Messages are taken in the order (event time, host, id),
 * not in arrival order, and a fleet message's id is its incident's identity and its place in it: a
 * replay after a restore from a checkpoint makes the same decisions and the same ids, whatever the
 * wall clock says, and the Slack delivery journal's exactly-once by id holds.
 *
 * <ul>
 *   <li>A host message that pages for the first time (a firing or flapping notification of a host
 *       in no fleet incident) is held for {@code alert.fleet.wait}; later messages of that host
 *       wait behind it, so its order holds. Everything else passes at once.
 *   <li>At the end of the wait: a host whose first page arrived within the window of an open
 *       incident's opening joins it (an update message). Otherwise, if the due hosts, the hosts
 *       still held and the hosts that paged alone within the window are at least {@code min-hosts},
 *       they open a fleet incident: one message with every host's notifications (those already sent
 *       are listed again). Otherwise each message goes out alone, as without this stage.
 *   <li>While an incident is open its members' messages are folded into it: hosts joining go out as
 *       one update after the wait; the members' further alerts, repeats and resolves ride along
 *       with the next fleet message, so the incident pages once per host group; when the last
 *       member alert has resolved, one resolve message ends it.
 * </ul>
 *
 * The rules at one event time live in {@link FleetDecisions}.
 *
 * <p>Notifications that are only recorded (silenced, warnings) pass through in a message of their
 * own host, so that InfluxDB sees every notification. A message the wall clock sent ({@code
 * decidedAt < 0}: the no-data check, or a group whose event time stalled) has no event time to
 * decide on: it passes at once, as its host's own message, and takes no part in fleet incidents.
 * Not thread-safe.
 */
public final class FleetIncidents {
    /** The Flink operator's single key: the fleet decision needs every host. */
    public static final String KEY = "fleet";

    private final AlertConfig config;
    private final FleetDecisions decisions;

    public FleetIncidents(AlertConfig config) {
        this.config = config;
        this.decisions = new FleetDecisions(config);
    }

    /**
     * A host message arrives. One sent in event time waits until the stage's event time reaches its
     * {@link Notification#decidedAt} ({@link #onTime}); one the wall clock sent passes at once.
     *
     * @return when (event time) to call {@link #onTime} next, or {@link Long#MAX_VALUE}
     */
    public long onNotification(FleetState st, Notification n, Consumer<Notification> out) {
        if (!config.fleetEnabled) {
            out.accept(n);
            return Long.MAX_VALUE;
        }
        if (n.decidedAt < 0) {
            out.accept(n);
        } else if (n.decidedAt <= st.clock) {
            // behind the stage's event time: only after a stalled watermark was given up on
            decisions.take(st, n, st.clock, out);
        } else {
            List<Notification> arrived = new ArrayList<>(Arrays.asList(st.arrived));
            int at = 0;
            while (at < arrived.size() && EVENT_ORDER.compare(arrived.get(at), n) <= 0) {
                at++;
            }
            arrived.add(at, n);
            st.arrived = arrived.toArray(new Notification[0]);
        }
        return nextWake(st);
    }

    /**
     * Event time reached {@code t}: what is due up to then is decided, in event-time order (at one
     * time, what was due before the messages arriving then); stale state is dropped.
     *
     * @return when to call again, or {@link Long#MAX_VALUE}
     */
    public long onTime(FleetState st, long t, Consumer<Notification> out) {
        if (!config.fleetEnabled) {
            return Long.MAX_VALUE;
        }
        while (true) {
            long due = decisions.nextDue(st, true);
            long arrives = st.arrived.length > 0 ? st.arrived[0].decidedAt : Long.MAX_VALUE;
            long next = Math.min(due, arrives);
            if (next == Long.MAX_VALUE || next > t) {
                break;
            }
            st.clock = Math.max(st.clock, next);
            if (due <= arrives) {
                decisions.decide(st, st.clock, out);
            } else {
                Notification n = st.arrived[0];
                st.arrived = Arrays.copyOfRange(st.arrived, 1, st.arrived.length);
                decisions.take(st, n, st.clock, out);
            }
        }
        st.clock = Math.max(st.clock, t);
        decisions.forgetStale(st, st.clock, out);
        return nextWake(st);
    }

    /**
     * Event time stands still (the watermark stalled: every host silent, a source stopped): the
     * next decision is made as if event time had reached it, and every message that arrived is
     * taken (the lifecycle's event time reached it). The caller's wall-clock fallback; its
     * decisions are not replayed the same after a restore.
     */
    public void decideNext(FleetState st, Consumer<Notification> out) {
        long next = nextDecision(st);
        if (next == Long.MAX_VALUE) {
            return;
        }
        if (st.arrived.length > 0) {
            next = Math.max(next, st.arrived[st.arrived.length - 1].decidedAt);
        }
        onTime(st, next, out);
    }

    /**
     * End of a bounded input: everything that arrived, everything held and every due update is
     * decided now, as if event time had passed its wait.
     */
    public void endOfInput(FleetState st, Consumer<Notification> out) {
        while (nextDecision(st) != Long.MAX_VALUE) {
            onTime(st, nextDecision(st), out);
        }
    }

    /** When something is due next (event time), or {@link Long#MAX_VALUE}. */
    public long nextWake(FleetState st) {
        long next = decisions.nextDue(st, true);
        return st.arrived.length > 0 ? Math.min(next, st.arrived[0].decidedAt) : next;
    }

    /** Like {@link #nextWake} without the day-long safety net: the next real decision. */
    public long nextDecision(FleetState st) {
        long next = decisions.nextDue(st, false);
        return st.arrived.length > 0 ? Math.min(next, st.arrived[0].decidedAt) : next;
    }

    /** The order messages are taken in: event time, then host and id (arrival order varies). */
    private static final Comparator<Notification> EVENT_ORDER =
            Comparator.<Notification>comparingLong(n -> n.decidedAt)
                    .thenComparing(n -> n.host)
                    .thenComparing(n -> n.id);
}
