package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void readsWhatPeopleWriteInSettings() {
        assertThat(HumanDuration.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(HumanDuration.parse("x", " 3s ")).isEqualTo(Duration.ofSeconds(3));
        assertThat(HumanDuration.parse("x", "1.5m")).isEqualTo(Duration.ofSeconds(90));
        assertThat(HumanDuration.parse("x", "5min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(HumanDuration.parse("x", "10 sec")).isEqualTo(Duration.ofSeconds(10));
        assertThat(HumanDuration.parse("x", "2H")).isEqualTo(Duration.ofHours(2));
        assertThat(HumanDuration.parse("x", "1d")).isEqualTo(Duration.ofDays(1));
        assertThat(HumanDuration.parse("x", "PT3S")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aBadValueIsASentenceThatNamesTheSetting() {
        assertThatThrownBy(() -> HumanDuration.parse("NO_DATA_AFTER", "soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "NO_DATA_AFTER must be a duration like 500ms, 3s, 1m, 2h or 1d, was 'soon'");
        assertThatThrownBy(() -> HumanDuration.parse("--duration", "99999999999d"))
                .hasMessage("--duration is too long: '99999999999d'");
        assertThatThrownBy(() -> HumanDuration.parse("x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
