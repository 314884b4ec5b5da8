package com.smartinfra.job.detect;

import java.util.Objects;

/**
 * One detected anomaly of one host.
 *
 * <p>A Flink POJO (public fields, no-arg constructor). For a threshold rule ({@link #reason} is the
 * rule name such as {@code cpu>85}) {@link #score} is the metric value and {@link #threshold} the
 * rule's limit; for the model ({@link #reason} is {@value #MODEL}) they are the isolation-forest
 * score and the host's calibrated threshold. {@link #modelVersion} is the host's model version at
 * the time (0 while warming up).
 */
public final class Anomaly {
    /** The reason of an anomaly found by the isolation forest rather than a rule. */
    public static final String MODEL = "model";

    public String host;

    /** Event time of the sample, epoch milliseconds. */
    public long timestamp;

    public double cpu;
    public double memory;
    public double disk;

    /** A rule name ({@code cpu>85}, several joined by {@code ,}) or {@value #MODEL}. */
    public String reason;

    public double score;
    public double threshold;
    public int modelVersion;

    /**
     * For the model: how far into the host's tail the sample lies, {@code ln P / ln(contamination)}
     * of the score or of its rarest feature, whichever is rarer (1 at the threshold, 2 as rare as
     * the contamination squared); NaN for a rule. The alert lifecycle pages on it.
     */
    public double severity = Double.NaN;

    /** Which metric(s) drove it and the host's expected range, in one human-readable line. */
    public String explanation;

    public Anomaly() {}

    public Anomaly(
            String host,
            long timestamp,
            double cpu,
            double memory,
            double disk,
            String reason,
            double score,
            double threshold,
            int modelVersion,
            String explanation) {
        this.host = host;
        this.timestamp = timestamp;
        this.cpu = cpu;
        this.memory = memory;
        this.disk = disk;
        this.reason = reason;
        this.score = score;
        this.threshold = threshold;
        this.modelVersion = modelVersion;
        this.explanation = explanation;
    }

    public boolean isModel() {
        return MODEL.equals(reason);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Anomaly)) {
            return false;
        }
        Anomaly a = (Anomaly) o;
        return timestamp == a.timestamp
                && Double.compare(cpu, a.cpu) == 0
                && Double.compare(memory, a.memory) == 0
                && Double.compare(disk, a.disk) == 0
                && Double.compare(score, a.score) == 0
                && Double.compare(threshold, a.threshold) == 0
                && modelVersion == a.modelVersion
                && Double.compare(severity, a.severity) == 0
                && Objects.equals(host, a.host)
                && Objects.equals(reason, a.reason)
                && Objects.equals(explanation, a.explanation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, timestamp, reason, score);
    }

    @Override
    public String toString() {
        return host + " @" + timestamp + " [" + reason + "] " + explanation;
    }
}
