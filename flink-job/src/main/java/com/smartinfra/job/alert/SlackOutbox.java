package com.smartinfra.job.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The Slack delivery operator's outbox: messages in arrival order, the head being the one in flight
 * or holding the retry position; bounded, and aware of what Slack accepted after the restored
 * checkpoint (the delivery journal) so that nothing is sent twice. No Flink types: the operator
 * checkpoints {@link #snapshot()}.
 */
final class SlackOutbox {
    private final ArrayDeque<OutboxEntry> entries = new ArrayDeque<>();
    private final int capacity;

    /** Accepted after the restored checkpoint (journal): message id → acceptance time. */
    private Map<String, Long> acceptedBeforeRestore = new HashMap<>();

    SlackOutbox(int capacity, Iterable<OutboxEntry> restored) {
        this.capacity = capacity;
        restored.forEach(entries::add);
    }

    /** What the delivery journal says Slack accepted after the restored checkpoint. */
    void acceptedBeforeRestore(Map<String, Long> accepted) {
        acceptedBeforeRestore = new HashMap<>(accepted);
    }

    boolean isFull() {
        return entries.size() >= capacity;
    }

    void add(Notification n) {
        entries.add(new OutboxEntry(n));
    }

    /**
     * Removes and returns the oldest waiting message to make room, or null. The head keeps its
     * place (it is in flight or holds the retry position), so the one after it goes; nothing goes
     * when only the head is there and it is in flight.
     */
    OutboxEntry evictOldestWaiting(boolean headInFlight) {
        Iterator<OutboxEntry> it = entries.iterator();
        OutboxEntry victim = null;
        if (entries.size() > 1) {
            it.next();
            victim = it.next();
        } else if (!headInFlight && it.hasNext()) {
            victim = it.next();
        }
        if (victim != null) {
            it.remove();
        }
        return victim;
    }

    /** Drops from the head what Slack accepted after the restored checkpoint. */
    void skipAlreadyAccepted(BiConsumer<OutboxEntry, Long> onSkipped) {
        while (!acceptedBeforeRestore.isEmpty() && !entries.isEmpty()) {
            OutboxEntry head = entries.peek();
            Long acceptedAt = acceptedBeforeRestore.remove(head.notification.id);
            if (acceptedAt == null) {
                return;
            }
            entries.poll();
            onSkipped.accept(head, acceptedAt);
        }
    }

    OutboxEntry head() {
        return entries.peek();
    }

    void remove(OutboxEntry e) {
        entries.remove(e);
    }

    /** Empties the outbox; returns what it held, oldest first. */
    List<OutboxEntry> clear() {
        List<OutboxEntry> all = new ArrayList<>(entries);
        entries.clear();
        return all;
    }

    /** The messages to checkpoint, the one in flight included. */
    List<OutboxEntry> snapshot() {
        return new ArrayList<>(entries);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }
}
