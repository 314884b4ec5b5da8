package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.JobConfig;
import com.smartinfra.job.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code stats.*} settings of {@link JobConfig}. */
class StatsSettingsTest {
    private static JobConfig config(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap-servers", "kafka:9092");
        m.put("influxdb.url", "http://influxdb:8086");
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return JobConfig.fromMap(m);
    }

    @Test
    void defaultsAreOneMinuteWindowsNoLongWindowAndThirtySecondsLateness() {
        JobConfig c = config();

        assertThat(c.statsWindow).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.statsLongWindow).isNull();
        assertThat(c.statsAllowedLateness).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void takesAllThree() {
        JobConfig c =
                config(
                        "stats.window", "30s",
                        "stats.long-window", "15min",
                        "stats.allowed-lateness", "0s");

        assertThat(c.statsWindow).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.statsLongWindow).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.statsAllowedLateness).isZero();
    }

    @Test
    void refusesBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> config("stats.window", "0s"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'stats.window'");
        assertThatThrownBy(() -> config("stats.window", "soon"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'stats.window'");
        assertThatThrownBy(() -> config("stats.long-window", "1min"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'stats.long-window' must be longer than 'stats.window'");
        assertThatThrownBy(() -> config("stats.allowed-lateness", "-1s"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'stats.allowed-lateness'");
    }
}
