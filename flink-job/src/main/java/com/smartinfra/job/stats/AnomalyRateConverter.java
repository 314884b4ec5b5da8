package com.smartinfra.job.stats;

import com.smartinfra.job.store.LineProtocolConverter;
import com.smartinfra.schema.InfluxSchema;

/**
 * One host's anomaly rate in one window as one {@code anomaly_rate} point at the window start. A
 * window that fires again for late data rewrites the same point (same host, window and time).
 */
public final class AnomalyRateConverter extends LineProtocolConverter<AnomalyRate> {
    private static final long serialVersionUID = 1L;

    @Override
    protected StringBuilder append(StringBuilder sb, AnomalyRate r) {
        AnomalyCounts c = r.counts;
        return InfluxSchema.appendAnomalyRate(
                sb,
                r.host,
                r.window,
                r.start,
                c.samples,
                c.anomalies,
                c.ruleAnomalies,
                c.modelAnomalies,
                c.metricAnomalies,
                c.metricRuleAnomalies,
                r.learning,
                r.learningLeftMs,
                r.learningSamplesLeft);
    }
}
