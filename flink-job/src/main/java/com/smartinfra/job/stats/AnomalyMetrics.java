package com.smartinfra.job.stats;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.InfluxSchema;

/**
 * Which metrics an anomaly is about, from what the detector writes.
 *
 * <ul>
 *   <li>A rule is named by its metric: {@code cpu>85,disk>95} names cpu and disk (the alert causes
 *       split reasons the same way).
 *   <li>A model anomaly ({@value Anomaly#MODEL}) carries no structured metric: its explanation
 *       lists the metrics that drove it first, each segment starting with the metric's name ({@code
 *       "memory 64.3 % — expected …; disk 31.5 % (…)"}, or {@code "unusual combination: cpu …"}).
 *       Those names are read back; an explanation that names none leaves the anomaly counted for
 *       the host and the model, but for no metric. {@code AnomalyMetricsTest} runs the real
 *       detector so that a change of that wording fails a test rather than silently emptying the
 *       per-metric rates.
 * </ul>
 *
 * Only the metrics of {@link InfluxSchema#STATS_METRICS} get a bit; a rule on another metric counts
 * as a rule anomaly of the host.
 */
final class AnomalyMetrics {
    /** The prefix the detector puts before the metric of an "unusual combination". */
    private static final String COMBINATION = "unusual combination: ";

    private AnomalyMetrics() {}

    /** What an anomaly names: rule and model flags and metric bits. */
    record Named(boolean rule, boolean model, int ruleMetrics, int metrics) {}

    static Named of(String reason, String explanation) {
        boolean rule = false;
        boolean model = false;
        int ruleMetrics = 0;
        String r = reason == null || reason.isBlank() ? Anomaly.MODEL : reason;
        for (String part : r.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (name.equals(Anomaly.MODEL)) {
                model = true;
            } else {
                rule = true;
                ruleMetrics |= bit(metricOfRule(name));
            }
        }
        int metrics = ruleMetrics;
        if (model && explanation != null) {
            metrics |= explained(explanation);
        }
        return new Named(rule, model, ruleMetrics, metrics);
    }

    /** {@code cpu>85} → {@code cpu}: the name before the first comparison operator. */
    static String metricOfRule(String rule) {
        for (int i = 0; i < rule.length(); i++) {
            char c = rule.charAt(i);
            if (c == '<' || c == '>' || c == '=') {
                return rule.substring(0, i);
            }
        }
        return rule;
    }

    /** The metrics an explanation lists as the ones that drove a model anomaly. */
    static int explained(String explanation) {
        int bits = 0;
        for (String segment : explanation.split("; ")) {
            String s =
                    segment.startsWith(COMBINATION)
                            ? segment.substring(COMBINATION.length())
                            : segment;
            int space = s.indexOf(' ');
            bits |= bit(space < 0 ? s : s.substring(0, space));
        }
        return bits;
    }

    /** The bit of a metric of {@link InfluxSchema#STATS_METRICS}, 0 for any other name. */
    static int bit(String metric) {
        for (int m = 0; m < InfluxSchema.STATS_METRICS.length; m++) {
            if (InfluxSchema.STATS_METRICS[m].equals(metric)) {
                return 1 << m;
            }
        }
        return 0;
    }
}
