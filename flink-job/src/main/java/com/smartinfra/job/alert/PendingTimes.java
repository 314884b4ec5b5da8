package com.smartinfra.job.alert;

import java.util.Arrays;

/**
 * A host's pending event times, ascending: the queue in {@link HostState#pendingTimes} from {@link
 * HostState#pendingFirst}, {@link HostState#pendingCount} long. Times arrive mostly in order and
 * leave from the front, so both ends are O(1) amortised — a host a day ahead of the watermark (a
 * catch-up) holds tens of thousands, and copying them per sample made that quadratic. The buffer
 * grows by doubling and shrinks when three quarters are free, so a drained backlog does not stay in
 * the host's checkpointed state.
 */
final class PendingTimes {
    private static final int MIN_CAPACITY = 8;
    private static final long[] NONE = new long[0];

    private PendingTimes() {}

    /** Whether {@code h} has a queue (state written before it has none). */
    static boolean built(HostState h) {
        return h.pendingTimes != null;
    }

    /** Builds the queue of {@code h} from the times of its pending ticks, in any order. */
    static void build(HostState h, Iterable<Long> times) {
        h.pendingTimes = new long[MIN_CAPACITY];
        h.pendingFirst = 0;
        h.pendingCount = 0;
        for (Long t : times) {
            add(h, t);
        }
    }

    /** Adds {@code t} in its place ({@code t} is not in the queue). */
    static void add(HostState h, long t) {
        int length = h.pendingTimes.length;
        if (h.pendingFirst + h.pendingCount == length) {
            // full at the end: close the gap the front left if it is a quarter, else grow
            moveTo(h, h.pendingFirst >= length / 4 ? length : length * 2);
        }
        long[] q = h.pendingTimes;
        int at = h.pendingFirst + h.pendingCount;
        while (at > h.pendingFirst && q[at - 1] > t) {
            q[at] = q[at - 1];
            at--;
        }
        q[at] = t;
        h.pendingCount++;
    }

    /** The oldest pending time; the queue is not empty. */
    static long first(HostState h) {
        return h.pendingTimes[h.pendingFirst];
    }

    static boolean isEmpty(HostState h) {
        return h.pendingCount == 0;
    }

    /** Takes the times at or below {@code upTo} off the front, oldest first. */
    static long[] takeUpTo(HostState h, long upTo) {
        long[] q = h.pendingTimes;
        int n = 0;
        while (n < h.pendingCount && q[h.pendingFirst + n] <= upTo) {
            n++;
        }
        if (n == 0) {
            return NONE;
        }
        long[] taken = Arrays.copyOfRange(q, h.pendingFirst, h.pendingFirst + n);
        h.pendingFirst += n;
        h.pendingCount -= n;
        if (h.pendingCount == 0) {
            h.pendingFirst = 0;
        }
        if (q.length > MIN_CAPACITY && h.pendingCount * 4 < q.length) {
            moveTo(h, h.pendingCount * 2);
        }
        return taken;
    }

    /** Moves the queue to the front of a buffer of {@code capacity} (at least 8). */
    private static void moveTo(HostState h, int capacity) {
        long[] q = new long[Math.max(MIN_CAPACITY, capacity)];
        System.arraycopy(h.pendingTimes, h.pendingFirst, q, 0, h.pendingCount);
        h.pendingTimes = q;
        h.pendingFirst = 0;
    }
}
