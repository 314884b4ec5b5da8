package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.job.detect.HostDetector;
import com.smartinfra.schema.Sample;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which metrics an anomaly names, from its reason and (for the model) its explanation. */
class AnomalyMetricsTest {
    private static final int CPU = 1;
    private static final int MEMORY = 2;
    private static final int DISK = 4;

    @Test
    void aRuleNamesItsMetric() {
        assertThat(AnomalyMetrics.of("cpu>85", "cpu 97.0 % above the 85 % limit"))
                .isEqualTo(new AnomalyMetrics.Named(true, false, CPU, CPU));
        assertThat(AnomalyMetrics.of("memory>90,disk>95", null))
                .isEqualTo(new AnomalyMetrics.Named(true, false, MEMORY | DISK, MEMORY | DISK));
        // a rule on a metric without a rate counts for the host only
        assertThat(AnomalyMetrics.of("cpu_steal>5", null))
                .isEqualTo(new AnomalyMetrics.Named(true, false, 0, 0));
    }

    @Test
    void theModelNamesTheMetricsItsExplanationLeadsWith() {
        assertThat(
                        AnomalyMetrics.of(
                                "model",
                                "memory 64.3 % — expected 55.9–62.2 %; disk 31.5 % (+0.8 in one"
                                        + " sample, usual −0.1 to +0.1) — expected 30.0–31.0 %"
                                        + " (p1–p99 of 256 normal samples over the last 42 min);"
                                        + " score 0.702 > threshold 0.650, model v3"))
                .isEqualTo(new AnomalyMetrics.Named(false, true, 0, MEMORY | DISK));
        assertThat(AnomalyMetrics.of("model", "unusual combination: cpu 40.0 % — expected 20–45 %"))
                .isEqualTo(new AnomalyMetrics.Named(false, true, 0, CPU));
        // no metric named: the host's and the model's count only
        assertThat(AnomalyMetrics.of("model", "something odd"))
                .isEqualTo(new AnomalyMetrics.Named(false, true, 0, 0));
        assertThat(AnomalyMetrics.of(null, null))
                .isEqualTo(new AnomalyMetrics.Named(false, true, 0, 0));
    }

    /** The detector's own wording: fails when the explanation stops leading with the metric. */
    @Test
    void readsTheRealDetectorsExplanationOfAModelAnomaly() {
        HostDetector d = new HostDetector("db-1", DetectorConfig.defaults());
        Random random = new Random(13);
        long t = 1_750_000_000_000L;
        for (int i = 0; i < 300; i++, t += 10_000) {
            d.process(
                    new Sample(
                            "db-1",
                            t,
                            30 + 3 * random.nextGaussian(),
                            55 + 2 * random.nextGaussian(),
                            40 + 0.2 * random.nextGaussian()));
        }
        Anomaly a = d.process(new Sample("db-1", t, 30, 84, 40)); // memory far off
        assertThat(a).isNotNull();
        assertThat(a.reason).isEqualTo(Anomaly.MODEL);

        RateEvent e = RateEvent.of(a);
        assertThat(e.model).isTrue();
        assertThat(e.rule).isFalse();
        assertThat(e.metrics).as(a.explanation).isEqualTo(MEMORY);
        assertThat(e.modelVersion).isPositive();
    }
}
