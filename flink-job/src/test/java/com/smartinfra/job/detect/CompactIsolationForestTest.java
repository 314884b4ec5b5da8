package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.Sample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The compact forest against Smile's on the same rows, and its reproducibility. */
class CompactIsolationForestTest {
    private static final int DIMS = 6;
    private static final int NORMAL = 1000;
    private static final int OUTLIERS = 12;

    /**
     * Correlated Gaussian rows (as floats, like the training window), then outliers 5 to 9 standard
     * deviations away on half their features.
     */
    private static float[] normalThenOutliers(long seed) {
        Random r = new Random(seed);
        float[] rows = new float[(NORMAL + OUTLIERS) * DIMS];
        for (int i = 0; i < NORMAL + OUTLIERS; i++) {
            double base = r.nextGaussian();
            for (int f = 0; f < DIMS; f++) {
                double v = (f + 1) * (0.6 * base + 0.8 * r.nextGaussian()) + 10 * f;
                if (i >= NORMAL && (f + i) % 2 == 0) {
                    v += (f + 1) * (5 + r.nextDouble() * 4) * (r.nextBoolean() ? 1 : -1);
                }
                rows[i * DIMS + f] = (float) v;
            }
        }
        return rows;
    }

    private static double[] row(float[] rows, int i) {
        double[] x = new double[DIMS];
        for (int f = 0; f < DIMS; f++) {
            x[f] = rows[i * DIMS + f];
        }
        return x;
    }

    private static double[] scores(IsolationScorer forest, float[] rows, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = forest.score(row(rows, i));
        }
        return out;
    }

    @Test
    void scoresAgreeWithSmilesForestAndRankTheOutliersFirst() {
        float[] data = normalThenOutliers(3);
        int n = NORMAL + OUTLIERS;
        IsolationScorer compact =
                CompactIsolationForest.train(data, n, DIMS, 100, 256, 11L, null, null);
        IsolationScorer smile = SmileForest.train(data, n, DIMS, 100, 256, 0, 11L, null, null);
        double[] a = scores(compact, data, n);
        double[] b = scores(smile, data, n);

        double spearman = pearson(ranks(a), ranks(b));
        System.out.printf(
                "compact vs Smile: Spearman %.4f, Pearson %.4f%n", spearman, pearson(a, b));
        assertThat(spearman).isGreaterThanOrEqualTo(0.9);
        assertThat(pearson(a, b)).isGreaterThanOrEqualTo(0.9);
        // every outlier scores above every normal row, in both forests
        for (double[] s : new double[][] {a, b}) {
            double highestNormal = Arrays.stream(s, 0, NORMAL).max().orElseThrow();
            double lowestOutlier = Arrays.stream(s, NORMAL, n).min().orElseThrow();
            assertThat(lowestOutlier).isGreaterThan(highestNormal);
        }
    }

    @Test
    void sameRowsAndSeedGiveTheSameForestAndScores() {
        float[] data = normalThenOutliers(4);
        int n = NORMAL + OUTLIERS;
        CompactIsolationForest a =
                CompactIsolationForest.train(data, n, DIMS, 50, 128, 99L, null, null);
        // a training of other data in between leaves the scratch buffers dirty
        CompactIsolationForest.train(normalThenOutliers(5), n, DIMS, 30, 64, 1L, null, null);
        CompactIsolationForest b =
                CompactIsolationForest.train(data, n, DIMS, 50, 128, 99L, null, null);
        CompactIsolationForest other =
                CompactIsolationForest.train(data, n, DIMS, 50, 128, 100L, null, null);
        assertThat(b.nodesCopy()).isEqualTo(a.nodesCopy());
        assertThat(scores(b, data, n)).isEqualTo(scores(a, data, n));
        assertThat(other.nodesCopy()).isNotEqualTo(a.nodesCopy());
    }

    @Test
    void eachTreeSeesOnlyItsSubsample() {
        float[] data = normalThenOutliers(6);
        int n = NORMAL + OUTLIERS;
        CompactIsolationForest f =
                CompactIsolationForest.train(data, n, DIMS, 40, 16, 5L, null, null);
        // a tree of 16 rows is at most 4 deep: at most 31 nodes; over 1,012 rows it would be more
        assertThat(f.nodeCount()).isLessThanOrEqualTo(40 * 31).isGreaterThan(40 * 8);
        assertThat(f.trees()).isEqualTo(40);
        assertThatThrownBy(
                        () -> CompactIsolationForest.train(data, 10, DIMS, 4, 11, 1L, null, null))
                .hasMessageContaining("subsample 11");
    }

    @Test
    void rowsThatCannotBeSeparatedGoToTheDepthLimitAndAChangeOnAConstantFeatureIsolates() {
        // 32 identical rows: every split is on a constant feature, so every tree runs to its depth
        // limit of log2(32) = 5 and ends in one leaf of 32 rows: path 5 + c(32) in every tree
        float[] same = new float[64 * DIMS];
        Arrays.fill(same, 3f);
        CompactIsolationForest f =
                CompactIsolationForest.train(same, 64, DIMS, 10, 32, 1L, null, null);
        double c = CompactIsolationForest.averagePathLength(32);
        assertThat(f.score(row(same, 0)))
                .isCloseTo(Math.pow(2.0, -(5 + c) / c), org.assertj.core.data.Offset.offset(1e-6));
        double[] moved = row(same, 0);
        moved[2] = 4.0;
        assertThat(f.score(moved)).isGreaterThan(f.score(row(same, 0)) + 0.05);
        assertThat(CompactIsolationForest.averagePathLength(1)).isZero();
        assertThat(CompactIsolationForest.averagePathLength(2)).isEqualTo(1.0);
    }

    @Test
    void outOfBagPathsCountOnlyTreesThatDidNotSeeTheRow() {
        float[] data = normalThenOutliers(7);
        int n = NORMAL + OUTLIERS;
        double[] sum = new double[n];
        int[] count = new int[n];
        CompactIsolationForest.train(data, n, DIMS, 20, 256, 3L, sum, count);
        int total = 0;
        for (int i = 0; i < n; i++) {
            total += count[i];
            assertThat(count[i]).isBetween(0, 20);
        }
        // each tree leaves n - 256 rows out of its bag
        assertThat(total).isEqualTo(20 * (n - 256));
    }

    /**
     * The out-of-bag rows ride down the tree while it is built; what they add must be the path a
     * walk of the finished tree gives them (one tree: its score is 2^(-path / c)).
     */
    @Test
    void outOfBagPathsAreThePathsTheFinishedTreeGivesTheRow() {
        float[] data = normalThenOutliers(9);
        int n = NORMAL + OUTLIERS;
        int subsample = 128;
        double c = CompactIsolationForest.averagePathLength(subsample);
        for (long seed = 1; seed <= 5; seed++) {
            double[] sum = new double[n];
            int[] count = new int[n];
            CompactIsolationForest tree =
                    CompactIsolationForest.train(data, n, DIMS, 1, subsample, seed, sum, count);
            int outOfBag = 0;
            for (int i = 0; i < n; i++) {
                if (count[i] == 0) {
                    continue;
                }
                outOfBag++;
                double walked = -c * Math.log(tree.score(row(data, i))) / Math.log(2.0);
                assertThat(sum[i])
                        .as("row %d, seed %d", i, seed)
                        .isCloseTo(walked, org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(outOfBag).isEqualTo(n - subsample);
        }
    }

    @Test
    void scoringDoesNotAllocate() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(
                mx instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        float[] data = normalThenOutliers(8);
        int n = NORMAL + OUTLIERS;
        CompactIsolationForest f =
                CompactIsolationForest.train(data, n, DIMS, 50, 256, 3L, null, null);
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = row(data, i);
        }
        double sink = 0;
        for (double[] x : xs) {
            sink += f.score(x); // warm-up
        }
        long tid = Thread.currentThread().getId();
        long before = hs.getThreadAllocatedBytes(tid);
        for (double[] x : xs) {
            sink += f.score(x);
        }
        long perScore = (hs.getThreadAllocatedBytes(tid) - before) / n;
        assertThat(sink).isPositive();
        assertThat(perScore).isLessThan(8);
    }

    /** A host restored from its checkpoint rebuilds the model that scores exactly the same. */
    @Test
    void aRestoredHostScoresBitForBitTheSame() throws IOException {
        DetectorConfig c = DetectorConfig.defaults();
        Samples s = new Samples("db-3", 41, 10_000L);
        HostDetector original = new HostDetector("db-3", c);
        for (int i = 0; i < 500; i++) {
            original.process(s.next());
        }
        assertThat(original.modelVersion()).isPositive();
        HostDetector restored = HostDetector.fromBytes(original.toBytes(), c);
        assertThat(restored.model()).isNotSameAs(original.model());
        assertThat(restored.model().version()).isEqualTo(original.model().version());
        for (int i = 0; i < 200; i++) {
            Sample x = i % 20 == 0 ? s.at(90, 30, 40) : s.next();
            original.judge(x);
            restored.judge(x);
            assertThat(restored.lastScore()).isEqualTo(original.lastScore());
        }
    }

    private static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] rank = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[order[k]] = (i + j) / 2.0; // ties share their mean rank
            }
            i = j + 1;
        }
        return rank;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
