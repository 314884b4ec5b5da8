package com.smartinfra.api.silences;

import com.smartinfra.schema.SilenceCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active silences by id, as the control topic's commands leave them: a silence command puts (or
 * replaces) its id, an unsilence or a tombstone removes it, and a silence whose end has passed is
 * dropped. The job applies the same commands the same way. Holds at most {@code maxTracked}
 * silences: a topic with more active ones than that (only a writer other than the API could put
 * them there) has the rest ignored.
 */
final class SilenceTable {
    private static final Comparator<SilenceCommand> BY_END_THEN_ID =
            Comparator.comparingLong((SilenceCommand c) -> c.until).thenComparing(c -> c.id);

    private final Map<String, SilenceCommand> byId = new HashMap<>();
    private final int maxTracked;

    SilenceTable(int maxTracked) {
        this.maxTracked = maxTracked;
    }

    /** Applies one command; false when a new silence was ignored because the table is full. */
    synchronized boolean apply(SilenceCommand c, long now) {
        if (!SilenceCommand.SILENCE.equals(c.type) || c.until <= now) {
            byId.remove(c.id);
            return true;
        }
        if (!byId.containsKey(c.id)) {
            dropEnded(now);
            if (byId.size() >= maxTracked) {
                return false;
            }
        }
        byId.put(c.id, c);
        return true;
    }

    synchronized void remove(String id) {
        byId.remove(id);
    }

    /** Adds {@code c} when fewer than {@code cap} silences are active; else false. */
    synchronized boolean addIfBelow(SilenceCommand c, int cap, long now) {
        dropEnded(now);
        if (byId.size() >= cap) {
            return false;
        }
        byId.put(c.id, c);
        return true;
    }

    /** The active silences, the soonest to end first (then by id). */
    synchronized List<SilenceCommand> active(long now) {
        dropEnded(now);
        List<SilenceCommand> out = new ArrayList<>(byId.values());
        out.sort(BY_END_THEN_ID);
        return out;
    }

    private void dropEnded(long now) {
        byId.values().removeIf(c -> c.until <= now);
    }
}
