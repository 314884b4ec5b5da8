package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WindowLabelTest {
    @Test
    void namesTheWindowInItsLargestWholeUnit() {
        assertThat(WindowLabel.of(Duration.ofMinutes(1))).isEqualTo("1m");
        assertThat(WindowLabel.of(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(WindowLabel.of(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(WindowLabel.of(Duration.ofMinutes(60))).isEqualTo("1h");
        assertThat(WindowLabel.of(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(WindowLabel.of(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
