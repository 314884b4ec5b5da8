package com.smartinfra.job.alert;

/**
 * What arrived for one host at one event time, waiting for the watermark: the sample (if it came)
 * and the anomalies of that sample (if any). Samples and anomalies travel on two streams and reach
 * the lifecycle operator in any order; only when the watermark passes the time are both known to be
 * complete, and then "sample without an anomaly for cause C" can be read as "normal for C". A Flink
 * POJO, kept in keyed state.
 */
public final class PendingTick {
    public boolean sampleSeen;
    public double cpu;
    public double memory;
    public double disk;
    public Signal[] anomalies = new Signal[0];

    public PendingTick() {}

    /** Adds one signal of this time. */
    void add(Signal s) {
        if (s.anomaly) {
            Signal[] a = java.util.Arrays.copyOf(anomalies, anomalies.length + 1);
            a[anomalies.length] = s;
            anomalies = a;
        } else {
            sampleSeen = true;
        }
        // an anomaly carries its sample's metrics too; the latest wins, they are the same sample
        cpu = s.cpu;
        memory = s.memory;
        disk = s.disk;
    }
}
