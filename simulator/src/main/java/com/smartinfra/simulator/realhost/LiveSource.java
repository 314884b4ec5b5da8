package com.smartinfra.simulator.realhost;

import com.smartinfra.schema.Sample;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The samples of real machines as the runner's source: background readers {@link #offer} them as
 * they come, and the runner takes them in arrival order. {@link #hasNext} waits for the next one
 * and answers false once a stop was requested, so SIGTERM ends a run that would otherwise never
 * end. The readers stop with {@link #close}.
 */
public abstract class LiveSource implements Iterator<Sample>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSource.class);

    /** Samples waiting for the sender; beyond this (the sink is stuck) the oldest are dropped. */
    static final int CAPACITY = 10_000;

    private static final long POLL_MILLIS = 200;

    private final BlockingQueue<Sample> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final CountDownLatch stop;
    private Sample next;
    private long dropped;

    protected LiveSource(CountDownLatch stop) {
        this.stop = stop;
    }

    /** Hands a sample to the sender (from any thread). */
    protected void offer(Sample s) {
        while (!queue.offer(s)) {
            if (queue.poll() != null) {
                synchronized (this) {
                    dropped++;
                    if (dropped == 1 || dropped % 1000 == 0) {
                        LOG.warn(
                                "{} samples dropped: the sender does not keep up (the oldest"
                                        + " go first)",
                                dropped);
                    }
                }
            }
        }
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null) {
                if (stop.getCount() == 0) {
                    return false;
                }
                next = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public Sample next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Sample s = next;
        next = null;
        return s;
    }

    /** Stops the readers. */
    @Override
    public abstract void close();
}
