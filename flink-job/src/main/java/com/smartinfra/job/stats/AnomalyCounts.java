package com.smartinfra.job.stats;

import com.smartinfra.schema.InfluxSchema;
import java.util.Arrays;
import java.util.Objects;

/**
 * A host's samples and anomalies in one window: the accumulator of the anomaly-rate windows and
 * what they write. Arrays are indexed like {@link InfluxSchema#STATS_METRICS}. A Flink POJO, a few
 * dozen bytes: the window keeps counts, never the events.
 */
public final class AnomalyCounts {
    public long samples;
    public long anomalies;
    public long ruleAnomalies;
    public long modelAnomalies;

    /** Per metric: anomalies that name it. */
    public long[] metricAnomalies = new long[HostStats.METRICS];

    /** Per metric: of them, the metric's threshold rule. */
    public long[] metricRuleAnomalies = new long[HostStats.METRICS];

    /** Oldest and newest sample time (epoch ms); MAX / MIN without samples. */
    public long firstSampleMs = Long.MAX_VALUE;

    public long lastSampleMs = Long.MIN_VALUE;

    /** Anomalies reported while the host had no model yet (model version 0): rule breaches. */
    public long warmUpAnomalies;

    /** The highest model version an anomaly carried (0: none seen). */
    public int maxModelVersion;

    public AnomalyCounts() {}

    public void add(RateEvent e) {
        if (e.sample) {
            samples++;
            firstSampleMs = Math.min(firstSampleMs, e.timestamp);
            lastSampleMs = Math.max(lastSampleMs, e.timestamp);
            return;
        }
        anomalies++;
        if (e.rule) {
            ruleAnomalies++;
        }
        if (e.model) {
            modelAnomalies++;
        }
        for (int m = 0; m < HostStats.METRICS; m++) {
            if ((e.metrics & (1 << m)) != 0) {
                metricAnomalies[m]++;
            }
            if ((e.ruleMetrics & (1 << m)) != 0) {
                metricRuleAnomalies[m]++;
            }
        }
        if (e.modelVersion == 0) {
            warmUpAnomalies++;
        }
        maxModelVersion = Math.max(maxModelVersion, e.modelVersion);
    }

    public void merge(AnomalyCounts o) {
        samples += o.samples;
        anomalies += o.anomalies;
        ruleAnomalies += o.ruleAnomalies;
        modelAnomalies += o.modelAnomalies;
        for (int m = 0; m < HostStats.METRICS; m++) {
            metricAnomalies[m] += o.metricAnomalies[m];
            metricRuleAnomalies[m] += o.metricRuleAnomalies[m];
        }
        firstSampleMs = Math.min(firstSampleMs, o.firstSampleMs);
        lastSampleMs = Math.max(lastSampleMs, o.lastSampleMs);
        warmUpAnomalies += o.warmUpAnomalies;
        maxModelVersion = Math.max(maxModelVersion, o.maxModelVersion);
    }

    public AnomalyCounts copy() {
        AnomalyCounts c = new AnomalyCounts();
        c.merge(this);
        return c;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AnomalyCounts)) {
            return false;
        }
        AnomalyCounts c = (AnomalyCounts) o;
        return samples == c.samples
                && anomalies == c.anomalies
                && ruleAnomalies == c.ruleAnomalies
                && modelAnomalies == c.modelAnomalies
                && Arrays.equals(metricAnomalies, c.metricAnomalies)
                && Arrays.equals(metricRuleAnomalies, c.metricRuleAnomalies)
                && firstSampleMs == c.firstSampleMs
                && lastSampleMs == c.lastSampleMs
                && warmUpAnomalies == c.warmUpAnomalies
                && maxModelVersion == c.maxModelVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(samples, anomalies, ruleAnomalies, modelAnomalies);
    }

    @Override
    public String toString() {
        return "samples="
                + samples
                + " anomalies="
                + anomalies
                + " rule="
                + ruleAnomalies
                + " model="
                + modelAnomalies
                + " perMetric="
                + Arrays.toString(metricAnomalies)
                + " perMetricRule="
                + Arrays.toString(metricRuleAnomalies)
                + " warmUp="
                + warmUpAnomalies
                + " maxModelVersion="
                + maxModelVersion;
    }
}
