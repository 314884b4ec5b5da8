package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {
    /**
     * {@code builder().cpuLimit(70).seasonPeriod(12).trainingSize(256).build()} as serialized by
     * the flat DetectorConfig before its split into parts (savepoints hold this form).
     */
    private static final String FLAT_FORM_BASE64 =
            "rO0ABXNyAChjb20uc21hcnRpbmZyYS5qb2IuZGV0ZWN0LkRldGVjdG9yQ29uZmlnAAAAAAAAAAECABhE"
                    + "AA1jb250YW1pbmF0aW9uSQAPY29vbGRvd25TYW1wbGVzRAAIY3B1TGltaXRaAA1kZWx0YUZlYXR1cmVz"
                    + "RAAJZGlza0xpbWl0RAALZHJpZnRTaWdtYXNJAAtkcmlmdFdpbmRvd0kADmV4dGVuc2lvbkxldmVsRAAL"
                    + "bWVtb3J5TGltaXRJABJtaW5UcmFpbmluZ1NhbXBsZXNJABJyZWN1cnJlbmNlRXBpc29kZXNEABRyZWdp"
                    + "bWVDaGFuZ2VGcmFjdGlvbkkAE3JldHJhaW5FdmVyeVNhbXBsZXNJAA1yb2xsaW5nV2luZG93WgAMcnVs"
                    + "ZXNFbmFibGVkSQAMc2Vhc29uUGVyaW9kSgAEc2VlZEkAB3NoaW5nbGVJAAlzdWJzYW1wbGVJAAx0cmFp"
                    + "bmluZ1NpemVJAAV0cmVlc0wADG1vZGVsTWV0cmljc3QAEExqYXZhL3V0aWwvTGlzdDtMAAxyZXRyYWlu"
                    + "RXZlcnl0ABRMamF2YS90aW1lL0R1cmF0aW9uO0wABndhcm1VcHEAfgACeHA/YGJN0vGp/AAAAABAUYAA"
                    + "AAAAAAFAV8AAAAAAAEAAAAAAAAAAAAAAIAAAAABAVoAAAAAAAAAAACAAAAAGP+mZmZmZmZoAAABAAAAA"
                    + "AAEAAAAMAAAAAAAAACoAAAAAAAABAAAAAQAAAAAyc3IAJmphdmEudXRpbC5Db2xsZWN0aW9ucyRVbm1v"
                    + "ZGlmaWFibGVMaXN0/A8lMbXsjhACAAFMAARsaXN0cQB+AAF4cgAsamF2YS51dGlsLkNvbGxlY3Rpb25z"
                    + "JFVubW9kaWZpYWJsZUNvbGxlY3Rpb24ZQgCAy173HgIAAUwAAWN0ABZMamF2YS91dGlsL0NvbGxlY3Rp"
                    + "b247eHBzcgATamF2YS51dGlsLkFycmF5TGlzdHiB0h2Zx2GdAwABSQAEc2l6ZXhwAAAAA3cEAAAAA35y"
                    + "ACBjb20uc21hcnRpbmZyYS5qb2IuZGV0ZWN0Lk1ldHJpYwAAAAAAAAAAEgAAeHIADmphdmEubGFuZy5F"
                    + "bnVtAAAAAAAAAAASAAB4cHQAA0NQVX5xAH4ACnQABk1FTU9SWX5xAH4ACnQABERJU0t4cQB+AAlzcgAN"
                    + "amF2YS50aW1lLlNlcpVdhLobIkiyDAAAeHB3DQEAAAAAAAAHCAAAAAB4c3EAfgASdw0BAAAAAAAAAHgA"
                    + "AAAAeA==";

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
                DetectorConfig.builder().cpuLimit(70).seasonPeriod(12).trainingSize(192).build();
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

    @Test
    void readsTheSerializedFormOfTheFlatConfigurationSoOldSavepointsRestore() throws Exception {
        // written when the defaults were 50 trees, a retrain every 64 samples and contamination
        // 0.002: the old form carries every field
        DetectorConfig c =
                DetectorConfig.builder()
                        .cpuLimit(70)
                        .seasonPeriod(12)
                        .trainingSize(256)
                        .retrainEverySamples(64)
                        .contamination(0.002)
                        .trees(50)
                        .build();
        byte[] old = java.util.Base64.getDecoder().decode(FLAT_FORM_BASE64);
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(old))) {
            DetectorConfig back = (DetectorConfig) in.readObject();
            assertThat(back).isEqualTo(c);
            assertThat(back.schedule().trainingSize()).isEqualTo(256);
            assertThat(back.features().seasonPeriod()).isEqualTo(12);
        }
    }

    @Test
    void theJobsKeysNameTheSettingsInItsMessages() {
        assertThatThrownBy(() -> DetectorConfig.builder().cpuLimit(0).build(DetectOptions.NAMES))
                .hasMessage("Setting 'detect.cpu-limit' must be a percentage in (0, 100], was 0.0");
        assertThatThrownBy(() -> DetectorConfig.builder().cpuLimit(0).build())
                .hasMessage(
                        "detector setting 'cpuLimit' must be a percentage in (0, 100], was 0.0");
    }
}
