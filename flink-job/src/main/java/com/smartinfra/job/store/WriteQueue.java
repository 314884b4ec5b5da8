package com.smartinfra.job.store;

import com.smartinfra.schema.retry.Backoff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The points a sink writer has taken over from Flink's buffer and not yet written: batches in
 * arrival order, bounded in points, shared by the writer's I/O threads, and the backoff between
 * attempts while InfluxDB does not take them.
 *
 * <p>While InfluxDB answers, up to one attempt per I/O thread runs at a time. After a failure only
 * one attempt runs, after the backoff: a dead server sees one probe per backoff period, not one per
 * batch. A batch leaves the queue only once written (or dead-lettered), so {@link #lines()} is
 * everything not yet safe, for the checkpoint. When the queue is full, {@link #add} holds the
 * caller's acknowledgement until written points make room: that is the backpressure.
 */
final class WriteQueue {
    /** A batch of line-protocol lines; a refused one is replaced by its halves. */
    static final class Batch {
        final List<String> lines;
        private boolean inAttempt;

        private Batch(List<String> lines) {
            this.lines = lines;
        }
    }

    private record Waiting(Batch batch, Runnable accepted) {}

    private final long capacity;
    private final Backoff backoff;
    private final long configurationRetryMs;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Batch> batches = new ArrayList<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private long points;
    private long waitingPoints;
    private int attempts;
    private int failures;
    private long nextAttemptNanos;
    private boolean closed;

    /**
     * @param capacity points the queue holds before {@link #add} makes callers wait
     * @param configurationRetryMs the wait after a {@link WriteFailure#CONFIGURATION} answer
     */
    WriteQueue(long capacity, Backoff backoff, long configurationRetryMs) {
        this.capacity = capacity;
        this.backoff = backoff;
        this.configurationRetryMs = configurationRetryMs;
    }

    /**
     * Takes over {@code lines}; runs {@code accepted} once they are in the queue: at once when
     * there is room, else when written points make room.
     */
    void add(List<String> lines, Runnable accepted) {
        lock.lock();
        try {
            Batch b = new Batch(lines);
            if (waiting.isEmpty() && fits(lines.size())) {
                batches.add(b);
                points += lines.size();
                changed.signalAll();
            } else {
                waiting.add(new Waiting(b, accepted));
                waitingPoints += lines.size();
                return;
            }
        } finally {
            lock.unlock();
        }
        accepted.run();
    }

    /**
     * The next batch to write: waits for one, and after a failure for the backoff and for the
     * attempt in progress to end. Null once closed.
     */
    Batch next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                Batch b = firstIdle();
                long waitNanos = Long.MAX_VALUE;
                if (b != null && failures > 0) {
                    waitNanos =
                            attempts > 0 ? Long.MAX_VALUE : nextAttemptNanos - System.nanoTime();
                } else if (b != null) {
                    waitNanos = 0;
                }
                if (waitNanos <= 0) {
                    b.inAttempt = true;
                    attempts++;
                    return b;
                }
                if (waitNanos == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    changed.awaitNanos(waitNanos);
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** {@code b} is written (or dead-lettered): it leaves the queue; InfluxDB answers. */
    void done(Batch b) {
        List<Runnable> accepted;
        lock.lock();
        try {
            batches.remove(b);
            points -= b.lines.size();
            attempts--;
            failures = 0;
            accepted = admitWaiting();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        accepted.forEach(Runnable::run);
    }

    /** InfluxDB refused some points of {@code b}: its two halves take its place, to be tried. */
    void split(Batch b) {
        lock.lock();
        try {
            int at = batches.indexOf(b);
            int half = b.lines.size() / 2;
            batches.set(at, new Batch(b.lines.subList(0, half)));
            batches.add(at + 1, new Batch(b.lines.subList(half, b.lines.size())));
            attempts--;
            failures = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The attempt to write {@code b} failed; it stays, first in line, for a retry after the
     * backoff.
     *
     * @return the backoff in milliseconds
     */
    long failed(Batch b, WriteFailure kind, long retryAfterMs) {
        lock.lock();
        try {
            b.inAttempt = false;
            attempts--;
            failures++;
            long delay =
                    kind == WriteFailure.CONFIGURATION
                            ? configurationRetryMs
                            : backoff.delayMillis(failures, retryAfterMs);
            nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            changed.signalAll();
            return delay;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until every point taken over is written, at most {@code timeoutNanos}; with {@code
     * onlyWhileAnswering}, no longer than InfluxDB answers.
     *
     * @return whether the queue is empty
     */
    boolean awaitEmpty(long timeoutNanos, boolean onlyWhileAnswering) throws InterruptedException {
        long deadline = System.nanoTime() + Math.min(timeoutNanos, Long.MAX_VALUE / 4);
        lock.lock();
        try {
            while (points > 0 || waitingPoints > 0) {
                long left = deadline - System.nanoTime();
                if (closed || left <= 0 || (onlyWhileAnswering && failures > 0)) {
                    return false;
                }
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the last attempt succeeded (or none failed yet). */
    boolean answering() {
        lock.lock();
        try {
            return failures == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Failed attempts since the last successful one. */
    int consecutiveFailures() {
        lock.lock();
        try {
            return failures;
        } finally {
            lock.unlock();
        }
    }

    /** Points held: in the queue, being written, or waiting for room. */
    long size() {
        lock.lock();
        try {
            return points + waitingPoints;
        } finally {
            lock.unlock();
        }
    }

    /** Every line not yet written, oldest first (including those being written right now). */
    List<String> lines() {
        lock.lock();
        try {
            List<String> all = new ArrayList<>((int) Math.min(points, Integer.MAX_VALUE));
            batches.forEach(b -> all.addAll(b.lines));
            waiting.forEach(w -> all.addAll(w.batch.lines));
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Ends {@link #next()} and {@link #awaitEmpty} for good. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Batch firstIdle() {
        for (Batch b : batches) {
            if (!b.inAttempt) {
                return b;
            }
        }
        return null;
    }

    /** A batch larger than the whole capacity still goes in once the queue is empty. */
    private boolean fits(int n) {
        return points == 0 || points + n <= capacity;
    }

    private List<Runnable> admitWaiting() {
        List<Runnable> accepted = new ArrayList<>();
        while (!waiting.isEmpty() && fits(waiting.peek().batch.lines.size())) {
            Waiting w = waiting.poll();
            batches.add(w.batch);
            points += w.batch.lines.size();
            waitingPoints -= w.batch.lines.size();
            accepted.add(w.accepted);
        }
        return accepted;
    }
}
