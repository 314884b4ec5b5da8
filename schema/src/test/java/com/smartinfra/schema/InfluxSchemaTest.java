package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfluxSchemaTest {
    @Test
    void hostStatsLineHasHostAndWindowTagsCountAndOneFieldPerMetricAndStatistic() {
        String line =
                InfluxSchema.appendHostStats(
                                new StringBuilder(),
                                "web-01",
                                "1m",
                                1_750_783_320_000L,
                                20,
                                new double[] {1, 2, 3},
                                new double[] {0.5, 1.5, 2.5},
                                new double[] {4, 5, 6},
                                new double[] {0.25, Double.NaN, 0},
                                new double[] {3.5, 4.5, 5.5})
                        .toString();

        assertThat(line)
                .isEqualTo(
                        "host_stats,host=web-01,window=1m count=20i,"
                                + "cpu_mean=1.0,cpu_min=0.5,cpu_max=4.0,cpu_stddev=0.25,cpu_p95=3.5,"
                                + "memory_mean=2.0,memory_min=1.5,memory_max=5.0,memory_p95=4.5,"
                                + "disk_mean=3.0,disk_min=2.5,disk_max=6.0,disk_stddev=0.0,disk_p95=5.5"
                                + " 1750783320000");
    }

    @Test
    void anomalyLineEscapesItsStringFields() {
        String line =
                InfluxSchema.appendAnomaly(
                                new StringBuilder(),
                                "db-01",
                                1_750_783_320_123L,
                                92.5,
                                40,
                                1.0E-5,
                                "cpu>85,disk>95",
                                0.75,
                                Double.NaN,
                                3,
                                "cpu \"92.5\" above\nC:\\range")
                        .toString();

        assertThat(line)
                .isEqualTo(
                        "anomalies,host=db-01 model_version=3i,cpu=92.5,memory=40.0,disk=1.0E-5,"
                                + "score=0.75,reason=\"cpu>85,disk>95\","
                                + "explanation=\"cpu \\\"92.5\\\" above C:\\\\range\""
                                + " 1750783320123");
    }

    @Test
    void anomalyRateLineHasCountsRatesPerMetricAndTheLearningStatus() {
        String line =
                InfluxSchema.appendAnomalyRate(
                                new StringBuilder(),
                                "web-01",
                                "1m",
                                1_750_783_320_000L,
                                4,
                                2,
                                1,
                                1,
                                new long[] {2, 0, 1},
                                new long[] {1, 0, 0},
                                Boolean.TRUE,
                                720_000,
                                3)
                        .toString();

        assertThat(line)
                .isEqualTo(
                        "anomaly_rate,host=web-01,window=1m samples=4i,anomalies=2i,"
                                + "rule_anomalies=1i,model_anomalies=1i,rate=0.5,"
                                + "cpu_anomalies=2i,cpu_rule_anomalies=1i,cpu_rate=0.5,"
                                + "memory_anomalies=0i,memory_rule_anomalies=0i,memory_rate=0.0,"
                                + "disk_anomalies=1i,disk_rule_anomalies=0i,disk_rate=0.25,"
                                + "learning=true,learning_left_ms=720000i,learning_samples_left=3i"
                                + " 1750783320000");
    }

    @Test
    void anomalyRateWithoutSamplesHasNoRatesAndWithoutLearningNoLearningFields() {
        String line =
                InfluxSchema.appendAnomalyRate(
                                new StringBuilder(),
                                "db-01",
                                "24h",
                                0,
                                0,
                                0,
                                0,
                                0,
                                new long[3],
                                new long[3],
                                null,
                                -1,
                                -1)
                        .toString();

        assertThat(line)
                .isEqualTo(
                        "anomaly_rate,host=db-01,window=24h samples=0i,anomalies=0i,"
                                + "rule_anomalies=0i,model_anomalies=0i,"
                                + "cpu_anomalies=0i,cpu_rule_anomalies=0i,"
                                + "memory_anomalies=0i,memory_rule_anomalies=0i,"
                                + "disk_anomalies=0i,disk_rule_anomalies=0i 0");
        assertThatThrownBy(
                        () ->
                                InfluxSchema.appendAnomalyRate(
                                        new StringBuilder(),
                                        "db-01",
                                        "1m,x=1",
                                        0,
                                        0,
                                        0,
                                        0,
                                        0,
                                        new long[3],
                                        new long[3],
                                        null,
                                        -1,
                                        -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAHostThatWouldNeedEscaping() {
        assertThatThrownBy(
                        () ->
                                InfluxSchema.appendAnomaly(
                                        new StringBuilder(),
                                        "web 01",
                                        1,
                                        1,
                                        1,
                                        1,
                                        "model",
                                        1,
                                        1,
                                        1,
                                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
