package com.smartinfra.job.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import smile.anomaly.IsolationForest;
import smile.anomaly.IsolationTree;
import smile.math.MathEx;
import smile.stat.distribution.GaussianDistribution;

/**
 * A Smile {@link IsolationForest} built reproducibly: the extended isolation forest (extension
 * level above 0, which {@link CompactIsolationForest} does not do) and the reference the compact
 * forest is tested against.
 *
 * <p>Why this way: Smile's {@code IsolationForest.fit} ignores its subsample rate and trains in
 * parallel with unseeded randomness. Here every tree gets its own seeded subsample and is built
 * with {@code new IsolationTree(rows, maxDepth, extensionLevel)} on the calling thread right after
 * {@link MathEx#setSeed(long)} (Smile's per-thread generator). The one other source of randomness
 * in a tree is the shared {@link GaussianDistribution#getInstance()} singleton, which caches the
 * second value of each Box-Muller pair across calls and threads; {@link #clearGaussianSpare()}
 * brings it to the no-cached-value state through its public API, and a process-wide lock keeps
 * other Smile trainings from touching it meanwhile. Same rows + same seed = the same forest.
 */
final class SmileForest implements IsolationScorer {
    /** Guards Smile's shared Gaussian singleton (and so every Smile tree build) in this JVM. */
    private static final Object TRAINING_LOCK = new Object();

    private static final long PROBE_SEED = 0x5eed_5eedL;

    private final IsolationForest forest;

    private SmileForest(IsolationForest forest) {
        this.forest = forest;
    }

    /** As {@link CompactIsolationForest#train}, with Smile's trees at {@code extensionLevel}. */
    static SmileForest train(
            float[] rows,
            int n,
            int dims,
            int trees,
            int subsample,
            int extensionLevel,
            long seed,
            double[] oobPathSum,
            int[] oobPathCount) {
        double[][] data = new double[n][dims];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < dims; f++) {
                data[i][f] = rows[i * dims + f];
            }
        }
        int maxDepth = Math.max(1, (int) Math.ceil(Math.log(subsample) / Math.log(2)));
        SplittableRandom rng = new SplittableRandom(seed);
        IsolationTree[] built = new IsolationTree[trees];
        int[][] bags = new int[trees][];
        int[] index = new int[n];
        List<double[]> bag = new ArrayList<>(subsample);
        synchronized (TRAINING_LOCK) {
            // one known starting state; from there every draw, and so every tree, is determined
            clearGaussianSpare();
            MathEx.setSeed(rng.nextLong());
            for (int t = 0; t < trees; t++) {
                for (int i = 0; i < n; i++) {
                    index[i] = i;
                }
                // partial Fisher-Yates: the first `subsample` entries are the bag
                for (int i = 0; i < subsample; i++) {
                    int j = i + rng.nextInt(n - i);
                    int tmp = index[i];
                    index[i] = index[j];
                    index[j] = tmp;
                }
                bags[t] = Arrays.copyOf(index, subsample);
                bag.clear();
                for (int i = 0; i < subsample; i++) {
                    bag.add(data[index[i]]);
                }
                built[t] = new IsolationTree(bag, maxDepth, extensionLevel);
            }
        }
        if (oobPathSum != null) {
            boolean[] inBag = new boolean[n];
            for (int t = 0; t < trees; t++) {
                Arrays.fill(inBag, false);
                for (int i : bags[t]) {
                    inBag[i] = true;
                }
                for (int i = 0; i < n; i++) {
                    if (!inBag[i]) {
                        oobPathSum[i] += built[t].path(data[i]);
                        oobPathCount[i]++;
                    }
                }
            }
        }
        return new SmileForest(new IsolationForest(subsample, extensionLevel, built));
    }

    @Override
    public double score(double[] x) {
        return forest.score(x);
    }

    IsolationForest forest() {
        return forest;
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
}
