package com.smartinfra.job.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * One trained model of one host: a Smile {@link IsolationForest} built reproducibly from a training
 * set and a seed, its threshold calibrated on out-of-bag scores, and the per-feature quantiles that
 * explanations quote.
 *
 * <p>Why reproducible: Smile's {@code IsolationForest.fit} ignores its subsample rate and trains in
 * parallel with unseeded randomness. Here every tree gets its own seeded subsample and is built
 * with {@code new IsolationTree(rows, maxDepth, extensionLevel)} on the calling thread right after
 * {@link MathEx#setSeed(long)} (Smile's per-thread generator). The one other source of randomness
 * in a tree is the shared {@link GaussianDistribution#getInstance()} singleton, which caches the
 * second value of each Box-Muller pair across calls and threads; {@link #clearGaussianSpare()}
 * brings it to the no-cached-value state through its public API, and a process-wide lock keeps
 * other trainings from touching it meanwhile. Same rows + same seed = the same forest, bit for bit,
 * so a checkpoint need only hold the rows (see {@link HostDetector#toBytes()}).
 */
final class ForestModel {
    /** Guards Smile's shared Gaussian singleton (and so every tree build) in this JVM. */
    private static final Object TRAINING_LOCK = new Object();

    // every forest built in this JVM (trainings and rebuilds after a restore): a sample must never
    // cost one beyond its host's own retraining (see HostDetector#copy)
    private static final LongAdder BUILDS = new LongAdder();

    private static final long PROBE_SEED = 0x5eed_5eedL;
    private static final double EULER = 0.5772156649;

    /** Share of the out-of-bag scores whose excesses calibrate the tail. */
    static final double TAIL_FRACTION = 0.1;

    private static final double LOG_TAIL_FRACTION = Math.log(TAIL_FRACTION);

    private static final double MIN_TAIL_SCALE = 1e-9;

    /** Tail scales are at least this share of the metric's magnitude: flat metrics may move. */
    private static final double MIN_RELATIVE_TAIL_SCALE = 1e-3;

    private final IsolationForest forest;
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
            IsolationForest forest,
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

    /**
     * Trains on {@code data} (at least 8 rows). Each tree gets {@code min(subsample, rows / 2)}
     * rows drawn without replacement, so each row is out of bag for about half the trees; the
     * threshold is the {@code 1 - contamination} quantile of those out-of-bag scores times the
     * margin.
     */
    /** Forests built in this JVM so far. */
    static long builds() {
        return BUILDS.sum();
    }

    static ForestModel train(double[][] data, DetectorConfig config, long seed, int version) {
        return train(data, config, seed, version, null, null);
    }

    /**
     * As {@link #train(double[][], DetectorConfig, long, int)}, with per-feature tails for the
     * features marked in {@code tailed}; {@code scaleOf[f]} is the feature whose typical magnitude
     * bounds the tail scales of {@code f} from below (the metric's value).
     */
    static ForestModel train(
            double[][] data,
            DetectorConfig config,
            long seed,
            int version,
            boolean[] tailed,
            int[] scaleOf) {
        int n = data.length;
        if (n < 8) {
            throw new IllegalArgumentException("need at least 8 training rows, got " + n);
        }
        BUILDS.increment();
        int psi = Math.max(2, Math.min(config.subsample(), n / 2));
        int maxDepth = Math.max(1, (int) Math.ceil(Math.log(psi) / Math.log(2)));
        int ext = config.extensionLevel();
        int treeCount = config.trees();
        SplittableRandom rng = new SplittableRandom(seed);
        IsolationTree[] trees = new IsolationTree[treeCount];
        int[][] bags = new int[treeCount][];
        int[] index = new int[n];
        List<double[]> bag = new ArrayList<>(psi);
        synchronized (TRAINING_LOCK) {
            // one known starting state; from there every draw, and so every tree, is determined
            clearGaussianSpare();
            MathEx.setSeed(rng.nextLong());
            for (int t = 0; t < treeCount; t++) {
                for (int i = 0; i < n; i++) {
                    index[i] = i;
                }
                // partial Fisher-Yates: the first psi entries are the bag
                for (int i = 0; i < psi; i++) {
                    int j = i + rng.nextInt(n - i);
                    int tmp = index[i];
                    index[i] = index[j];
                    index[j] = tmp;
                }
                bags[t] = Arrays.copyOf(index, psi);
                bag.clear();
                for (int i = 0; i < psi; i++) {
                    bag.add(data[index[i]]);
                }
                trees[t] = new IsolationTree(bag, maxDepth, ext);
            }
        }
        IsolationForest forest = new IsolationForest(psi, ext, trees);

        // out-of-bag scores: each row scored only by the trees that did not see it
        double[] pathSum = new double[n];
        int[] pathCount = new int[n];
        boolean[] inBag = new boolean[n];
        for (int t = 0; t < treeCount; t++) {
            Arrays.fill(inBag, false);
            for (int i : bags[t]) {
                inBag[i] = true;
            }
            for (int i = 0; i < n; i++) {
                if (!inBag[i]) {
                    pathSum[i] += trees[t].path(data[i]);
                    pathCount[i]++;
                }
            }
        }
        double c = averagePathLength(psi);
        double[] oob = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (pathCount[i] > 0) {
                oob[m++] = Math.pow(2.0, -(pathSum[i] / pathCount[i]) / c);
            }
        }
        if (m == 0) {
            // a single tree sees every row at most once out of bag; fall back to in-sample scores
            for (int i = 0; i < n; i++) {
                oob[m++] = forest.score(data[i]);
            }
        }
        oob = Arrays.copyOf(oob, m);
        double mean = 0.0;
        for (double v : oob) {
            mean += v;
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
        double tailStart = quantileSorted(oob, 1.0 - TAIL_FRACTION);
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

        int dims = data[0].length;
        double[] low = new double[dims];
        double[] median = new double[dims];
        double[] high = new double[dims];
        double[] col = new double[n];
        for (int f = 0; f < dims; f++) {
            for (int i = 0; i < n; i++) {
                col[i] = data[i][f];
            }
            Arrays.sort(col);
            low[f] = quantileSorted(col, 0.01);
            median[f] = quantileSorted(col, 0.5);
            high[f] = quantileSorted(col, 0.99);
        }
        // per-feature tails: isolation forests give every point beyond the training range the
        // same path length, so how far beyond is measured on each feature's own fitted tail
        double[] hiStart = new double[dims];
        double[] hiScale = new double[dims];
        double[] loStart = new double[dims];
        double[] loScale = new double[dims];
        int tailedCount = 0;
        for (int f = 0; f < dims; f++) {
            if (tailed == null || !tailed[f]) {
                hiStart[f] = Double.POSITIVE_INFINITY;
                loStart[f] = Double.NEGATIVE_INFINITY;
                continue;
            }
            tailedCount++;
            for (int i = 0; i < n; i++) {
                col[i] = data[i][f];
            }
            Arrays.sort(col);
            int g = scaleOf == null ? f : scaleOf[f];
            double floor =
                    MIN_RELATIVE_TAIL_SCALE * (Math.abs(median[g]) + (high[g] - low[g]))
                            + MIN_TAIL_SCALE;
            hiStart[f] = quantileSorted(col, 1.0 - TAIL_FRACTION);
            loStart[f] = quantileSorted(col, TAIL_FRACTION);
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
            hiScale[f] = Math.max(floor, ku == 0 ? 0.0 : up / ku);
            loScale[f] = Math.max(floor, kd == 0 ? 0.0 : down / kd);
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

    /**
     * Leaves Smile's shared Gaussian generator with no cached Box-Muller value, using only its
     * public API: after a fresh seed, a call that returns the cached value draws nothing from the
     * uniform generator, a call that computes a new pair draws from it (and caches the second).
     */
    private static void clearGaussianSpare() {
        GaussianDistribution g = GaussianDistribution.getInstance();
        MathEx.setSeed(PROBE_SEED);
        double first = MathEx.random();
        MathEx.setSeed(PROBE_SEED);
        g.rand();
        if (MathEx.random() != first) {
            g.rand(); // that call computed a pair and cached one: consume it
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

    /** Average path length of an unsuccessful search in a binary search tree of n nodes. */
    static double averagePathLength(int n) {
        return 2.0 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1.0) / n;
    }

    /** Linear-interpolation quantile (type 7) of sorted values. */
    static double quantileSorted(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
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

    IsolationForest forest() {
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
