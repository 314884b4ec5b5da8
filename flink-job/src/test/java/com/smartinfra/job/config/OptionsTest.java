package com.smartinfra.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.JobConfig;
import com.smartinfra.job.JobConfigTest;
import com.smartinfra.job.alert.AlertConfig;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** Every setting is read through its ConfigOption: unknown keys and bad values stop start-up. */
class OptionsTest {
    @Test
    void anUnknownKeyIsRefusedWithTheClosestKnownOne() {
        assertThatThrownBy(() -> JobConfigTest.with("detect.tress", "20"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(
                        "Unknown setting 'detect.tress'; did you mean 'detect.trees'?")
                .hasMessageContaining("docs/configuration.md");
        assertThatThrownBy(() -> JobConfigTest.with("smartinfra.alert.group-wiat", "10s"))
                .hasMessageStartingWith(
                        "Unknown setting 'smartinfra.alert.group-wiat'; did you mean"
                                + " 'alert.group-wait'?");
        assertThatThrownBy(() -> JobConfigTest.with("completely.different", "1"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Unknown setting 'completely.different'")
                .hasMessageNotContaining("did you mean");
        assertThatThrownBy(() -> AlertConfig.fromMap(Map.of("alert.no-data.afer", "1min")))
                .hasMessageContaining("did you mean 'alert.no-data.after'?");
    }

    /** A value no setting of a non-text type accepts: each refusal names its key. */
    @Test
    void aBadValueOfAnySettingStopsStartUpNamingTheKey() {
        int checked = 0;
        for (OptionGroup g : JobConfig.GROUPS) {
            for (ConfigOption<?> o : g.options()) {
                Object d = o.hasDefaultValue() ? o.defaultValue() : null;
                boolean typed =
                        d instanceof Number
                                || d instanceof Boolean
                                || d instanceof Duration
                                || o.key().equals("parallelism")
                                || o.key().equals("stats.long-window")
                                || o.key().equals("kafka.starting-offsets");
                if (!typed) {
                    continue;
                }
                assertThatThrownBy(() -> JobConfigTest.with(o.key(), "x!"))
                        .as(o.key())
                        .isInstanceOf(InvalidConfigurationException.class)
                        .hasMessageContaining("'" + o.key() + "'");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void badValuesAreNamedInOneSentence() {
        assertThatThrownBy(() -> JobConfigTest.with("detect.trees", "x"))
                .hasMessage("Setting 'detect.trees' must be an integer, was 'x'.");
        assertThatThrownBy(() -> JobConfigTest.with("detect.trees", "0"))
                .hasMessage("Setting 'detect.trees' must be a positive integer, was 0.");
        assertThatThrownBy(() -> JobConfigTest.with("detect.trees", "5000"))
                .hasMessage("Setting 'detect.trees' must be between 1 and 1000, was 5000");
        assertThatThrownBy(() -> JobConfigTest.with("detect.cpu-limit", "0"))
                .hasMessage("Setting 'detect.cpu-limit' must be a percentage in (0, 100], was 0.0");
        assertThatThrownBy(() -> JobConfigTest.with("influxdb.flush-interval", "soon"))
                .hasMessageStartingWith("Setting 'influxdb.flush-interval' must be a duration");
        assertThatThrownBy(() -> JobConfigTest.with("alert.model.page-severity", "0.5"))
                .hasMessageStartingWith("Setting 'alert.model.page-severity' must be a number");
        assertThatThrownBy(() -> JobConfigTest.with("job.name", " "))
                .hasMessage("Setting 'job.name' must not be empty.");
    }

    @Test
    void defaultsAreTheOptionsDefaults() {
        JobConfig c =
                JobConfig.fromMap(
                        Map.of(
                                "kafka.bootstrap-servers",
                                "k:9092",
                                "influxdb.url",
                                "http://i:8086"));
        assertThat(c.influxFlushInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.influxRetryBackoff).isEqualTo(Duration.ofMillis(200));
        assertThat(c.influxMaxInFlight).isEqualTo(2);
        assertThat(c.idleness).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.checkpointTimeout).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.detectStateTtl).isEqualTo(Duration.ofHours(24));
        assertThat(c.jobName).isEqualTo("smart-infra-monitor");
        assertThat(c.transactionalIdPrefix).isEqualTo("smart-infra-dlq");
        assertThat(c.alert.slackDeliveryJournalTopic).isEqualTo("alert-deliveries");
        assertThat(JobConfig.isSetting("smartinfra.detect.trees")).isTrue();
        assertThat(JobConfig.isSetting("detect.tress")).isFalse();
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(OptionReader.editDistance("bucket", "bukket")).isEqualTo(1);
        assertThat(OptionReader.editDistance("wait", "wiat")).isEqualTo(2);
        assertThat(OptionReader.editDistance("", "abc")).isEqualTo(3);
    }
}
