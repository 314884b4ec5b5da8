package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;

/**
 * The verdict on one sample, without learning from it: its features, the first threshold rule it
 * breaches, the model's score and severity and whether the model flags it. A model anomaly is a
 * score above the host's calibrated threshold, or a feature beyond its own calibrated tail (the
 * forest gives every point outside the training range the same path length, so it cannot tell how
 * far outside a point is). Allocation-free: the features go to a reused array.
 */
final class SampleJudge {
    private final ThresholdRules rules;
    private final FeatureExtractor features;
    private final double[] row;

    private double score = Double.NaN;
    private double severity = Double.NaN;
    private boolean modelFlagged;

    SampleJudge(ThresholdRules rules, FeatureExtractor features) {
        this.rules = rules;
        this.features = features;
        this.row = new double[features.dimensions()];
    }

    /**
     * Judges {@code s} under {@code m} (null: no model); returns the first breached rule or null.
     */
    Metric judge(Sample s, ForestModel m) {
        features.extract(s, row);
        double sc = Double.NaN;
        double sev = Double.NaN;
        boolean flagged = false;
        if (m != null) {
            sc = m.score(row);
            double tail = m.tailSeverity(row);
            flagged = sc > m.threshold() || tail > 1.0;
            sev = Math.max(m.severity(sc), tail);
        }
        score = sc;
        severity = sev;
        modelFlagged = flagged;
        return rules.firstBreach(s);
    }

    /** The features of the last judged sample (a reused array). */
    double[] features() {
        return row;
    }

    /** The model's score of the last sample, or NaN without a model. */
    double score() {
        return score;
    }

    double severity() {
        return severity;
    }

    boolean modelFlagged() {
        return modelFlagged;
    }
}
