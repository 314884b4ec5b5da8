package com.smartinfra.job.detect;

import com.smartinfra.job.metrics.LabelledCounters;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * What the detector operator reports besides its anomaly counters: anomalies by cause, models
 * trained (warm-up and every retraining), and the age of the model that judged each sample.
 *
 * <ul>
 *   <li>{@code cause_anomalies{cause=cpu|memory|disk|model}}: a sample breaching two rules counts
 *       under both;
 *   <li>{@code modelsTrained}: trainings, the first one after warm-up included (a restore that
 *       rebuilds a host's forest from its checkpointed rows trains nothing new);
 *   <li>{@code modelAgeSeconds}: histogram over the last {@value #AGE_WINDOW} judged samples of
 *       hosts past warm-up: event-time seconds since their model was trained. A growing age means
 *       retraining stalls (a host whose samples all breach rules, or a stopped clock).
 * </ul>
 */
public final class DetectorMetrics {
    static final int AGE_WINDOW = 1_000;

    private final LabelledCounters byCause;
    private final Counter modelsTrained;
    private final Histogram modelAge;

    public DetectorMetrics(MetricGroup group) {
        byCause = new LabelledCounters(group, "cause", "anomalies");
        modelsTrained = group.counter("modelsTrained");
        modelAge =
                group.histogram("modelAgeSeconds", new DescriptiveStatisticsHistogram(AGE_WINDOW));
    }

    /**
     * After one sample was judged.
     *
     * @param versionBefore the host's model version before the sample
     * @param versionAfter after it (higher: a model was trained on this sample)
     * @param trainedAt event time the host's current model was trained at (ms)
     * @param sampleTime the sample's event time (ms)
     * @param anomaly what the sample was judged, or null
     */
    public void judged(
            int versionBefore, int versionAfter, long trainedAt, long sampleTime, Anomaly anomaly) {
        if (versionAfter > versionBefore) {
            modelsTrained.inc(versionAfter - versionBefore);
        }
        if (versionAfter > 0) {
            modelAge.update(Math.max(0, sampleTime - trainedAt) / 1000);
        }
        if (anomaly != null) {
            for (String cause : causesOf(anomaly.reason)) {
                byCause.inc(cause);
            }
        }
    }

    /** {@code cpu>85,disk>95} → cpu, disk; {@code model} → model. */
    static String[] causesOf(String reason) {
        if (reason == null || reason.isBlank()) {
            return new String[] {Anomaly.MODEL};
        }
        String[] parts = reason.split(",");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            int op = 0;
            while (op < p.length() && "<>=".indexOf(p.charAt(op)) < 0) {
                op++;
            }
            parts[i] = op == 0 ? "unknown" : p.substring(0, op);
        }
        return parts;
    }
}
