package com.smartinfra.job.detect;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An isolation forest (Liu, Ting and Zhou, 2008) in one {@code long[]}: each node is one {@code
 * long}, the trees laid out one after the other in pre-order, so a node's left child is the next
 * node and only the right child's index is stored. Axis-parallel splits (extension level 0) on a
 * feature drawn uniformly, at a value drawn uniformly between its minimum and maximum in the node.
 *
 * <p>Node layout: the high 32 bits are a {@code float} (an inner node's split value, or a leaf's
 * path length: its depth plus {@link #averagePathLength c(size)} for the points it did not
 * separate); bits 24..31 the split feature, {@link #LEAF} for a leaf; bits 0..23 the index of the
 * right child. A forest of 50 trees of 192 rows is ~6,000 nodes, 49 KB in one array (Smile's object
 * trees of the same forest take ~670 KB spread over the heap), and a score walks it without
 * allocating.
 *
 * <p>Training reads the rows from a flat {@code float} matrix through an index array, with scratch
 * buffers reused per thread, and draws every random number from one {@link SplittableRandom}: the
 * same rows and seed give the same forest, bit for bit, on any thread, which is what lets a
 * checkpoint hold only the rows.
 */
final class CompactIsolationForest implements IsolationScorer {
    private static final int LEAF = 0xFF;
    private static final int MAX_FEATURES = LEAF;
    private static final int MAX_NODES = 1 << 24;
    private static final double EULER = 0.5772156649;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final long[] nodes;
    private final int[] roots;
    private final double normaliser;

    private CompactIsolationForest(long[] nodes, int[] roots, int subsample) {
        this.nodes = nodes;
        this.roots = roots;
        this.normaliser = roots.length * averagePathLength(subsample);
    }

    /**
     * Trains {@code trees} trees, each on {@code subsample} of the {@code n} rows of {@code rows}
     * ({@code n * dims} values, row after row) drawn without replacement, at most {@code
     * ceil(log2(subsample))} deep. When {@code oobPathSum} and {@code oobPathCount} are given (at
     * least {@code n} long), each row's path length in every tree that did not see it is added
     * there: the out-of-bag scores the threshold is calibrated on.
     */
    static CompactIsolationForest train(
            float[] rows,
            int n,
            int dims,
            int trees,
            int subsample,
            long seed,
            double[] oobPathSum,
            int[] oobPathCount) {
        if (subsample < 2 || subsample > n) {
            throw new IllegalArgumentException(
                    "subsample " + subsample + " must be within 2.." + n + " rows");
        }
        if (dims < 1 || dims > MAX_FEATURES) {
            throw new IllegalArgumentException("1.." + MAX_FEATURES + " features, got " + dims);
        }
        // depth is at most ceil(log2(subsample)), so a tree has at most 2^(depth + 1) - 1 nodes
        long most = (long) trees * ((2L << depthLimit(subsample)) - 1);
        if (most > MAX_NODES) {
            throw new IllegalArgumentException(
                    trees + " trees of " + subsample + " rows exceed " + MAX_NODES + " nodes");
        }
        Scratch s = SCRATCH.get();
        s.ensure(n, (int) most);
        Builder b =
                new Builder(
                        rows,
                        dims,
                        s,
                        new SplittableRandom(seed),
                        subsample,
                        oobPathSum,
                        oobPathCount);
        int[] roots = new int[trees];
        int[] index = s.index;
        for (int t = 0; t < trees; t++) {
            for (int i = 0; i < n; i++) {
                index[i] = i;
            }
            // partial Fisher-Yates: the first `subsample` entries are the tree's rows, the rest
            // are out of its bag
            for (int i = 0; i < subsample; i++) {
                int j = i + b.rng.nextInt(n - i);
                int tmp = index[i];
                index[i] = index[j];
                index[j] = tmp;
            }
            roots[t] = b.count;
            b.build(0, subsample, oobPathSum != null ? subsample : n, n, 0);
        }
        return new CompactIsolationForest(Arrays.copyOf(s.nodes, b.count), roots, subsample);
    }

    /** Score in (0, 1]: {@code 2^(-mean path length / c(subsample))}. Allocation-free. */
    @Override
    public double score(double[] x) {
        long[] ns = nodes;
        double sum = 0.0;
        for (int root : roots) {
            int i = root;
            while (true) {
                long node = ns[i];
                int meta = (int) node;
                int feature = meta >>> 24;
                float value = Float.intBitsToFloat((int) (node >>> 32));
                if (feature == LEAF) {
                    sum += value;
                    break;
                }
                i = x[feature] < value ? i + 1 : meta & 0xFFFFFF;
            }
        }
        return Math.pow(2.0, -sum / normaliser);
    }

    int trees() {
        return roots.length;
    }

    int nodeCount() {
        return nodes.length;
    }

    /** Heap the model's arrays take (headers included). */
    long sizeBytes() {
        return 16L + 8L * nodes.length + 16L + 4L * roots.length;
    }

    /** The nodes, for tests that compare two forests bit for bit. */
    long[] nodesCopy() {
        return nodes.clone();
    }

    /**
     * Average path length of an unsuccessful search in a binary search tree of {@code n} nodes:
     * what a leaf that still holds {@code n} points adds to its depth.
     */
    static double averagePathLength(int n) {
        if (n <= 1) {
            return 0.0;
        }
        if (n == 2) {
            return 1.0;
        }
        return 2.0 * (Math.log(n - 1) + EULER) - 2.0 * (n - 1.0) / n;
    }

    /** Trees stop at {@code ceil(log2(subsample))}, the average depth of a balanced tree. */
    private static int depthLimit(int subsample) {
        return Math.max(1, 32 - Integer.numberOfLeadingZeros(subsample - 1));
    }

    private static long leaf(double pathLength) {
        return ((long) Float.floatToRawIntBits((float) pathLength) << 32) | ((long) LEAF << 24);
    }

    private static long inner(float split, int feature, int right) {
        return ((long) Float.floatToRawIntBits(split) << 32) | ((long) feature << 24) | right;
    }

    /** One training's cursor over the scratch buffers. */
    private static final class Builder {
        private final float[] rows;
        private final int dims;
        private final int[] index;
        private final long[] nodes;
        private final SplittableRandom rng;
        private final int maxDepth;
        private final double[] oobPathSum;
        private final int[] oobPathCount;
        private int count;

        Builder(
                float[] rows,
                int dims,
                Scratch s,
                SplittableRandom rng,
                int subsample,
                double[] oobPathSum,
                int[] oobPathCount) {
            this.rows = rows;
            this.dims = dims;
            this.index = s.index;
            this.nodes = s.nodes;
            this.rng = rng;
            this.maxDepth = depthLimit(subsample);
            this.oobPathSum = oobPathSum;
            this.oobPathCount = oobPathCount;
        }

        /**
         * Builds the subtree of rows {@code index[lo, hi)} at {@code depth} in pre-order. The
         * tree's out-of-bag rows that reach this node, {@code index[oobLo, oobHi)}, go down with
         * it, split the same way, and add the leaf's path length where they end: the same sums a
         * walk of each row through the finished tree gives, in passes over the node's rows instead
         * of one unpredictable branch and dependent load per row and level.
         */
        void build(int lo, int hi, int oobLo, int oobHi, int depth) {
            int node = count++;
            int size = hi - lo;
            if (size <= 1 || depth >= maxDepth) {
                // an empty side of a split on a constant feature is a leaf at its depth
                long leaf = leaf(depth + averagePathLength(size));
                nodes[node] = leaf;
                double pathLength = Float.intBitsToFloat((int) (leaf >>> 32));
                for (int i = oobLo; i < oobHi; i++) {
                    int row = index[i];
                    oobPathSum[row] += pathLength;
                    oobPathCount[row]++;
                }
                return;
            }
            // a uniformly random feature, constant here or not (as Smile's and the paper's forest)
            int feature = rng.nextInt(dims);
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = lo; i < hi; i++) {
                float v = rows[index[i] * dims + feature];
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
            float split;
            if (max > min) {
                split = (float) (min + rng.nextDouble() * ((double) max - min));
                if (!(split > min)) {
                    split = Math.nextUp(min); // keeps the minimum on the left, the maximum right
                }
            } else {
                // constant here: every row goes one way, and the empty side isolates at once a
                // point that differs on a feature that never varied (on a random side)
                split = rng.nextBoolean() ? min : Math.nextUp(min);
            }
            int mid = partition(lo, hi, feature, split);
            int oobMid = partition(oobLo, oobHi, feature, split);
            build(lo, mid, oobLo, oobMid, depth + 1);
            int right = count;
            build(mid, hi, oobMid, oobHi, depth + 1);
            nodes[node] = inner(split, feature, right);
        }

        /**
         * Rows below {@code split} first; returns where the others start. Branch-free (Lomuto with
         * a conditional step): which side a row goes to is a coin flip the CPU cannot predict, and
         * a mispredicted branch per row cost more than the swap it saves. The order within each
         * side does not matter: a node's split reads only its rows' minimum and maximum.
         */
        private int partition(int lo, int hi, int feature, float split) {
            int store = lo;
            for (int i = lo; i < hi; i++) {
                int row = index[i];
                index[i] = index[store];
                index[store] = row;
                store += rows[row * dims + feature] < split ? 1 : 0;
            }
            return store;
        }
    }

    /** Buffers one thread reuses across trainings; they grow, never shrink. */
    private static final class Scratch {
        int[] index = new int[0];
        long[] nodes = new long[0];

        void ensure(int n, int maxNodes) {
            if (index.length < n) {
                index = new int[n];
            }
            if (nodes.length < maxNodes) {
                nodes = new long[maxNodes];
            }
        }
    }
}
