package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {
    @Test
    void defaultsAreTheIssuesNumbers() {
        DetectorConfig c = DetectorConfig.defaults();
        assertThat(c.cpuLimit()).isEqualTo(85.0);
        assertThat(c.memoryLimit()).isEqualTo(90.0);
        assertThat(c.diskLimit()).isEqualTo(95.0);
        assertThat(c.rulesEnabled()).isTrue();
        assertThat(c.warmUp()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.modelMetrics()).containsExactly(Metric.CPU, Metric.MEMORY, Metric.DISK);
        assertThat(c.maxStateBytes()).isLessThanOrEqualTo(DetectorConfig.MAX_STATE_BYTES);
    }

    @Test
    void featureLayoutFollowsTheSwitches() {
        DetectorConfig c =
                DetectorConfig.builder()
                        .modelMetrics(List.of(Metric.CPU, Metric.DISK))
                        .deltaFeatures(true)
                        .rollingWindow(4)
                        .shingle(2)
                        .trainingSize(128)
                        .build();
        assertThat(c.featuresPerMetric()).isEqualTo(1 + 1 + 2 + 2);
        assertThat(c.featureCount()).isEqualTo(12);
        assertThat(c.historyLength()).isEqualTo(4);
    }

    @Test
    void eachBadSettingIsNamed() {
        assertThatThrownBy(() -> DetectorConfig.builder().cpuLimit(120).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cpuLimit'");
        assertThatThrownBy(() -> DetectorConfig.builder().diskLimit(0).build())
                .hasMessageContaining("'diskLimit'");
        assertThatThrownBy(() -> DetectorConfig.builder().contamination(0.7).build())
                .hasMessageContaining("'contamination'");
        assertThatThrownBy(() -> DetectorConfig.builder().modelMetrics(List.of()).build())
                .hasMessageContaining("'modelMetrics'");
        assertThatThrownBy(
                        () ->
                                DetectorConfig.builder()
                                        .modelMetrics(List.of(Metric.CPU, Metric.CPU))
                                        .build())
                .hasMessageContaining("'modelMetrics'");
        assertThatThrownBy(() -> DetectorConfig.builder().warmUp(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("'warmUp'");
        assertThatThrownBy(() -> DetectorConfig.builder().retrainEvery(Duration.ZERO).build())
                .hasMessageContaining("'retrainEvery'");
        assertThatThrownBy(() -> DetectorConfig.builder().rollingWindow(1).build())
                .hasMessageContaining("'rollingWindow'");
        assertThatThrownBy(() -> DetectorConfig.builder().extensionLevel(6).build())
                .hasMessageContaining("'extensionLevel'");
    }

    @Test
    void aWindowThatWouldNotFitTheStateBoundIsRefused() {
        assertThatThrownBy(() -> DetectorConfig.builder().trainingSize(2000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'trainingSize'")
                .hasMessageContaining("16384");
    }

    @Test
    void travelsAsJavaSerializedOperatorConfiguration() throws Exception {
        DetectorConfig c =
                DetectorConfig.builder().cpuLimit(70).seasonPeriod(12).trainingSize(256).build();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(
                        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            DetectorConfig back = (DetectorConfig) in.readObject();
            assertThat(back).isEqualTo(c);
            assertThat(back.cpuLimit()).isEqualTo(70.0);
            assertThat(back.toBuilder().build()).isEqualTo(c);
        }
    }
}
