package com.smartinfra.job.alert;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The rules of {@link FleetIncidents} at one event time: a host message is taken (folded into its
 * incident, held, or released), held hosts are decided, incidents open, update and resolve. Pure,
 * over a {@link FleetState}; {@link FleetIncidents} calls it in event-time order. Not thread-safe.
 */
final class FleetDecisions {
    private final AlertConfig config;
    private final long wait;
    private final long window;
    private final long forgetAfter;

    FleetDecisions(AlertConfig config) {
        this.config = config;
        this.wait = config.fleetWait.toMillis();
        this.window = config.fleetWindow.toMillis();
        this.forgetAfter = config.noDataForgetAfter.toMillis();
    }

    /** A host message at event time {@code now}. */
    void take(FleetState st, Notification n, long now, Consumer<Notification> out) {
        FleetState.Incident member = incidentOf(st, n.host);
        if (member != null) {
            fold(st, member, n, now, false, out);
            return;
        }
        // a host that left an incident: what it left riding along goes out before its new
        // messages, so Slack never hears of an alert's successor before of its resolve
        for (FleetState.Incident inc : st.open) {
            for (AlertItem carried : inc.carry) {
                if (carried.host.equals(n.host)) {
                    flushUpdate(st, inc, now, out);
                    break;
                }
            }
        }
        long heldAt = heldAt(st, n.host);
        if (heldAt >= 0 || (firstPage(n) && wait > 0)) {
            FleetState.Held h = new FleetState.Held();
            h.heldAt = heldAt >= 0 ? heldAt : now;
            h.notification = n;
            st.held = append(st.held, h);
            return;
        }
        release(st, n, now, out);
        if (firstPage(n)) {
            // wait 0: nothing is held, but a fleet incident may still be complete
            openIfEnough(st, List.of(), Map.of(), now, out);
        }
    }

    /** Due updates go out and due held hosts are decided, at event time {@code now}. */
    void decide(FleetState st, long now, Consumer<Notification> out) {
        for (FleetState.Incident inc : st.open) {
            if (inc.updateDueAt >= 0 && inc.updateDueAt <= now) {
                flushUpdate(st, inc, now, out);
            }
        }
        // due hosts, in the order they were first held
        Map<String, List<Notification>> due = new LinkedHashMap<>();
        Map<String, Long> dueSince = new LinkedHashMap<>();
        List<FleetState.Held> keep = new ArrayList<>();
        for (FleetState.Held h : st.held) {
            if (h.heldAt + wait <= now) {
                dueSince.putIfAbsent(h.notification.host, h.heldAt);
                due.computeIfAbsent(h.notification.host, k -> new ArrayList<>())
                        .add(h.notification);
            } else {
                keep.add(h);
            }
        }
        if (!due.isEmpty()) {
            st.held = keep.toArray(new FleetState.Held[0]);
            List<String> alone = new ArrayList<>();
            Set<FleetState.Incident> joined = new LinkedHashSet<>();
            for (Map.Entry<String, List<Notification>> e : due.entrySet()) {
                FleetState.Incident inc = joinable(st, dueSince.get(e.getKey()));
                if (inc == null) {
                    alone.add(e.getKey());
                    continue;
                }
                if (!Arrays.asList(inc.hosts).contains(e.getKey())) {
                    inc.hosts = append(inc.hosts, e.getKey());
                }
                for (Notification n : e.getValue()) {
                    fold(st, inc, n, now, true, out);
                }
                joined.add(inc);
            }
            // hosts joining at the same time: one update
            for (FleetState.Incident inc : joined) {
                if (inc.updateDueAt >= 0 && Arrays.asList(st.open).contains(inc)) {
                    flushUpdate(st, inc, now, out);
                }
            }
            List<Notification> dueMessages = new ArrayList<>();
            for (String host : alone) {
                dueMessages.addAll(due.get(host));
            }
            if (!openIfEnough(st, dueMessages, dueSince, now, out)) {
                for (Notification n : dueMessages) {
                    release(st, n, dueSince.get(n.host), out);
                }
            }
        }
        forgetStale(st, now, out);
    }

    /** The next held host or update due, and with {@code forget} the day-long safety net. */
    long nextDue(FleetState st, boolean forget) {
        long next = Long.MAX_VALUE;
        for (FleetState.Held h : st.held) {
            next = Math.min(next, h.heldAt + wait);
        }
        for (FleetState.Incident inc : st.open) {
            if (inc.updateDueAt >= 0) {
                next = Math.min(next, inc.updateDueAt);
            }
            if (forget) {
                next = Math.min(next, inc.lastActivity + forgetAfter);
            }
        }
        return next;
    }

    /**
     * Opens a fleet incident when the hosts of {@code due}, the hosts still held and the hosts that
     * paged alone within the window are enough; their messages then go into its first message.
     */
    private boolean openIfEnough(
            FleetState st,
            List<Notification> due,
            Map<String, Long> dueSince,
            long now,
            Consumer<Notification> out) {
        Set<String> hosts = new LinkedHashSet<>();
        List<FleetState.Recent> recent = new ArrayList<>();
        for (FleetState.Recent r : st.recent) {
            if (r.at >= now - window && incidentOf(st, r.host) == null) {
                recent.add(r);
                hosts.add(r.host);
            }
        }
        for (Notification n : due) {
            hosts.add(n.host);
        }
        for (FleetState.Held h : st.held) {
            hosts.add(h.notification.host);
        }
        if (hosts.size() < config.fleetMinHosts) {
            return false;
        }
        // its identity: the first host and when its first page reached the stage (event time)
        String first = hosts.iterator().next();
        long firstAt = now;
        if (!recent.isEmpty()) {
            firstAt = recent.get(0).at;
        } else if (dueSince.containsKey(first)) {
            firstAt = dueSince.get(first);
        } else if (st.held.length > 0) {
            firstAt = st.held[0].heldAt;
        }
        FleetState.Incident inc = new FleetState.Incident();
        inc.id = FleetMessages.incidentId(first, firstAt);
        inc.openedAt = now;
        inc.lastActivity = now;
        inc.hosts = hosts.toArray(new String[0]);
        List<AlertItem> items = new ArrayList<>();
        Set<String> firing = new LinkedHashSet<>();
        for (FleetState.Recent r : recent) {
            for (AlertItem i : r.items) {
                i.relisted = true;
                items.add(i);
                firing.add(i.alertId());
            }
        }
        List<Notification> messages = new ArrayList<>(due);
        for (FleetState.Held h : st.held) {
            messages.add(h.notification);
        }
        for (Notification n : messages) {
            FleetMessages.recordOnly(n, out);
            for (AlertItem i : n.items) {
                if (!i.sent()) {
                    continue;
                }
                items.add(i);
                if (i.kind == NotificationKind.RESOLVED) {
                    firing.remove(i.alertId());
                } else {
                    firing.add(i.alertId());
                }
            }
        }
        st.held = new FleetState.Held[0];
        List<FleetState.Recent> left = new ArrayList<>();
        for (FleetState.Recent r : st.recent) {
            if (!hosts.contains(r.host)) {
                left.add(r);
            }
        }
        st.recent = left.toArray(new FleetState.Recent[0]);
        inc.firing = firing.toArray(new String[0]);
        out.accept(FleetMessages.message(inc, FleetStage.OPENED, items, now));
        if (!firing.isEmpty()) {
            st.open = append(st.open, inc);
        }
        return true;
    }

    /**
     * A member host's message becomes part of its incident; {@code joining}: the host joins with
     * it, so its firing notifications go out as an update, otherwise they ride along.
     */
    private void fold(
            FleetState st,
            FleetState.Incident inc,
            Notification n,
            long now,
            boolean joining,
            Consumer<Notification> out) {
        FleetMessages.recordOnly(n, out);
        Set<String> firing = new LinkedHashSet<>(Arrays.asList(inc.firing));
        List<AlertItem> update = new ArrayList<>(Arrays.asList(inc.update));
        List<AlertItem> carry = new ArrayList<>(Arrays.asList(inc.carry));
        for (AlertItem i : n.items) {
            if (!i.sent()) {
                continue;
            }
            switch (i.kind) {
                case RESOLVED:
                    firing.remove(i.alertId());
                    carry.add(i);
                    break;
                case REPEAT:
                    carry.add(i);
                    break;
                default:
                    firing.add(i.alertId());
                    if (joining) {
                        update.add(i);
                        if (inc.updateDueAt < 0) {
                            inc.updateDueAt = now + wait;
                        }
                    } else {
                        // another cause of a host already in it: the same incident, no new page
                        carry.add(i);
                    }
            }
        }
        if (!carry.isEmpty() && inc.updateDueAt < 0) {
            // what rides along waits for the next fleet message, but not longer than a window
            inc.updateDueAt = now + window;
        }
        inc.firing = firing.toArray(new String[0]);
        inc.update = update.toArray(new AlertItem[0]);
        inc.carry = carry.toArray(new AlertItem[0]);
        inc.lastActivity = now;
        if (firing.isEmpty() && update.isEmpty()) {
            out.accept(FleetMessages.message(inc, FleetStage.RESOLVED, carry, now));
            remove(st, inc);
        }
    }

    private void flushUpdate(
            FleetState st, FleetState.Incident inc, long now, Consumer<Notification> out) {
        List<AlertItem> items = new ArrayList<>(Arrays.asList(inc.update));
        items.addAll(Arrays.asList(inc.carry));
        inc.update = new AlertItem[0];
        inc.carry = new AlertItem[0];
        inc.updateDueAt = -1;
        if (!items.isEmpty()) {
            out.accept(FleetMessages.message(inc, FleetStage.UPDATE, items, now));
        }
    }

    /** A host message goes out alone; a first page is remembered for the window. */
    private void release(
            FleetState st, Notification n, long arrivedAt, Consumer<Notification> out) {
        out.accept(n);
        List<FleetState.Recent> recent = new ArrayList<>(Arrays.asList(st.recent));
        FleetState.Recent r = null;
        for (FleetState.Recent x : recent) {
            if (x.host.equals(n.host)) {
                r = x;
            }
        }
        List<AlertItem> items =
                r == null ? new ArrayList<>() : new ArrayList<>(Arrays.asList(r.items));
        for (AlertItem i : n.items) {
            if (!i.sent()) {
                continue;
            }
            if (i.kind == NotificationKind.RESOLVED) {
                items.removeIf(x -> x.alertId().equals(i.alertId()));
            } else if (i.kind != NotificationKind.REPEAT) {
                items.add(i);
            }
        }
        if (r == null && !items.isEmpty()) {
            r = new FleetState.Recent();
            r.host = n.host;
            r.at = arrivedAt;
            recent.add(r);
        }
        if (r != null) {
            r.items = items.toArray(new AlertItem[0]);
            if (items.isEmpty()) {
                recent.remove(r);
            }
        }
        st.recent = recent.toArray(new FleetState.Recent[0]);
    }

    void forgetStale(FleetState st, long now, Consumer<Notification> out) {
        List<FleetState.Recent> recent = new ArrayList<>();
        for (FleetState.Recent r : st.recent) {
            if (r.at >= now - window) {
                recent.add(r);
            }
        }
        st.recent = recent.toArray(new FleetState.Recent[0]);
        for (FleetState.Incident inc : st.open) {
            // a member forgotten by the lifecycle (silent for a day) never resolves
            if (inc.lastActivity + forgetAfter <= now) {
                flushUpdate(st, inc, now, out);
                remove(st, inc);
            }
        }
    }

    /** True when {@code n} sends a firing or flapping notification: the host starts paging. */
    static boolean firstPage(Notification n) {
        for (AlertItem i : n.items) {
            if (i.sent()
                    && (i.kind == NotificationKind.FIRING || i.kind == NotificationKind.FLAPPING)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The open incident {@code host} is a member of: one where an alert of it still fires. A host
     * whose alerts have all resolved has left it, so its next page is a first page again.
     */
    private static FleetState.Incident incidentOf(FleetState st, String host) {
        String prefix = host + "|";
        for (FleetState.Incident inc : st.open) {
            for (String alert : inc.firing) {
                if (alert.startsWith(prefix)) {
                    return inc;
                }
            }
        }
        return null;
    }

    /** The newest open incident opened within the window before {@code arrivedAt}, or null. */
    private FleetState.Incident joinable(FleetState st, long arrivedAt) {
        FleetState.Incident found = null;
        for (FleetState.Incident inc : st.open) {
            if (arrivedAt - inc.openedAt <= window) {
                found = inc;
            }
        }
        return found;
    }

    private static long heldAt(FleetState st, String host) {
        for (FleetState.Held h : st.held) {
            if (h.notification.host.equals(host)) {
                return h.heldAt;
            }
        }
        return -1;
    }

    private static void remove(FleetState st, FleetState.Incident inc) {
        List<FleetState.Incident> open = new ArrayList<>(Arrays.asList(st.open));
        open.remove(inc);
        st.open = open.toArray(new FleetState.Incident[0]);
    }

    private static <T> T[] append(T[] a, T x) {
        T[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }
}
