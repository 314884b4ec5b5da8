package com.smartinfra.job.alert;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.Sample;

/**
 * A sample or an anomaly of one host, as the lifecycle operator sees them: the two streams are
 * united into one keyed stream of signals so that one keyed operator (with the silences broadcast
 * to it) sees both. A Flink POJO.
 */
public final class Signal {
    public String host;

    /** Event time, epoch milliseconds (of the sample; an anomaly carries its sample's time). */
    public long timestamp;

    /** False for a sample, true for an anomaly. */
    public boolean anomaly;

    public double cpu;
    public double memory;
    public double disk;

    // anomaly only
    public String reason;
    public double score;
    public double threshold;
    public int modelVersion;

    /** The model's severity ({@link Anomaly#severity}); NaN for a rule or when unknown. */
    public double severity = Double.NaN;

    public String explanation;

    public Signal() {}

    public static Signal of(Sample s) {
        Signal g = new Signal();
        g.host = s.host;
        g.timestamp = s.timestamp;
        g.cpu = s.cpu;
        g.memory = s.memory;
        g.disk = s.disk;
        return g;
    }

    public static Signal of(Anomaly a) {
        Signal g = new Signal();
        g.host = a.host;
        g.timestamp = a.timestamp;
        g.anomaly = true;
        g.cpu = a.cpu;
        g.memory = a.memory;
        g.disk = a.disk;
        g.reason = a.reason;
        g.score = a.score;
        g.threshold = a.threshold;
        g.modelVersion = a.modelVersion;
        g.severity = a.severity;
        g.explanation = a.explanation;
        return g;
    }

    @Override
    public String toString() {
        return (anomaly ? "anomaly " + reason : "sample") + " " + host + "@" + timestamp;
    }
}
