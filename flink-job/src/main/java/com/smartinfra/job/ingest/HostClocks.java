package com.smartinfra.job.ingest;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Event time of one Kafka partition as its hosts' clocks tell it, robust to a bad clock: the
 * watermark follows the <em>lower median</em> of the latest event times of the hosts heard from
 * recently, each capped at the wall clock when it arrived, minus the out-of-orderness.
 *
 * <ul>
 *   <li>A clock ahead (up to the accepted future skew) cannot drag event time ahead of the other
 *       hosts: the median ignores it, and the cap keeps even a majority of fast clocks from moving
 *       the watermark past "now". The fast host's own windows fire late by its lead; none of its
 *       samples is late.
 *   <li>A clock behind cannot hold everyone back while it is a minority: its samples arrive behind
 *       the watermark (stored, seen by detection, but too late for the statistics windows). With
 *       two hosts in a partition the lower median is the slower one: windows then wait for it.
 *   <li>Replays and backfills keep working: old event times are below the wall clock, so the
 *       watermark follows the data as it is read, whatever the hosts' clocks did back then.
 *   <li>A host silent for {@code forgetAfter} (wall clock) no longer counts, so a host that stops
 *       sending does not freeze event time.
 * </ul>
 *
 * <p>Not thread-safe; one per source split, as Flink creates watermark generators.
 */
final class HostClocks {
    private final long outOfOrdernessMillis;
    private final long forgetAfterMillis;

    /** Per host: {latest capped event time, wall-clock time it was last heard from}. */
    private final Map<String, long[]> hosts = new HashMap<>();

    private long watermark = Long.MIN_VALUE;

    HostClocks(long outOfOrdernessMillis, long forgetAfterMillis) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.forgetAfterMillis = forgetAfterMillis;
    }

    /**
     * A sample of {@code host} with event time {@code eventTime} arrived at wall time {@code now}.
     */
    void observe(String host, long eventTime, long now) {
        long t = Math.min(eventTime, now);
        long[] h = hosts.get(host);
        if (h == null) {
            hosts.put(host, new long[] {t, now});
        } else {
            h[0] = Math.max(h[0], t);
            h[1] = now;
        }
    }

    /**
     * The watermark at wall time {@code now}: never decreasing, {@code Long.MIN_VALUE} until a host
     * was heard from.
     */
    long watermark(long now) {
        for (Iterator<long[]> it = hosts.values().iterator(); it.hasNext(); ) {
            if (now - it.next()[1] > forgetAfterMillis) {
                it.remove();
            }
        }
        if (hosts.isEmpty()) {
            return watermark;
        }
        long[] latest = new long[hosts.size()];
        int i = 0;
        for (long[] h : hosts.values()) {
            latest[i++] = h[0];
        }
        Arrays.sort(latest);
        long median = latest[(latest.length - 1) / 2];
        // as Flink's bounded out-of-orderness: a sample at exactly the bound is still on time
        long candidate = median - outOfOrdernessMillis - 1;
        if (candidate > watermark) {
            watermark = candidate;
        }
        return watermark;
    }

    /** Hosts currently counted (for tests and diagnostics). */
    int hosts() {
        return hosts.size();
    }
}
