package com.smartinfra.job.stats;

import com.smartinfra.job.detect.DetectorConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * How long a new host learns: its detector's first training (the span of samples it needs and how
 * many clean ones, samples no rule flagged), and how long its model alerts then still do not page
 * ({@code alert.model.learning-period}, event time since the host's first sample). {@link
 * #of(DetectorConfig, Duration)} reads both settings, so the dashboard states the period the job
 * really applies: a host is learning until its model may page.
 */
public final class LearningPeriod implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long spanMs;
    private final long cleanSamples;
    private final long pagingSpanMs;

    /** The detector's first training only (its model may page as soon as it exists). */
    public LearningPeriod(Duration span, long cleanSamples) {
        this(span, cleanSamples, Duration.ZERO);
    }

    /**
     * @param span the detector's warm-up span
     * @param cleanSamples the detector's minimum clean training samples
     * @param pagingSpan how long after its first sample a host's model alerts start to page
     */
    public LearningPeriod(Duration span, long cleanSamples, Duration pagingSpan) {
        if (span.isNegative() || cleanSamples < 0 || pagingSpan.isNegative()) {
            throw new IllegalArgumentException("learning period must not be negative");
        }
        this.spanMs = span.toMillis();
        this.cleanSamples = cleanSamples;
        this.pagingSpanMs = pagingSpan.toMillis();
    }

    /**
     * The detector's first training ({@code detect.warm-up} and its minimum training samples), then
     * the alerts' learning period ({@code alert.model.learning-period}).
     */
    public static LearningPeriod of(DetectorConfig detector, Duration alertLearningPeriod) {
        return new LearningPeriod(
                detector.warmUp(), detector.minTrainingSamples(), alertLearningPeriod);
    }

    public long spanMs() {
        return spanMs;
    }

    public long cleanSamples() {
        return cleanSamples;
    }

    /** Event time from a host's first sample until its model alerts may page. */
    public long pagingSpanMs() {
        return pagingSpanMs;
    }

    @Override
    public String toString() {
        return "LearningPeriod{"
                + spanMs
                + " ms, "
                + cleanSamples
                + " clean samples, paging after "
                + pagingSpanMs
                + " ms}";
    }
}
