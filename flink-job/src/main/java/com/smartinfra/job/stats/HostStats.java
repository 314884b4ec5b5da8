package com.smartinfra.job.stats;

import com.smartinfra.schema.InfluxSchema;
import java.util.Arrays;
import java.util.Objects;

/**
 * The statistics of one host's samples in one event-time window, as written to the {@code
 * host_stats} measurement. Each array holds one value per metric, indexed {@link #CPU}, {@link
 * #MEMORY}, {@link #DISK} (the order of {@link InfluxSchema#STATS_METRICS}). The standard deviation
 * is the population one (0 for a single sample). A Flink POJO.
 */
public final class HostStats {
    public static final int CPU = 0;
    public static final int MEMORY = 1;
    public static final int DISK = 2;
    public static final int METRICS = 3;

    public String host;

    /** The window length as a label: {@code 1m}, {@code 15m}, {@code 1h}. */
    public String window;

    /** Window start (inclusive) and end (exclusive), epoch milliseconds. */
    public long start;

    public long end;

    public long count;
    public double[] mean = new double[METRICS];
    public double[] min = new double[METRICS];
    public double[] max = new double[METRICS];
    public double[] stddev = new double[METRICS];
    public double[] p95 = new double[METRICS];

    public HostStats() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof HostStats)) {
            return false;
        }
        HostStats h = (HostStats) o;
        return start == h.start
                && end == h.end
                && count == h.count
                && Objects.equals(host, h.host)
                && Objects.equals(window, h.window)
                && Arrays.equals(mean, h.mean)
                && Arrays.equals(min, h.min)
                && Arrays.equals(max, h.max)
                && Arrays.equals(stddev, h.stddev)
                && Arrays.equals(p95, h.p95);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, window, start, count);
    }

    @Override
    public String toString() {
        return "HostStats{"
                + host
                + " "
                + window
                + " @"
                + start
                + " n="
                + count
                + " mean="
                + Arrays.toString(mean)
                + " min="
                + Arrays.toString(min)
                + " max="
                + Arrays.toString(max)
                + " stddev="
                + Arrays.toString(stddev)
                + " p95="
                + Arrays.toString(p95)
                + "}";
    }
}
