package com.smartinfra.job.stats;

import java.util.Objects;

/**
 * One host's anomaly rate in one window, as written to the {@code anomaly_rate} measurement: the
 * counts, and on the 1-minute windows the host's learning status. A Flink POJO.
 */
public final class AnomalyRate {
    public String host;

    /** {@code 1m}, {@code 15m} or {@code 24h}. */
    public String window;

    /** Window start (inclusive) and end (exclusive), epoch milliseconds. */
    public long start;

    public long end;

    public AnomalyCounts counts = new AnomalyCounts();

    /** Null where not followed (the 15m and 24h rows). */
    public Boolean learning;

    /** Estimated time and clean samples left while learning; -1 where not followed. */
    public long learningLeftMs = -1;

    public long learningSamplesLeft = -1;

    public AnomalyRate() {}

    public AnomalyRate(String host, String window, long start, long end, AnomalyCounts counts) {
        this.host = host;
        this.window = window;
        this.start = start;
        this.end = end;
        this.counts = counts;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AnomalyRate)) {
            return false;
        }
        AnomalyRate r = (AnomalyRate) o;
        return start == r.start
                && end == r.end
                && learningLeftMs == r.learningLeftMs
                && learningSamplesLeft == r.learningSamplesLeft
                && Objects.equals(host, r.host)
                && Objects.equals(window, r.window)
                && Objects.equals(counts, r.counts)
                && Objects.equals(learning, r.learning);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, window, start);
    }

    @Override
    public String toString() {
        return "AnomalyRate{"
                + host
                + " "
                + window
                + " @"
                + start
                + " "
                + counts
                + (learning == null
                        ? ""
                        : " learning="
                                + learning
                                + " left="
                                + learningLeftMs
                                + "ms/"
                                + learningSamplesLeft)
                + "}";
    }
}
