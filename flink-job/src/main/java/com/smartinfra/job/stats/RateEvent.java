package com.smartinfra.job.stats;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;

/**
 * One input of the anomaly-rate windows: a sample of a host, or an anomaly the detector reported
 * for one of its samples (same host, same timestamp). Both streams are mapped to this one type so
 * that a single keyed window counts a host's samples and its anomalies together. A Flink POJO.
 *
 * <p>Metrics are bits in the order of {@link InfluxSchema#STATS_METRICS} (bit 0 cpu, 1 memory, 2
 * disk).
 */
public final class RateEvent {
    public String host;
    public long timestamp;

    /** True for a sample, false for an anomaly. */
    public boolean sample;

    /** The anomaly names a threshold rule / the model. */
    public boolean rule;

    public boolean model;

    /** Metrics the anomaly names: its rules' metrics and the metrics that drove the model. */
    public int metrics;

    /** Metrics whose threshold rule the anomaly reports. */
    public int ruleMetrics;

    /** The host's model version when the anomaly was found (0: no model yet). */
    public int modelVersion;

    public RateEvent() {}

    public static RateEvent of(Sample s) {
        RateEvent e = new RateEvent();
        e.host = s.host;
        e.timestamp = s.timestamp;
        e.sample = true;
        return e;
    }

    public static RateEvent of(Anomaly a) {
        RateEvent e = new RateEvent();
        e.host = a.host;
        e.timestamp = a.timestamp;
        e.modelVersion = a.modelVersion;
        AnomalyMetrics.Named named = AnomalyMetrics.of(a.reason, a.explanation);
        e.rule = named.rule();
        e.model = named.model();
        e.ruleMetrics = named.ruleMetrics();
        e.metrics = named.metrics();
        return e;
    }

    @Override
    public String toString() {
        return (sample ? "sample " : "anomaly ")
                + host
                + " @"
                + timestamp
                + (sample
                        ? ""
                        : " rule="
                                + rule
                                + " model="
                                + model
                                + " metrics="
                                + Integer.toBinaryString(metrics)
                                + " v"
                                + modelVersion);
    }
}
