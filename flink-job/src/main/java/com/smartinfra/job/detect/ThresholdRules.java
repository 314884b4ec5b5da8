package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;

/** The fixed limits (CPU > 85 %, memory > 90 %, disk > 95 % by default): a breach is an anomaly. */
final class ThresholdRules {
    private final boolean enabled;
    private final Metric[] metrics = Metric.values();
    private final double[] limits;
    private final String[] names;

    ThresholdRules(DetectorConfig config) {
        this.enabled = config.rulesEnabled();
        this.limits = new double[metrics.length];
        this.names = new String[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            limits[i] = config.limitOf(metrics[i]);
            names[i] = metrics[i].label() + ">" + Explainer.compact(limits[i]);
        }
    }

    /** The first breached metric, or null; allocation-free. */
    Metric firstBreach(Sample s) {
        if (!enabled) {
            return null;
        }
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].valueOf(s) > limits[i]) {
                return metrics[i];
            }
        }
        return null;
    }

    /** The names of all breached rules joined by {@code ,}, e.g. {@code cpu>85,disk>95}. */
    String reason(Sample s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i].valueOf(s) > limits[i]) {
                if (b.length() > 0) {
                    b.append(',');
                }
                b.append(names[i]);
            }
        }
        return b.toString();
    }

    double limit(Metric m) {
        return limits[m.ordinal()];
    }

    boolean breached(Sample s, Metric m) {
        return enabled && m.valueOf(s) > limits[m.ordinal()];
    }
}
