package com.smartinfra.job.stats;

import com.smartinfra.job.detect.DetectorConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * How long a new host's detector learns before its model judges: the span of samples it needs and
 * how many clean ones (samples no rule flagged). {@link #of(DetectorConfig)} reads the detector's
 * own warm-up settings, so the dashboard states the period the detector really applies.
 */
public final class LearningPeriod implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long spanMs;
    private final long cleanSamples;

    public LearningPeriod(Duration span, long cleanSamples) {
        if (span.isNegative() || cleanSamples < 0) {
            throw new IllegalArgumentException("learning period must not be negative");
        }
        this.spanMs = span.toMillis();
        this.cleanSamples = cleanSamples;
    }

    /** The detector's first training: {@code detect.warm-up} and its minimum training samples. */
    public static LearningPeriod of(DetectorConfig detector) {
        return new LearningPeriod(detector.warmUp(), detector.minTrainingSamples());
    }

    public long spanMs() {
        return spanMs;
    }

    public long cleanSamples() {
        return cleanSamples;
    }

    @Override
    public String toString() {
        return "LearningPeriod{" + spanMs + " ms, " + cleanSamples + " clean samples}";
    }
}
