package com.smartinfra.simulator.agent;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.realhost.HostReading;
import com.smartinfra.simulator.realhost.LiveSource;
import com.smartinfra.simulator.realhost.ReadingException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --local}: this machine sampled every interval, as host {@link LocalMachine#hostName}. The
 * first sample comes one interval after the start (CPU share and I/O rates need two readings).
 */
public final class LocalAgentSource extends LiveSource {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAgentSource.class);

    private final LocalMachine machine;
    private final Duration interval;
    private final Optional<String> mountPoint;
    private final ScheduledExecutorService scheduler;
    private HostReading previous;
    private boolean failing;

    /**
     * @param mountPoint the filesystem whose usage is {@code disk}; empty: the fullest real one
     */
    public LocalAgentSource(
            LocalMachine machine,
            Duration interval,
            Optional<String> mountPoint,
            CountDownLatch stop) {
        super(stop);
        this.machine = machine;
        this.interval = interval;
        this.mountPoint = mountPoint;
        this.scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "local-agent");
                            t.setDaemon(true);
                            return t;
                        });
    }

    public String hostName() {
        return machine.hostName();
    }

    /** Takes the first reading now, then one every interval. */
    public LocalAgentSource start() {
        LOG.info(
                "sampling this machine as host {} every {} s",
                machine.hostName(),
                interval.toMillis() / 1000.0);
        scheduler.scheduleAtFixedRate(this::readOnce, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        return this;
    }

    private void readOnce() {
        try {
            HostReading reading = machine.read(System.currentTimeMillis());
            HostReading before = previous;
            previous = reading;
            if (before != null) {
                Sample s = reading.sampleSince(before, machine.hostName(), mountPoint);
                if (failing) {
                    LOG.info("this machine can be sampled again");
                    failing = false;
                }
                offer(s);
            }
        } catch (ReadingException e) {
            if (!failing) {
                LOG.warn(
                        "this machine cannot be sampled: {} (trying every {} s)",
                        e.getMessage(),
                        interval.toMillis() / 1000.0);
                failing = true;
            }
        } catch (RuntimeException e) {
            // OSHI failing on an odd system must not end the schedule
            LOG.error("reading this machine failed", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
