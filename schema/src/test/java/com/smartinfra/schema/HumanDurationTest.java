package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void twoUnitsAtMostInTheWordsPeopleUse() {
        assertThat(HumanDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(HumanDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(HumanDuration.format(Duration.ofSeconds(3))).isEqualTo("3s");
        assertThat(HumanDuration.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HumanDuration.format(Duration.ofSeconds(60))).isEqualTo("1m");
        assertThat(HumanDuration.format(Duration.ofSeconds(150))).isEqualTo("2m 30s");
        assertThat(HumanDuration.format(Duration.ofMinutes(65))).isEqualTo("1h 5m");
        assertThat(HumanDuration.format(Duration.ofHours(1).plusSeconds(59))).isEqualTo("1h");
        assertThat(HumanDuration.format(Duration.ofHours(51))).isEqualTo("2d 3h");
        assertThat(HumanDuration.format(Duration.ZERO)).isEqualTo("0ms");
        assertThat(HumanDuration.format(Duration.ofNanos(1500))).isEqualTo("1us");
        assertThat(HumanDuration.format(Duration.ofSeconds(-90))).isEqualTo("-1m 30s");
    }
}
