package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.config.InvalidConfigurationException;
import com.smartinfra.job.config.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class JobConfigTest {
    private static final String[] REQUIRED = {
        "--kafka.bootstrap-servers", "kafka:9092", "--influxdb.url", "http://influxdb:8086"
    };

    /** The required settings and {@code settings}. */
    private static JobConfig withRequired(String... settings) {
        String[] args = Arrays.copyOf(REQUIRED, REQUIRED.length + settings.length);
        System.arraycopy(settings, 0, args, REQUIRED.length, settings.length);
        return JobConfig.fromArgs(args);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobConfig c = JobConfig.fromArgs(REQUIRED);
        assertThat(c.metricsTopic).isEqualTo("metrics");
        assertThat(c.deadLetterTopic).isEqualTo("metrics-dlq");
        assertThat(c.influxBucket).isEqualTo("metrics");
        assertThat(c.influxOrg).isEqualTo("smart-infra");
        assertThat(c.influxTokenEnv).isEqualTo("INFLUXDB_TOKEN");
        assertThat(c.checkpointInterval).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.outOfOrderness).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.startingOffsets).isEqualTo(JobConfig.StartingOffsets.COMMITTED);
        assertThat(c.deadLetterExactlyOnce).isTrue();
        assertThat(c.kafkaBounded).isFalse();
        assertThat(c.parallelism).isNull();
    }

    @Test
    void keyedStateSnapshotsAreCompressedUnlessSwitchedOff() {
        // compressed state is also read back in blocks: a 100,000-host restore 112 s -> 11 s
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SmartInfraJob.configureEnvironment(env, JobConfig.fromArgs(REQUIRED));
        assertThat(env.getConfig().isUseSnapshotCompression()).isTrue();

        SmartInfraJob.configureEnvironment(
                env, withRequired("--checkpoint.snapshot-compression", "false"));
        assertThat(env.getConfig().isUseSnapshotCompression()).isFalse();
    }

    @Test
    void anomaliesAreFlushedSoonerThanTheBulkMeasurementsAndThatIsASetting() {
        JobConfig c = JobConfig.fromArgs(REQUIRED);
        assertThat(c.influxFlushInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.influxAnomaliesFlushInterval).isEqualTo(Duration.ofMillis(200));
        JobConfig set = withRequired("--influxdb.anomalies.flush-interval", "1s");
        assertThat(set.influxAnomaliesFlushInterval).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void ingestBoundsDefaultToAWeekBackAndFiveMinutesAheadAndAreSettings() {
        JobConfig c = JobConfig.fromArgs(REQUIRED);
        assertThat(c.maxAge).isEqualTo(Duration.ofDays(7));
        assertThat(c.maxFutureSkew).isEqualTo(Duration.ofMinutes(5));
        JobConfig set = withRequired("--ingest.max-age", "36h", "--ingest.max-future-skew", "30s");
        assertThat(set.maxAge).isEqualTo(Duration.ofHours(36));
        assertThat(set.maxFutureSkew).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        "--kafka.bootstrap-servers", "k:9092",
                                        "--influxdb.url", "http://i:8086",
                                        "--ingest.max-age", "0s"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Setting 'ingest.max-age' must be a positive duration");
    }

    @Test
    void deadLetterBoundsLeaveRoomForHeadersUnderTheProducersRequestSize() {
        JobConfig c = JobConfig.fromArgs(REQUIRED);
        assertThat(c.deadLetterMaxKeyBytes).isEqualTo(4096);
        assertThat(c.deadLetterMaxValueBytes).isEqualTo(262_144);
        assertThat(
                        JobConfig.fromArgs(
                                        "--kafka.bootstrap-servers", "k:9092",
                                        "--influxdb.url", "http://i:8086",
                                        "--kafka.dead-letter.max-value-bytes", "1028096")
                                .deadLetterMaxValueBytes)
                .isEqualTo(1_028_096);
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        "--kafka.bootstrap-servers", "k:9092",
                                        "--influxdb.url", "http://i:8086",
                                        "--kafka.dead-letter.max-value-bytes", "1048576"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'kafka.dead-letter.max-value-bytes' (1048576)")
                .hasMessageContaining("max.request.size of 1048576 bytes");
    }

    @Test
    void theDetectorDefaultsAreTheLibrarysAndItsModelSettingsAreKeys() {
        assertThat(JobConfig.fromArgs(REQUIRED).detector)
                .isEqualTo(com.smartinfra.job.detect.DetectorConfig.defaults());
        String[] args = {
            "--kafka.bootstrap-servers", "k:9092",
            "--influxdb.url", "http://i:8086",
            "--detect.trees", "20",
            "--detect.subsample", "128",
            "--detect.extension-level", "1",
            "--detect.training-size", "256",
            "--detect.retrain-every-samples", "128",
            "--detect.retrain-every", "10min",
            "--detect.contamination", "0.01"
        };
        com.smartinfra.job.detect.DetectorConfig d = JobConfig.fromArgs(args).detector;
        assertThat(d.trees()).isEqualTo(20);
        assertThat(d.subsample()).isEqualTo(128);
        assertThat(d.extensionLevel()).isEqualTo(1);
        assertThat(d.trainingSize()).isEqualTo(256);
        assertThat(d.retrainEverySamples()).isEqualTo(128);
        assertThat(d.retrainEvery()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.contamination()).isEqualTo(0.01);
    }

    @Test
    void detectorSettingsTheDetectorRefusesAreNamedAsKeys() {
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        "--kafka.bootstrap-servers", "k:9092",
                                        "--influxdb.url", "http://i:8086",
                                        "--detect.training-size", "2000"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'detect.training-size'")
                .hasMessageContaining("16384")
                .hasMessageNotContaining("'trainingSize'");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        "--kafka.bootstrap-servers", "k:9092",
                                        "--influxdb.url", "http://i:8086",
                                        "--detect.retrain-every-samples", "500"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Setting 'detect.retrain-every-samples' must be");
        assertThatThrownBy(
                        () ->
                                JobConfig.fromArgs(
                                        "--kafka.bootstrap-servers", "k:9092",
                                        "--influxdb.url", "http://i:8086",
                                        "--detect.contamination", "0.7"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'detect.contamination'");
    }

    @Test
    void argumentsOverrideTheFileAndFlinkStylePrefixesAreAccepted(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(
                file,
                "# job settings\n"
                        + "smartinfra.kafka.bootstrap-servers: file-kafka:9092\n"
                        + "influxdb.url: \"http://file-influx:8086\"\n"
                        + "influxdb.batch-size: 500\n"
                        + "watermark.idleness: 2 min\n");
        JobConfig c =
                JobConfig.fromArgs(
                        "--config",
                        file.toString(),
                        "--influxdb.batch-size=250",
                        "--parallelism",
                        "3");
        assertThat(c.kafkaBootstrapServers).isEqualTo("file-kafka:9092");
        assertThat(c.influxUrl).isEqualTo("http://file-influx:8086");
        assertThat(c.influxBatchSize).isEqualTo(250);
        assertThat(c.idleness).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.parallelism).isEqualTo(3);
    }

    @Test
    void missingRequiredSettingIsNamed() {
        assertThatThrownBy(() -> JobConfig.fromArgs("--influxdb.url", "http://i:8086"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'kafka.bootstrap-servers' is required");
    }

    @Test
    void wrongValuesAreRefusedWithTheSettingsName() {
        assertThatThrownBy(() -> with("influxdb.url", "influx:8086"))
                .hasMessageContaining("'influxdb.url' must be an http(s) URL");
        assertThatThrownBy(() -> with("checkpoint.interval", "often"))
                .hasMessageContaining("'checkpoint.interval' must be a duration");
        assertThatThrownBy(() -> with("influxdb.batch-size", "-1"))
                .hasMessageContaining("'influxdb.batch-size' must be a positive integer");
        assertThatThrownBy(() -> with("influxdb.max-buffered", "1000"))
                .hasMessageContaining("'influxdb.max-buffered' must be greater than");
        assertThatThrownBy(() -> with("kafka.starting-offsets", "middle"))
                .hasMessageContaining("'kafka.starting-offsets' must be one of");
        assertThatThrownBy(() -> with("kafka.topic.dead-letter", "metrics"))
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> with("kafka.bounded", "yes"))
                .hasMessageContaining("'kafka.bounded' must be true or false");
    }

    @Test
    void theInfluxDbSinkRidesOutOutagesByDefaultAndHasNoRetryLimit() {
        JobConfig c = JobConfig.fromArgs(REQUIRED);
        assertThat(c.influxMaxBuffered).isEqualTo(300_000);
        assertThat(c.influxConfigurationRetry).isEqualTo(Duration.ofMinutes(1));
        assertThat(with("influxdb.config-error-retry", "5min").influxConfigurationRetry)
                .isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> with("influxdb.max-retries", "8"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Setting 'influxdb.max-retries' no longer exists")
                .hasMessageContaining("retries transient failures without limit");
        assertThatThrownBy(() -> with("smartinfra.influxdb.max-retries", "8"))
                .hasMessageStartingWith("Setting 'influxdb.max-retries' no longer exists");
    }

    @Test
    void unknownSettingsAreRefusedSoTyposDoNotFallBackToDefaults() {
        assertThatThrownBy(() -> with("influxdb.bukket", "x"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Unknown setting 'influxdb.bukket'");
        assertThatThrownBy(() -> JobConfig.fromArgs("kafka.bootstrap-servers", "x"))
                .hasMessageContaining("not of the form --key value");
        assertThatThrownBy(() -> JobConfig.fromArgs("--influxdb.url"))
                .hasMessageContaining("has no value");
    }

    @Test
    void alertSettingsConfigureTheAlertSection() {
        JobConfig c =
                JobConfig.fromArgs(
                        "--kafka.bootstrap-servers", "kafka:9092",
                        "--influxdb.url", "http://influxdb:8086",
                        "--alert.group-wait", "10s",
                        "--smartinfra.alert.repeat-interval", "2h");
        assertThat(c.alert.groupWait).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.alert.repeatInterval).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> with("alert.group-wiat", "10s"))
                .hasMessageContaining("Unknown setting 'alert.group-wiat'");
    }

    @Test
    void secretsComeFromAFileOrTheEnvironmentAndAreNamedWhenMissing(@TempDir Path dir)
            throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "s3cret\n");
        assertThat(Secrets.read("UNSET_VARIABLE_FOR_TEST", token.toString(), "influxdb.token-file"))
                .isEqualTo("s3cret");
        assertThatThrownBy(
                        () -> Secrets.read("UNSET_VARIABLE_FOR_TEST", null, "influxdb.token-file"))
                .hasMessageContaining("UNSET_VARIABLE_FOR_TEST")
                .hasMessageContaining("influxdb.token-file");
        assertThatThrownBy(
                        () ->
                                Secrets.read(
                                        "UNSET_VARIABLE_FOR_TEST",
                                        dir.resolve("absent").toString(),
                                        "influxdb.token-file"))
                .hasMessageContaining("cannot be read");
    }

    /** The required settings and {@code key}. */
    public static JobConfig with(String key, String value) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap-servers", "kafka:9092");
        m.put("influxdb.url", "http://influxdb:8086");
        m.put(key, value);
        return JobConfig.fromMap(m);
    }
}
