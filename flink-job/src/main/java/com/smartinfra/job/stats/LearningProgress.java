package com.smartinfra.job.stats;

/**
 * How far a host's detector is through its learning period, followed from outside the detector:
 * from the host's samples and the anomalies it reported, window by window.
 *
 * <p>It mirrors the detector's rule for its first model ({@code HostDetector}: trained once it has
 * samples spanning {@code detect.warm-up} and {@code minTrainingSamples} clean ones; while it has
 * no model, every sample a rule flags is reported and kept out of training, so clean = samples −
 * anomalies of model version 0). An anomaly with a model version above 0 proves a model exists.
 * {@code LearningProgressTest} feeds the same samples to a real {@code HostDetector} and checks
 * that both agree sample by sample.
 *
 * <p>Then the alerts' learning period ({@link LearningPeriod#pagingSpanMs()}): the model judges but
 * pages only a strong breach at two samples in a row (a ramp) until the host's samples span that
 * much event time, the rule the alert lifecycle applies ({@code AlertLifecycle}). Event time of the
 * host's own samples, so the countdown stands still while the host is silent, like the lifecycle's.
 *
 * <p>Not followed: re-learning after a regime change (the detector keeps its version number then
 * and reports nothing that would show it). A Flink POJO (keyed state of the 1-minute window).
 */
public final class LearningProgress {
    public long samples;
    public long warmUpAnomalies;
    public long firstSampleMs = Long.MAX_VALUE;
    public long lastSampleMs = Long.MIN_VALUE;
    public boolean modelSeen;

    public LearningProgress() {}

    /** Adds one window's counts. */
    public void add(AnomalyCounts c) {
        samples += c.samples;
        warmUpAnomalies += c.warmUpAnomalies;
        firstSampleMs = Math.min(firstSampleMs, c.firstSampleMs);
        lastSampleMs = Math.max(lastSampleMs, c.lastSampleMs);
        modelSeen |= c.maxModelVersion > 0;
    }

    /**
     * Takes back counts added before: a window fired again for late data adds its new counts
     * instead. Times and the model flag only ever grow, so they stay.
     */
    public void remove(AnomalyCounts c) {
        samples -= c.samples;
        warmUpAnomalies -= c.warmUpAnomalies;
    }

    public long cleanSamples() {
        return Math.max(0, samples - warmUpAnomalies);
    }

    private long spanMs() {
        return samples == 0 ? 0 : lastSampleMs - firstSampleMs;
    }

    public boolean learning(LearningPeriod p) {
        return detectorLearning(p) || spanMs() < p.pagingSpanMs();
    }

    private boolean detectorLearning(LearningPeriod p) {
        return !modelSeen && (cleanSamples() < p.cleanSamples() || spanMs() < p.spanMs());
    }

    /** Clean samples the detector still needs for its first model; 0 once it has one. */
    public long samplesLeft(LearningPeriod p) {
        return detectorLearning(p) ? Math.max(0, p.cleanSamples() - cleanSamples()) : 0;
    }

    /**
     * Estimated time left: the span still missing (of the detector's warm-up or of the alerts'
     * learning period), or the clean samples still missing at the host's sampling interval so far,
     * whichever is longer; 0 once learned.
     */
    public long msLeft(LearningPeriod p) {
        if (!learning(p)) {
            return 0;
        }
        long pagingLeft = Math.max(0, p.pagingSpanMs() - spanMs());
        if (!detectorLearning(p)) {
            return pagingLeft;
        }
        long spanLeft = Math.max(0, Math.max(p.spanMs(), p.pagingSpanMs()) - spanMs());
        long missing = samplesLeft(p);
        long samplesLeftMs = 0;
        if (missing > 0 && samples >= 2) {
            double interval = (double) spanMs() / (samples - 1);
            samplesLeftMs = Math.round(missing * interval);
        }
        return Math.max(spanLeft, samplesLeftMs);
    }
}
