package com.smartinfra.job.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The NAB scoring function, ported from Numenta's NAB {@code nab/sweeper.py} (MIT licence, see
 * {@code src/test/resources/nab/LICENSE.txt}): every row gets the score it would earn as a
 * detection (a scaled sigmoid of its position relative to the labelled windows), and a sweep over
 * descending anomaly scores gives the corpus score of every possible threshold.
 *
 * <p>Semantics kept from the original: the first {@code min(floor(0.15 n), 0.15 * 5000)} rows of a
 * file are probationary and not scored; inside a window only the best (earliest) detection counts,
 * weighted {@code tpWeight}; a window without detection costs {@code fnWeight}; each detection
 * outside a window costs {@code fpWeight} times a sigmoid of its distance past the preceding window
 * (the full weight when no window precedes it). Rows are matched to window limits by exact
 * timestamp.
 */
public final class NabSweeper {
    /** Weights of one NAB application profile. */
    public static final class CostMatrix {
        public final double tpWeight;
        public final double fpWeight;
        public final double fnWeight;

        public CostMatrix(double tpWeight, double fpWeight, double fnWeight) {
            this.tpWeight = tpWeight;
            this.fpWeight = fpWeight;
            this.fnWeight = fnWeight;
        }
    }

    /** One row ready for scoring: its anomaly score, detection score and window (if any). */
    public static final class AnomalyPoint {
        public final long timestamp;
        public final double anomalyScore;
        public final double sweepScore;

        /** {@code file|windowStart}, null outside windows; probationary rows are flagged. */
        public final String windowName;

        public final boolean probationary;

        AnomalyPoint(
                long timestamp,
                double anomalyScore,
                double sweepScore,
                String windowName,
                boolean probationary) {
            this.timestamp = timestamp;
            this.anomalyScore = anomalyScore;
            this.sweepScore = sweepScore;
            this.windowName = windowName;
            this.probationary = probationary;
        }
    }

    /**
     * The outcome of one threshold: detections are rows with anomaly score {@code >= threshold}.
     */
    public static final class ThresholdScore {
        public final double threshold;
        public final double score;
        public final int tp;
        public final int tn;
        public final int fp;
        public final int fn;
        public final int total;

        ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn, int total) {
            this.threshold = threshold;
            this.score = score;
            this.tp = tp;
            this.tn = tn;
            this.fp = fp;
            this.fn = fn;
            this.total = total;
        }

        @Override
        public String toString() {
            return String.format(
                    java.util.Locale.ROOT,
                    "threshold=%s score=%.6f tp=%d tn=%d fp=%d fn=%d",
                    threshold,
                    score,
                    tp,
                    tn,
                    fp,
                    fn);
        }
    }

    private final double probationPercent;
    private final CostMatrix cost;

    public NabSweeper(double probationPercent, CostMatrix cost) {
        this.probationPercent = probationPercent;
        this.cost = cost;
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * -1 at the left edge of a window gives 0.98661, 0 at its right edge 0, positions past it give
     * increasingly negative values, and beyond 3 exactly -1.
     */
    static double scaledSigmoid(double relativePositionInWindow) {
        if (relativePositionInWindow > 3.0) {
            return -1.0;
        }
        return 2.0 * sigmoid(-5.0 * relativePositionInWindow) - 1.0;
    }

    double probationaryLength(int rows) {
        return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
    }

    /** The scoring rows of one file; {@code windows} are [start, end] timestamps in order. */
    public List<AnomalyPoint> calcSweepScore(
            long[] timestamps, double[] anomalyScores, List<long[]> windows, String dataSetName) {
        if (timestamps.length != anomalyScores.length) {
            throw new IllegalArgumentException(
                    dataSetName
                            + ": "
                            + timestamps.length
                            + " timestamps but "
                            + anomalyScores.length
                            + " anomaly scores");
        }
        List<AnomalyPoint> out = new ArrayList<>(timestamps.length);
        double maxTp = scaledSigmoid(-1.0);
        double probationaryLength = probationaryLength(timestamps.length);
        int nextWindow = 0;
        long[] cur = null;
        String curName = null;
        double curWidth = 0;
        int curRight = -1;
        double prevWidth = 0;
        int prevRight = -1;
        for (int i = 0; i < timestamps.length; i++) {
            long t = timestamps[i];
            if (nextWindow < windows.size() && t == windows.get(nextWindow)[0]) {
                cur = windows.get(nextWindow++);
                curName = dataSetName + "|" + cur[0];
                curRight = indexOf(timestamps, cur[1], dataSetName);
                curWidth = curRight - indexOf(timestamps, cur[0], dataSetName) + 1;
            }
            double weighted;
            if (cur != null) {
                double position = -(curRight - i + 1) / curWidth;
                weighted = scaledSigmoid(position) * cost.tpWeight / maxTp;
            } else {
                double unweighted;
                if (prevRight < 0) {
                    unweighted = -1.0;
                } else {
                    double positionPastWindow = Math.abs(prevRight - i) / (prevWidth - 1.0);
                    unweighted = scaledSigmoid(positionPastWindow);
                }
                weighted = unweighted * cost.fpWeight;
            }
            boolean probationary = i < probationaryLength;
            out.add(
                    new AnomalyPoint(
                            t,
                            anomalyScores[i],
                            weighted,
                            probationary ? null : curName,
                            probationary));
            if (cur != null && t == cur[1]) {
                prevRight = i;
                prevWidth = curWidth;
                cur = null;
                curName = null;
            }
        }
        return out;
    }

    private static int indexOf(long[] timestamps, long t, String dataSetName) {
        for (int i = 0; i < timestamps.length; i++) {
            if (timestamps[i] == t) {
                return i;
            }
        }
        throw new IllegalArgumentException(
                dataSetName + ": window limit " + t + " is not a timestamp of the file");
    }

    /**
     * Scores every threshold: the result starts at 1.1 (no detection) and has one entry per
     * distinct anomaly score, in descending order, each counting the rows with a score at least
     * that high.
     */
    public List<ThresholdScore> calcScoreByThreshold(List<AnomalyPoint> anomalyList) {
        List<AnomalyPoint> scorable = new ArrayList<>(anomalyList.size());
        for (AnomalyPoint p : anomalyList) {
            if (!p.probationary) {
                scorable.add(p);
            }
        }
        // stable, as Python's sorted(): equal scores keep their order
        scorable.sort(Comparator.comparingDouble((AnomalyPoint p) -> p.anomalyScore).reversed());

        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("fp", 0.0);
        for (AnomalyPoint p : scorable) {
            if (p.windowName != null) {
                parts.put(p.windowName, -cost.fnWeight);
            }
        }
        double fpPart = 0.0;
        String[] names = parts.keySet().toArray(new String[0]);
        Map<String, Integer> slot = new LinkedHashMap<>();
        double[] windowParts = new double[names.length];
        for (int i = 1; i < names.length; i++) {
            slot.put(names[i], i);
            windowParts[i] = -cost.fnWeight;
        }

        List<ThresholdScore> result = new ArrayList<>();
        double curThreshold = 1.1;
        int tn = 0;
        int fn = 0;
        for (AnomalyPoint p : scorable) {
            if (p.windowName == null) {
                tn++;
            } else {
                fn++;
            }
        }
        int tp = 0;
        int fp = 0;
        for (AnomalyPoint p : scorable) {
            if (p.anomalyScore != curThreshold) {
                result.add(
                        new ThresholdScore(
                                curThreshold,
                                sum(fpPart, windowParts),
                                tp,
                                tn,
                                fp,
                                fn,
                                tp + tn + fp + fn));
                curThreshold = p.anomalyScore;
            }
            if (p.windowName != null) {
                tp++;
                fn--;
                int s = slot.get(p.windowName);
                windowParts[s] = Math.max(windowParts[s], p.sweepScore);
            } else {
                fp++;
                tn--;
                fpPart += p.sweepScore;
            }
        }
        result.add(
                new ThresholdScore(
                        curThreshold, sum(fpPart, windowParts), tp, tn, fp, fn, tp + tn + fp + fn));
        return result;
    }

    private static double sum(double fpPart, double[] windowParts) {
        // the order of Python's sum(scoreParts.values()): "fp" first, then windows as inserted
        double s = 0.0;
        s += fpPart;
        for (int i = 1; i < windowParts.length; i++) {
            s += windowParts[i];
        }
        return s;
    }

    /**
     * The score of one file at {@code threshold}: the row of the sweep whose threshold equals it,
     * else the last one above it. (The original returns nothing below the lowest anomaly score;
     * here that is the row where everything is a detection, which is what it means.)
     */
    public ThresholdScore scoreDataSet(
            long[] timestamps,
            double[] anomalyScores,
            List<long[]> windows,
            String dataSetName,
            double threshold) {
        return matching(
                calcScoreByThreshold(
                        calcSweepScore(timestamps, anomalyScores, windows, dataSetName)),
                threshold);
    }

    static ThresholdScore matching(List<ThresholdScore> byThreshold, double threshold) {
        ThresholdScore prev = null;
        for (ThresholdScore s : byThreshold) {
            if (s.threshold == threshold) {
                return s;
            } else if (s.threshold < threshold) {
                return prev;
            }
            prev = s;
        }
        return prev;
    }

    /** The best threshold over many files' rows (NAB's optimizer): highest score, first wins. */
    public ThresholdScore optimize(List<AnomalyPoint> allRows) {
        ThresholdScore best = null;
        for (ThresholdScore s : calcScoreByThreshold(allRows)) {
            if (best == null || s.score > best.score) {
                best = s;
            }
        }
        return best;
    }
}
