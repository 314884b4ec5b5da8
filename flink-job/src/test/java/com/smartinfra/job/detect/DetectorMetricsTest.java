package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetectorMetricsTest {
    @Test
    void anAnomalyCountsUnderEachOfItsCauses() {
        assertThat(DetectorMetrics.causesOf("cpu>85,disk>95")).containsExactly("cpu", "disk");
        assertThat(DetectorMetrics.causesOf("memory>90")).containsExactly("memory");
        assertThat(DetectorMetrics.causesOf("model")).containsExactly("model");
        assertThat(DetectorMetrics.causesOf(null)).containsExactly("model");
        assertThat(DetectorMetrics.causesOf(">5")).containsExactly("unknown");
    }
}
