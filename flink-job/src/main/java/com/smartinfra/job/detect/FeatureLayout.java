package com.smartinfra.job.detect;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * What the isolation forest sees of a sample: which metrics, and which derived features per metric.
 *
 * @param modelMetrics the metrics, in feature order
 * @param deltaFeatures adds {@code x(t) - x(t-1)} per metric: sudden jumps inside the usual range
 * @param rollingWindow length k of the short rolling statistics per metric (0 = off): the deviation
 *     of the value from the mean of the previous k values, and the standard deviation of the last k
 * @param shingle number of previous values per metric appended to the features (0 = off)
 * @param seasonPeriod samples per season (0 = off): adds {@code x(t) - x(t - period)} per metric.
 *     Meant for coarse sampling (a day of 5-minute samples is 288): the state keeps a period.
 */
public record FeatureLayout(
        List<Metric> modelMetrics,
        boolean deltaFeatures,
        int rollingWindow,
        int shingle,
        int seasonPeriod)
        implements Serializable {

    public FeatureLayout {
        modelMetrics = Collections.unmodifiableList(new ArrayList<>(modelMetrics));
    }

    /**
     * Features per metric: the value, then delta, rolling deviation and std, seasonal change, then
     * the shingle.
     */
    public int featuresPerMetric() {
        return 1
                + (deltaFeatures ? 1 : 0)
                + (rollingWindow > 0 ? 2 : 0)
                + (seasonPeriod > 0 ? 1 : 0)
                + shingle;
    }

    public int featureCount() {
        return modelMetrics.size() * featuresPerMetric();
    }

    /** Values of history kept per metric for the derived features. */
    public int historyLength() {
        return Math.max(1, Math.max(rollingWindow, shingle));
    }

    void validate(SettingNames names) {
        if (modelMetrics.isEmpty()) {
            throw names.invalid("modelMetrics", "must name at least one metric");
        }
        if (EnumSet.copyOf(modelMetrics).size() != modelMetrics.size()) {
            throw names.invalid("modelMetrics", "names a metric twice: " + modelMetrics);
        }
        names.requireRange("rollingWindow", rollingWindow, 0, 64);
        if (rollingWindow == 1) {
            throw names.invalid("rollingWindow", "must be 0 (off) or at least 2, was 1");
        }
        names.requireRange("shingle", shingle, 0, 16);
        names.requireRange("seasonPeriod", seasonPeriod, 0, 2048);
    }

    @Override
    public String toString() {
        return "metrics="
                + modelMetrics
                + ", delta="
                + deltaFeatures
                + ", rolling="
                + rollingWindow
                + ", shingle="
                + shingle
                + ", seasonPeriod="
                + seasonPeriod;
    }
}
