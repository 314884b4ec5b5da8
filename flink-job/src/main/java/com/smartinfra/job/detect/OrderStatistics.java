package com.smartinfra.job.detect;

/**
 * A few order statistics of an array without sorting all of it (multi-rank quickselect): a model
 * needs five quantiles per feature at each training, and sorting every column was a third of the
 * training's time.
 */
final class OrderStatistics {
    private static final int SMALL = 16;

    private OrderStatistics() {}

    /**
     * Rearranges {@code a[0, n)} so that each position in {@code ranks} (ascending) holds the value
     * an ascending sort would put there, with no greater value before it and no smaller one after
     * it. The values must not be NaN.
     */
    static void select(double[] a, int n, int[] ranks) {
        select(a, 0, n, ranks, 0, ranks.length);
    }

    /**
     * The two positions a linear-interpolation quantile (type 7) of {@code n} sorted values reads
     * for each of {@code qs} (ascending): {@code floor(q * (n - 1))} and the next one.
     */
    static int[] quantileRanks(int n, double... qs) {
        int[] ranks = new int[2 * qs.length];
        for (int k = 0; k < qs.length; k++) {
            int lo = (int) Math.floor(qs[k] * (n - 1));
            ranks[2 * k] = lo;
            ranks[2 * k + 1] = Math.min(lo + 1, n - 1);
        }
        return ranks;
    }

    private static void select(double[] a, int lo, int hi, int[] ranks, int rlo, int rhi) {
        while (rlo < rhi) {
            if (hi - lo <= SMALL) {
                insertionSort(a, lo, hi);
                return;
            }
            double pivot = medianOfThree(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
            // three-way partition: [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot
            int lt = lo;
            int gt = hi;
            int i = lo;
            while (i < gt) {
                double v = a[i];
                if (v < pivot) {
                    a[i++] = a[lt];
                    a[lt++] = v;
                } else if (v > pivot) {
                    a[i] = a[--gt];
                    a[gt] = v;
                } else {
                    i++;
                }
            }
            int left = rlo;
            while (left < rhi && ranks[left] < lt) {
                left++;
            }
            int right = left;
            while (right < rhi && ranks[right] < gt) {
                right++;
            }
            select(a, lo, lt, ranks, rlo, left);
            lo = gt;
            rlo = right;
        }
    }

    /** Sorts {@code a[lo, hi)} ascending. */
    static void insertionSort(double[] a, int lo, int hi) {
        for (int i = lo + 1; i < hi; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= lo && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static double medianOfThree(double x, double y, double z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }
}
