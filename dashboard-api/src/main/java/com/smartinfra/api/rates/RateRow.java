package com.smartinfra.api.rates;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.schema.InfluxSchema;

/**
 * One {@code anomaly_rate} point (or a sum of them): a host's samples and anomalies in a window,
 * per metric in the order of {@link InfluxSchema#STATS_METRICS}, and on 1-minute rows the host's
 * learning status ({@code learning} null where the point has none, the two numbers -1). {@code
 * endMs} is -1 when the window label is not a length.
 */
public record RateRow(
        String host,
        String window,
        long startMs,
        long endMs,
        long samples,
        long anomalies,
        long ruleAnomalies,
        long modelAnomalies,
        long[] metricAnomalies,
        long[] metricRuleAnomalies,
        Boolean learning,
        long learningLeftMs,
        long learningSamplesLeft) {

    /** Every integer field of the measurement, in the order {@link #of} reads them. */
    public static String[] countFields() {
        int n = InfluxSchema.STATS_METRICS.length;
        String[] f = new String[4 + 2 * n];
        f[0] = InfluxSchema.FIELD_SAMPLES;
        f[1] = InfluxSchema.FIELD_ANOMALIES;
        f[2] = InfluxSchema.FIELD_RULE_ANOMALIES;
        f[3] = InfluxSchema.FIELD_MODEL_ANOMALIES;
        for (int m = 0; m < n; m++) {
            f[4 + 2 * m] = InfluxSchema.STATS_METRICS[m] + InfluxSchema.SUFFIX_ANOMALIES;
            f[5 + 2 * m] = InfluxSchema.STATS_METRICS[m] + InfluxSchema.SUFFIX_RULE_ANOMALIES;
        }
        return f;
    }

    /** A point, or an aggregate row whose sums are named like the fields. */
    public static RateRow of(InfluxRow row, long start) {
        String window = row.text(InfluxSchema.TAG_WINDOW);
        long length = window == null ? -1 : QueryParams.durationMillis(window);
        int n = InfluxSchema.STATS_METRICS.length;
        long[] metric = new long[n];
        long[] rule = new long[n];
        for (int m = 0; m < n; m++) {
            String name = InfluxSchema.STATS_METRICS[m];
            metric[m] = row.integer(name + InfluxSchema.SUFFIX_ANOMALIES, 0);
            rule[m] = row.integer(name + InfluxSchema.SUFFIX_RULE_ANOMALIES, 0);
        }
        String learning = row.text(InfluxSchema.FIELD_LEARNING);
        return new RateRow(
                row.text(InfluxSchema.TAG_HOST),
                window,
                start,
                length > 0 ? start + length : -1,
                row.integer(InfluxSchema.FIELD_SAMPLES, 0),
                row.integer(InfluxSchema.FIELD_ANOMALIES, 0),
                row.integer(InfluxSchema.FIELD_RULE_ANOMALIES, 0),
                row.integer(InfluxSchema.FIELD_MODEL_ANOMALIES, 0),
                metric,
                rule,
                "true".equals(learning)
                        ? Boolean.TRUE
                        : "false".equals(learning) ? Boolean.FALSE : null,
                row.integer(InfluxSchema.FIELD_LEARNING_LEFT_MS, -1),
                row.integer(InfluxSchema.FIELD_LEARNING_SAMPLES_LEFT, -1));
    }

    /** anomalies / samples, NaN without samples. */
    public double rate() {
        return samples > 0 ? (double) anomalies / samples : Double.NaN;
    }

    /** The metric's anomalies / samples, NaN without samples. */
    public double metricRate(int m) {
        return samples > 0 ? (double) metricAnomalies[m] / samples : Double.NaN;
    }
}
