package com.smartinfra.job.alert;

import java.util.ArrayList;
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
        copy.sampleTime = n.sampleTime;
        copy.cpu = n.cpu;
        copy.memory = n.memory;
        copy.disk = n.disk;
        copy.items = unsent.toArray(new AlertItem[0]);
        out.accept(copy);
    }

    /** A fleet message of {@code inc} at {@code stage} with {@code items}; its time is theirs. */
    static Notification message(
            FleetState st, FleetState.Incident inc, FleetStage stage, List<AlertItem> items) {
        Notification n = new Notification();
        n.id = FleetIncidents.KEY + "#" + st.messages++;
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
