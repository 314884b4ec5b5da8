package com.smartinfra.job.stats;

import java.util.Arrays;

/**
 * The running summary of one metric in one window: count, mean and variance (Welford's update, so
 * no catastrophic cancellation), min, max and what the 95th percentile needs. Mutated in place on
 * the hot path; a Flink POJO, so window state is serialized without Kryo.
 *
 * <p>The p95 is the nearest-rank percentile: the smallest value with at least 95 % of the window's
 * values at or below it. It is exact while the window holds at most {@link #EXACT_LIMIT} values
 * (kept in an array that grows by doubling). Beyond that the values move into a fixed histogram of
 * {@link #BUCKETS} buckets, {@link #BUCKET_WIDTH} percentage points wide, over 0..100 (4 KB), and
 * the p95 is the middle of the bucket holding that rank, clamped to [min, max]: at most half a
 * bucket, 0.05 percentage points, from the exact value. The metrics are percentages (validated at
 * ingest); a value outside 0..100 would count in the first or last bucket.
 */
public final class MetricSummary {
    /** Values kept exactly per window; a 1-minute window at one sample a second needs 60. */
    public static final int EXACT_LIMIT = 256;

    public static final int BUCKETS = 1000;
    public static final double BUCKET_WIDTH = 100.0 / BUCKETS;

    private static final int INITIAL_CAPACITY = 16;

    public long count;
    public double mean;

    /** Sum of squared deviations from the mean (Welford's M2). */
    public double m2;

    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;

    /** The first {@link #count} entries are the values, while exact; otherwise null. */
    public double[] values;

    /** Counts per bucket once there were more than {@link #EXACT_LIMIT} values; else null. */
    public int[] histogram;

    public MetricSummary() {}

    public void add(double x) {
        count++;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        if (x < min) {
            min = x;
        }
        if (x > max) {
            max = x;
        }
        if (histogram != null) {
            histogram[bucket(x)]++;
            return;
        }
        int i = (int) (count - 1);
        if (values == null) {
            values = new double[INITIAL_CAPACITY];
        } else if (i == values.length) {
            if (i >= EXACT_LIMIT) {
                toHistogram(i);
                histogram[bucket(x)]++;
                return;
            }
            values = Arrays.copyOf(values, Math.min(values.length * 2, EXACT_LIMIT));
        }
        values[i] = x;
    }

    /** Adds another summary's values to this one (Chan et al.'s pairwise variance update). */
    public void merge(MetricSummary o) {
        if (o.count == 0) {
            return;
        }
        long n = count + o.count;
        double delta = o.mean - mean;
        m2 += o.m2 + delta * delta * ((double) count * o.count / n);
        mean += delta * o.count / n;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
        if (histogram == null && o.histogram == null && n <= EXACT_LIMIT) {
            int have = (int) count;
            if (values == null || values.length < n) {
                values = values == null ? new double[(int) n] : Arrays.copyOf(values, (int) n);
            }
            System.arraycopy(o.values, 0, values, have, (int) o.count);
        } else {
            if (histogram == null) {
                toHistogram((int) count);
            }
            if (o.histogram != null) {
                for (int b = 0; b < BUCKETS; b++) {
                    histogram[b] += o.histogram[b];
                }
            } else {
                for (int j = 0; j < o.count; j++) {
                    histogram[bucket(o.values[j])]++;
                }
            }
        }
        count = n;
    }

    /** Population standard deviation; 0 for a single value, NaN when empty. */
    public double stddev() {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0.0, m2 / count));
    }

    /** The nearest-rank 95th percentile (see the class comment for its accuracy). */
    public double p95() {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = (95 * count + 99) / 100; // ceil(0.95 n), 1-based, in exact integer arithmetic
        if (histogram == null) {
            double[] sorted = Arrays.copyOf(values, (int) count);
            Arrays.sort(sorted);
            return sorted[(int) rank - 1];
        }
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                double middle = (b + 0.5) * BUCKET_WIDTH;
                return Math.min(max, Math.max(min, middle));
            }
        }
        return max;
    }

    public double minOrNaN() {
        return count == 0 ? Double.NaN : min;
    }

    public double maxOrNaN() {
        return count == 0 ? Double.NaN : max;
    }

    public double meanOrNaN() {
        return count == 0 ? Double.NaN : mean;
    }

    /** True once the values went into the histogram (the p95 is then approximate). */
    public boolean isApproximate() {
        return histogram != null;
    }

    private void toHistogram(int n) {
        histogram = new int[BUCKETS];
        for (int j = 0; j < n; j++) {
            histogram[bucket(values[j])]++;
        }
        values = null;
    }

    static int bucket(double x) {
        if (!(x > 0)) {
            return 0;
        }
        int b = (int) (x * (BUCKETS / 100.0));
        return Math.min(b, BUCKETS - 1);
    }
}
