package com.smartinfra.job.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The messages {@link FleetIncidents} sends: fleet messages, and copies of what is only recorded.
 */
final class FleetMessages {
    private FleetMessages() {}

    /** The notifications of {@code n} that are only recorded go out in a copy of their own. */
    static void recordOnly(Notification n, Consumer<Notification> out) {
        List<AlertItem> unsent = new ArrayList<>();
        for (AlertItem i : n.items) {
            if (!i.sent()) {
                unsent.add(i);
            }
        }
        if (unsent.isEmpty()) {
            return;
        }
        Notification copy = new Notification();
        copy.id = n.id;
        copy.host = n.host;
        copy.time = n.time;
        copy.decidedAt = n.decidedAt;
        copy.sampleTime = n.sampleTime;
        copy.cpu = n.cpu;
        copy.memory = n.memory;
        copy.disk = n.disk;
        copy.items = unsent.toArray(new AlertItem[0]);
        out.accept(copy);
    }

    /**
     * A fleet incident's id: {@code fleet-} and 12 hex digits of a SHA-256 of its first host and
     * the event time its first page reached the stage. What happened, not a counter: a replay after
     * a restore names the same incident alike; a host is in one open incident at a time, so two
     * incidents never share both.
     */
    static String incidentId(String firstHost, long firstPageAt) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256")
                            .digest(
                                    (firstHost + "@" + firstPageAt)
                                            .getBytes(StandardCharsets.UTF_8));
            return FleetIncidents.KEY + "-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /**
     * A fleet message of {@code inc} at {@code stage} with {@code items}, decided at event time
     * {@code at}; its time is its items'. Its id is the incident's and its place in it ({@code
     * fleet-…#1} opens it), so it is the same after a replay.
     */
    static Notification message(
            FleetState.Incident inc, FleetStage stage, List<AlertItem> items, long at) {
        Notification n = new Notification();
        n.id = inc.id + "#" + (++inc.messages);
        n.decidedAt = at;
        n.host = inc.id;
        n.fleetIncident = inc.id;
        n.fleetStage = stage;
        n.fleetHosts = inc.hosts.clone();
        n.items = items.toArray(new AlertItem[0]);
        for (AlertItem i : n.items) {
            n.time = Math.max(n.time, i.time);
        }
        return n;
    }
}
