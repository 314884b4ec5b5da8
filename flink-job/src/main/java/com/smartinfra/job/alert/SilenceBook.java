package com.smartinfra.job.alert;

import com.smartinfra.schema.SilenceCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The active silences as plain logic: which commands are kept (at most {@code
 * alert.silences.max-active}, expired ones dropped) and whether one covers an alert. The silences
 * themselves live behind {@link Store}: Flink broadcast state in the job, a map in process.
 */
public final class SilenceBook {
    private SilenceBook() {}

    /** Where the silences are kept: silence id → command. */
    public interface Store {
        Iterable<Map.Entry<String, SilenceCommand>> entries() throws Exception;

        boolean contains(String id) throws Exception;

        void put(String id, SilenceCommand c) throws Exception;

        void remove(String id) throws Exception;
    }

    /** What a command did. */
    public enum Outcome {
        /** A silence was added or renewed. */
        ADDED,
        /** A new silence was refused: the most allowed are active. */
        REFUSED,
        /** An unsilence, or a silence already over: the id is no longer active. */
        REMOVED
    }

    /** Applies one control command at wall-clock time {@code now}. */
    public static Outcome apply(SilenceCommand c, long now, int maxActive, Store store)
            throws Exception {
        Outcome outcome;
        if (SilenceCommand.SILENCE.equals(c.type) && c.until > now) {
            removeExpired(store, now);
            if (!store.contains(c.id) && count(store) >= maxActive) {
                // anyone who can write the control topic must not be able to mute everything
                return Outcome.REFUSED;
            }
            store.put(c.id, c);
            outcome = Outcome.ADDED;
        } else {
            store.remove(c.id);
            outcome = Outcome.REMOVED;
        }
        removeExpired(store, now);
        return outcome;
    }

    /** Whether one of {@code silences} covers {@code cause} of {@code host} at {@code now}. */
    public static boolean covers(
            Iterable<Map.Entry<String, SilenceCommand>> silences,
            String host,
            String cause,
            long now) {
        for (Map.Entry<String, SilenceCommand> e : silences) {
            if (e.getValue().covers(host, cause, now)) {
                return true;
            }
        }
        return false;
    }

    private static void removeExpired(Store store, long now) throws Exception {
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, SilenceCommand> e : store.entries()) {
            if (e.getValue().until <= now) {
                expired.add(e.getKey());
            }
        }
        for (String id : expired) {
            store.remove(id);
        }
    }

    private static int count(Store store) throws Exception {
        int n = 0;
        for (Map.Entry<String, SilenceCommand> ignored : store.entries()) {
            n++;
        }
        return n;
    }
}
