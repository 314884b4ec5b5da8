package com.smartinfra.job.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAB's optimize, score and normalise steps ({@code nab/runner.py}) for one detector's anomaly
 * scores over a corpus: the threshold is the one that maximises the summed score over all files
 * (NAB's sweep optimizer), each file is scored at it, and the total is normalised so that the null
 * detector (never detects) gets 0 and a perfect one (detects each window at its start, nothing
 * else) gets 100.
 */
public final class NabBenchmark {
    private NabBenchmark() {}

    /** One file's anomaly scores and label windows. */
    public static final class Scored {
        public final String name;
        public final long[] timestamps;
        public final double[] anomalyScores;
        public final List<long[]> windows;

        public Scored(
                String name, long[] timestamps, double[] anomalyScores, List<long[]> windows) {
            this.name = name;
            this.timestamps = timestamps;
            this.anomalyScores = anomalyScores;
            this.windows = windows;
        }
    }

    /** A detector's result under one profile. */
    public static final class Result {
        public final NabProfile profile;
        public final double threshold;
        public final Map<String, NabSweeper.ThresholdScore> perFile;
        public final double raw;
        public final double nullScore;
        public final double perfect;

        Result(
                NabProfile profile,
                double threshold,
                Map<String, NabSweeper.ThresholdScore> perFile,
                double raw,
                double nullScore,
                double perfect) {
            this.profile = profile;
            this.threshold = threshold;
            this.perFile = perFile;
            this.raw = raw;
            this.nullScore = nullScore;
            this.perfect = perfect;
        }

        /** {@code 100 * (raw - null) / (perfect - null)}. */
        public double normalized() {
            return 100.0 * (raw - nullScore) / (perfect - nullScore);
        }
    }

    /** Optimises the threshold over the corpus, then scores at it. */
    public static Result score(List<Scored> corpus, NabProfile profile) {
        return scoreAt(corpus, profile, optimizeThreshold(corpus, profile));
    }

    /** The corpus threshold with the highest summed raw score. */
    public static double optimizeThreshold(List<Scored> corpus, NabProfile profile) {
        NabSweeper sweeper = profile.sweeper();
        List<NabSweeper.AnomalyPoint> all = new ArrayList<>();
        for (Scored f : corpus) {
            all.addAll(sweeper.calcSweepScore(f.timestamps, f.anomalyScores, f.windows, f.name));
        }
        return sweeper.optimize(all).threshold;
    }

    /** Scores each file at a given threshold (e.g. a published one). */
    public static Result scoreAt(List<Scored> corpus, NabProfile profile, double threshold) {
        NabSweeper sweeper = profile.sweeper();
        Map<String, NabSweeper.ThresholdScore> perFile = new LinkedHashMap<>();
        double raw = 0.0;
        int windows = 0;
        for (Scored f : corpus) {
            NabSweeper.ThresholdScore s =
                    sweeper.scoreDataSet(
                            f.timestamps, f.anomalyScores, f.windows, f.name, threshold);
            perFile.put(f.name, s);
            raw += s.score;
            windows += f.windows.size();
        }
        return new Result(
                profile,
                threshold,
                perFile,
                raw,
                nullScore(corpus, profile),
                windows * profile.cost().tpWeight);
    }

    /** The raw score of NAB's null detector (anomaly score 0 everywhere) after optimisation. */
    static double nullScore(List<Scored> corpus, NabProfile profile) {
        List<Scored> zeros = new ArrayList<>();
        for (Scored f : corpus) {
            zeros.add(new Scored(f.name, f.timestamps, new double[f.timestamps.length], f.windows));
        }
        double threshold = optimizeThreshold(zeros, profile);
        NabSweeper sweeper = profile.sweeper();
        double raw = 0.0;
        for (Scored f : zeros) {
            raw +=
                    sweeper.scoreDataSet(
                                    f.timestamps, f.anomalyScores, f.windows, f.name, threshold)
                            .score;
        }
        return raw;
    }
}
