package com.smartinfra.simulator;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.generator.AnomalyKind;
import com.smartinfra.simulator.publish.SampleSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves samples from a source to a sink at the pace of their timestamps (or at once with {@code
 * fast}), until a limit, the end of the source, or a stop request.
 *
 * <p>Pacing follows the simulated clock: sample {@code s} goes out {@code s.timestamp - first
 * timestamp} after the run started, so when the sender falls behind it catches up instead of
 * drifting.
 */
public final class SimulationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationRunner.class);

    private final Iterator<Sample> source;
    private final SampleSink sink;
    private final long maxSamples;
    private final long endMillis;
    private final boolean fast;
    private final CountDownLatch stop;
    private final long progressNanos;

    /**
     * @param maxSamples stop after this many samples ({@code Long.MAX_VALUE}: no limit)
     * @param endMillis stop before the first sample stamped at or after this ({@code
     *     Long.MAX_VALUE}: no limit)
     * @param fast don't wait for the samples' time
     * @param stop counted down to end the run early (SIGTERM)
     * @param progressEvery how often to log progress
     */
    public SimulationRunner(
            Iterator<Sample> source,
            SampleSink sink,
            long maxSamples,
            long endMillis,
            boolean fast,
            CountDownLatch stop,
            Duration progressEvery) {
        this.source = source;
        this.sink = sink;
        this.maxSamples = maxSamples;
        this.endMillis = endMillis;
        this.fast = fast;
        this.stop = stop;
        this.progressNanos = progressEvery.toNanos();
    }

    /**
     * Runs until done; the caller closes the sink afterwards. The returned stats count what was
     * handed to the sink; delivery counts are final only after the sink is closed.
     */
    public RunStats run() {
        Map<String, Long> byKind = new LinkedHashMap<>();
        for (AnomalyKind k : AnomalyKind.values()) {
            byKind.put(k.label(), 0L);
        }
        long emitted = 0;
        long anomalous = 0;
        boolean stopped = false;
        long wallStart = System.nanoTime();
        long firstTimestamp = Long.MIN_VALUE;
        long lastTimestamp = 0;
        long nextProgress = wallStart + progressNanos;
        long emittedAtLastProgress = 0;
        long deliveredAtLastProgress = 0;
        try {
            while (emitted < maxSamples && source.hasNext()) {
                if (stop.getCount() == 0) {
                    stopped = true;
                    break;
                }
                Sample s = source.next();
                if (s.timestamp >= endMillis) {
                    break;
                }
                if (s.timestamp >= SampleJson.MAX_TIMESTAMP) {
                    LOG.warn("simulated time reached 2100-01-01, the end of valid timestamps");
                    break;
                }
                if (!fast) {
                    if (firstTimestamp == Long.MIN_VALUE) {
                        firstTimestamp = s.timestamp;
                    }
                    long wait =
                            wallStart
                                    + (s.timestamp - firstTimestamp) * 1_000_000L
                                    - System.nanoTime();
                    if (wait > 0) {
                        sink.idle();
                        if (stop.await(wait, TimeUnit.NANOSECONDS)) {
                            stopped = true;
                            break;
                        }
                    }
                }
                sink.send(s);
                emitted++;
                lastTimestamp = s.timestamp;
                if (s.injected != null) {
                    anomalous++;
                    byKind.merge(s.injected, 1L, Long::sum);
                }
                if (sink.broken()) {
                    LOG.warn("{} no longer accepts samples; stopping", sink.describe());
                    break;
                }
                long now = System.nanoTime();
                if (now >= nextProgress) {
                    long delivered = sink.delivered();
                    double seconds = (now - nextProgress + progressNanos) / 1e9;
                    LOG.info(
                            "progress: {} samples sent ({} anomalies injected), {} delivered, {}"
                                    + " failed, {}/s, simulated time {}",
                            emitted,
                            anomalous,
                            delivered,
                            sink.failed(),
                            Math.round((emitted - emittedAtLastProgress) / seconds),
                            Instant.ofEpochMilli(lastTimestamp));
                    if (delivered == deliveredAtLastProgress && emitted > emittedAtLastProgress) {
                        LOG.warn(
                                "no sample was delivered to {} in the last {}s ({} pending)",
                                sink.describe(),
                                Math.round(seconds),
                                emitted - delivered - sink.failed());
                    }
                    emittedAtLastProgress = emitted;
                    deliveredAtLastProgress = delivered;
                    nextProgress = now + progressNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
        return new RunStats(emitted, anomalous, byKind, sink.delivered(), sink.failed(), stopped);
    }
}
