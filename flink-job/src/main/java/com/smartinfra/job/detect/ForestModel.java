package com.smartinfra.job.detect;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * One trained model of one host: an isolation forest built reproducibly from a training set and a
 * seed ({@link CompactIsolationForest}; Smile's extended forest, {@link SmileForest}, when the
 * extension level is above 0), its threshold calibrated on out-of-bag scores, and the per-feature
 * quantiles that explanations quote. Same rows + same seed = the same model, so a checkpoint need
 * only hold the rows (see {@link HostDetector#toBytes()}).
 */
final class ForestModel {
    // every forest built in this JVM (trainings and rebuilds after a restore): a sample must never
    // cost one beyond its host's own retraining (see HostDetector#copyReadFrom)
    private static final LongAdder BUILDS = new LongAdder();

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Share of the out-of-bag scores whose excesses calibrate the tail. */
    static final double TAIL_FRACTION = 0.1;

    private static final double LOG_TAIL_FRACTION = Math.log(TAIL_FRACTION);

    private static final double MIN_TAIL_SCALE = 1e-9;

    /** Tail scales are at least this share of the metric's magnitude: flat metrics may move. */
    private static final double MIN_RELATIVE_TAIL_SCALE = 1e-3;

    private final IsolationScorer forest;
    private final int version;
    private final int rows;
    private final int subsample;
    private final double threshold;
    private final double oobMean;
    private final double oobStd;
    private final double[] oobSorted;
    private final double tailStart;
    private final double tailScale;
    private final double contamination;
    private final double[] low;
    private final double[] median;
    private final double[] high;
    private final double[] hiStart;
    private final double[] hiScale;
    private final double[] loStart;
    private final double[] loScale;
    private final double logTailTests;

    private ForestModel(
            IsolationScorer forest,
            int version,
            int rows,
            int subsample,
            double threshold,
            double oobMean,
            double oobStd,
            double[] oobSorted,
            double tailStart,
            double tailScale,
            double contamination,
            double[] low,
            double[] median,
            double[] high,
            double[][] tails,
            double logTailTests) {
        this.forest = forest;
        this.hiStart = tails[0];
        this.hiScale = tails[1];
        this.loStart = tails[2];
        this.loScale = tails[3];
        this.logTailTests = logTailTests;
        this.version = version;
        this.rows = rows;
        this.subsample = subsample;
        this.threshold = threshold;
        this.oobMean = oobMean;
        this.oobStd = oobStd;
        this.oobSorted = oobSorted;
        this.tailStart = tailStart;
        this.tailScale = tailScale;
        this.contamination = contamination;
        this.low = low;
        this.median = median;
        this.high = high;
    }

    /** Forests built in this JVM so far. */
    static long builds() {
        return BUILDS.sum();
    }

    static ForestModel train(double[][] data, DetectorConfig config, long seed, int version) {
        return train(data, config, seed, version, null, null);
    }

    /**
     * Trains on the window's rows {@code [from, to)}, read into a buffer this thread reuses: as
     * {@link #train(float[], int, int, DetectorConfig, long, int, boolean[], int[])}.
     */
    static ForestModel train(
            TrainingWindow window,
            long from,
            long to,
            DetectorConfig config,
            long seed,
            int version,
            boolean[] tailed,
            int[] scaleOf) {
        int n = (int) (to - from);
        int dims = window.dims();
        Scratch s = SCRATCH.get();
        if (s.rows.length < n * dims) {
            s.rows = new float[n * dims];
        }
        window.copyRows(from, to, s.rows);
        return train(s.rows, n, dims, config, seed, version, tailed, scaleOf);
    }

    /** As {@link #train(float[], int, int, DetectorConfig, long, int, boolean[], int[])}. */
    static ForestModel train(
            double[][] data,
            DetectorConfig config,
            long seed,
            int version,
            boolean[] tailed,
            int[] scaleOf) {
        int n = data.length;
        int dims = n == 0 ? 0 : data[0].length;
        float[] flat = new float[n * dims];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < dims; f++) {
                flat[i * dims + f] = (float) data[i][f];
            }
        }
        return train(flat, n, dims, config, seed, version, tailed, scaleOf);
    }

    /**
     * Trains on the {@code n} rows of {@code data} ({@code n * dims} values, row after row; at
     * least 8 rows). Each tree gets {@code min(subsample, rows / 2)} rows drawn without
     * replacement, so each row is out of bag for about half the trees; the threshold is the {@code
     * 1 - contamination} quantile of those out-of-bag scores, extrapolated by the fitted tail.
     * Features marked in {@code tailed} get their own tails; {@code scaleOf[f]} is the feature
     * whose typical magnitude bounds the tail scales of {@code f} from below (the metric's value).
     */
    static ForestModel train(
            float[] data,
            int n,
            int dims,
            DetectorConfig config,
            long seed,
            int version,
            boolean[] tailed,
            int[] scaleOf) {
        if (n < 8) {
            throw new IllegalArgumentException("need at least 8 training rows, got " + n);
        }
        BUILDS.increment();
        int psi = Math.max(2, Math.min(config.subsample(), n / 2));
        Scratch s = SCRATCH.get();
        s.ensure(n);
        double[] pathSum = s.pathSum;
        int[] pathCount = s.pathCount;
        Arrays.fill(pathSum, 0, n, 0.0);
        Arrays.fill(pathCount, 0, n, 0);
        IsolationScorer forest =
                config.extensionLevel() == 0
                        ? CompactIsolationForest.train(
                                data, n, dims, config.trees(), psi, seed, pathSum, pathCount)
                        : SmileForest.train(
                                data,
                                n,
                                dims,
                                config.trees(),
                                psi,
                                config.extensionLevel(),
                                seed,
                                pathSum,
                                pathCount);

        // out-of-bag scores: each row scored only by the trees that did not see it (with at most
        // half the rows per tree, every tree leaves at least half of them out)
        double c = CompactIsolationForest.averagePathLength(psi);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (pathCount[i] > 0) {
                m++;
            }
        }
        double[] oob = new double[m];
        m = 0;
        double mean = 0.0;
        for (int i = 0; i < n; i++) {
            if (pathCount[i] > 0) {
                double v = Math.pow(2.0, -(pathSum[i] / pathCount[i]) / c);
                oob[m++] = v;
                mean += v;
            }
        }
        mean /= m;
        double var = 0.0;
        for (double v : oob) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / m);
        Arrays.sort(oob);
        // peaks over threshold: above the q90 the excesses are fitted by an exponential, which
        // extrapolates quantiles rarer than 1/n and makes hosts with different tails comparable
        double tailStart = quantileSorted(oob, m, 1.0 - TAIL_FRACTION);
        double excess = 0.0;
        int k = 0;
        for (double v : oob) {
            if (v > tailStart) {
                excess += v - tailStart;
                k++;
            }
        }
        double tailScale = Math.max(MIN_TAIL_SCALE, k == 0 ? 0.0 : excess / k);
        double contamination = config.contamination();
        // never below what the scores themselves show: at most contamination * m of them above
        double empirical = oob[Math.max(0, m - 1 - (int) Math.floor(contamination * m))];
        double threshold =
                contamination < TAIL_FRACTION
                        ? Math.max(
                                empirical,
                                tailStart + tailScale * Math.log(TAIL_FRACTION / contamination))
                        : empirical;

        double[] low = new double[dims];
        double[] median = new double[dims];
        double[] high = new double[dims];
        // per-feature tails: isolation forests give every point beyond the training range the
        // same path length, so how far beyond is measured on each feature's own fitted tail
        double[] hiStart = new double[dims];
        double[] hiScale = new double[dims];
        double[] loStart = new double[dims];
        double[] loScale = new double[dims];
        double[] col = s.column;
        int tailedCount = 0;
        // the floors of the tail scales need the quantiles of other features: quantiles first,
        // keeping each tailed feature's sorted column start and scale inputs for the second pass
        int[] ranks =
                OrderStatistics.quantileRanks(
                        n, 0.01, TAIL_FRACTION, 0.5, 1.0 - TAIL_FRACTION, 0.99);
        for (int f = 0; f < dims; f++) {
            boolean nan = false;
            for (int i = 0; i < n; i++) {
                col[i] = data[i * dims + f];
                nan |= col[i] != col[i];
            }
            if (nan) {
                Arrays.sort(col, 0, n);
            } else {
                OrderStatistics.select(col, n, ranks);
                if (tailed != null && tailed[f]) {
                    // the tails are summed in ascending order, as over a sorted column
                    Arrays.sort(col, 0, ranks[2] + 1);
                    Arrays.sort(col, ranks[6] + 1, n);
                }
            }
            low[f] = quantileSorted(col, n, 0.01);
            median[f] = quantileSorted(col, n, 0.5);
            high[f] = quantileSorted(col, n, 0.99);
            if (tailed == null || !tailed[f]) {
                hiStart[f] = Double.POSITIVE_INFINITY;
                loStart[f] = Double.NEGATIVE_INFINITY;
                continue;
            }
            tailedCount++;
            hiStart[f] = quantileSorted(col, n, 1.0 - TAIL_FRACTION);
            loStart[f] = quantileSorted(col, n, TAIL_FRACTION);
            double up = 0.0;
            double down = 0.0;
            int ku = 0;
            int kd = 0;
            for (int i = 0; i < n; i++) {
                if (col[i] > hiStart[f]) {
                    up += col[i] - hiStart[f];
                    ku++;
                }
                if (col[i] < loStart[f]) {
                    down += loStart[f] - col[i];
                    kd++;
                }
            }
            // mean excesses for now; floored below once every feature's quantiles are known
            hiScale[f] = ku == 0 ? 0.0 : up / ku;
            loScale[f] = kd == 0 ? 0.0 : down / kd;
        }
        for (int f = 0; f < dims; f++) {
            if (tailed != null && tailed[f]) {
                int g = scaleOf == null ? f : scaleOf[f];
                double floor =
                        MIN_RELATIVE_TAIL_SCALE * (Math.abs(median[g]) + (high[g] - low[g]))
                                + MIN_TAIL_SCALE;
                hiScale[f] = Math.max(floor, hiScale[f]);
                loScale[f] = Math.max(floor, loScale[f]);
            }
        }
        return new ForestModel(
                forest,
                version,
                n,
                psi,
                threshold,
                mean,
                std,
                oob,
                tailStart,
                tailScale,
                contamination,
                low,
                median,
                high,
                new double[][] {hiStart, hiScale, loStart, loScale},
                Math.log(2.0 * Math.max(1, tailedCount)));
    }

    /** Buffers one thread reuses across trainings; they grow, never shrink. */
    private static final class Scratch {
        double[] pathSum = new double[0];
        int[] pathCount = new int[0];
        double[] column = new double[0];
        float[] rows = new float[0];

        void ensure(int n) {
            if (pathSum.length < n) {
                pathSum = new double[n];
                pathCount = new int[n];
                column = new double[n];
            }
        }
    }

    /** Index of the first element greater than {@code v} in sorted values. */
    private static int upperBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Linear-interpolation quantile (type 7) of sorted values. */
    static double quantileSorted(double[] sorted, double q) {
        return quantileSorted(sorted, sorted.length, q);
    }

    /** Linear-interpolation quantile (type 7) of the first {@code n} of sorted values. */
    static double quantileSorted(double[] sorted, int n, double q) {
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /**
     * How far into the tail a score lies: {@code ln P(S > score) / ln(contamination)} under the
     * calibrated score distribution, so 1 at the threshold, 2 for a score as rare as the
     * contamination squared, below 1 for more common scores, 0 for the most common ones.
     */
    double severity(double score) {
        // P(S > score): the heavier of the fitted tail and the empirical share above
        int above = oobSorted.length - upperBound(oobSorted, score);
        double logP = Math.log(above / (double) oobSorted.length);
        if (score >= tailStart) {
            logP = Math.max(logP, Math.log(TAIL_FRACTION) - (score - tailStart) / tailScale);
        }
        return Math.max(0.0, logP / Math.log(contamination));
    }

    /**
     * The severity of the rarest feature value of {@code x} under its fitted tail, with the
     * Bonferroni correction for testing each tailed feature on both sides: above 1 means rarer than
     * the contamination. 0 when no feature is in a tail. Allocation-free.
     */
    double tailSeverity(double[] x) {
        double logP = 0.0;
        for (int f = 0; f < x.length; f++) {
            double v = x[f];
            if (v > hiStart[f]) {
                logP = Math.min(logP, LOG_TAIL_FRACTION - (v - hiStart[f]) / hiScale[f]);
            } else if (v < loStart[f]) {
                logP = Math.min(logP, LOG_TAIL_FRACTION - (loStart[f] - v) / loScale[f]);
            }
        }
        return Math.max(0.0, (logP + logTailTests) / Math.log(contamination));
    }

    /** Score in (0, 1]; higher is more anomalous. Allocation-free. */
    double score(double[] features) {
        return forest.score(features);
    }

    IsolationScorer forest() {
        return forest;
    }

    int version() {
        return version;
    }

    int rows() {
        return rows;
    }

    int subsample() {
        return subsample;
    }

    double threshold() {
        return threshold;
    }

    double oobMean() {
        return oobMean;
    }

    double oobStd() {
        return oobStd;
    }

    /** 1st percentile of feature {@code f} over the training rows. */
    double low(int f) {
        return low[f];
    }

    double median(int f) {
        return median[f];
    }

    /** 99th percentile of feature {@code f} over the training rows. */
    double high(int f) {
        return high[f];
    }
}
