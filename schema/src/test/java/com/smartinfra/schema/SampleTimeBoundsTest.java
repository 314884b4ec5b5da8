package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SampleTimeBoundsTest {
    private static final long NOW = 1_750_783_320_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private final SampleTimeBounds bounds = SampleTimeBounds.defaults();

    @Test
    void acceptsEverythingFromTheMaximumAgeToTheMaximumSkewAhead() {
        assertThatCode(
                        () -> {
                            bounds.check(NOW, NOW);
                            bounds.check(NOW - 7 * DAY, NOW);
                            bounds.check(NOW + Duration.ofMinutes(5).toMillis(), NOW);
                        })
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnOlderSampleNamingItsAge() {
        assertThatThrownBy(() -> bounds.check(NOW - 7 * DAY - 1, NOW))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessage("field 'timestamp' is 7 d old, more than the maximum age of 7 d");
        assertThatThrownBy(() -> bounds.check(NOW - 9 * DAY - Duration.ofHours(2).toMillis(), NOW))
                .hasMessage("field 'timestamp' is 9 d 2 h old, more than the maximum age of 7 d");
        SampleTimeBounds hour = new SampleTimeBounds(Duration.ofHours(1), Duration.ofSeconds(30));
        assertThatThrownBy(() -> hour.check(NOW - Duration.ofMinutes(61).toMillis(), NOW))
                .hasMessage("field 'timestamp' is 1 h 1 min old, more than the maximum age of 1 h");
    }

    @Test
    void refusesASampleTooFarAheadSayingHowFar() {
        assertThatThrownBy(() -> bounds.check(NOW + Duration.ofSeconds(301).toMillis(), NOW))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessage(
                        "field 'timestamp' is more than 300 s in the future (5 min 1 s ahead of"
                                + " the clock)");
    }

    @Test
    void hugeLimitsDoNotOverflow() {
        SampleTimeBounds lax =
                new SampleTimeBounds(
                        Duration.ofSeconds(Long.MAX_VALUE), Duration.ofSeconds(Long.MAX_VALUE));
        assertThatCode(
                        () -> {
                            lax.check(SampleJson.MIN_TIMESTAMP, SampleJson.MAX_TIMESTAMP);
                            lax.check(SampleJson.MAX_TIMESTAMP - 1, SampleJson.MIN_TIMESTAMP);
                        })
                .doesNotThrowAnyException();
    }

    @Test
    void describesDurationsInTheirTwoLargestUnits() {
        assertThat(SampleTimeBounds.describe(850)).isEqualTo("850 ms");
        assertThat(SampleTimeBounds.describe(45_000)).isEqualTo("45 s");
        assertThat(SampleTimeBounds.describe(Duration.ofSeconds(270).toMillis()))
                .isEqualTo("4 min 30 s");
        assertThat(SampleTimeBounds.describe(Duration.ofHours(26).toMillis())).isEqualTo("1 d 2 h");
    }
}
