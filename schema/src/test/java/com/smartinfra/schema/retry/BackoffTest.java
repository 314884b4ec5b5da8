package com.smartinfra.schema.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesWithJitterUpToItsCapAndRetryAfterWinsWhenLonger() {
        Backoff b = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            assertThat(b.delayMillis(1)).isBetween(100L, 200L);
            assertThat(b.delayMillis(3)).isBetween(400L, 800L);
            assertThat(b.delayMillis(40, 0)).isBetween(5_000L, 10_000L);
        }
        assertThat(b.delayMillis(1, 30_000)).isEqualTo(30_000);
        assertThat(b.delayMillis(1, 3_600_000)).as("capped at 6 x max").isEqualTo(60_000);
    }

    @Test
    void jitterSpreadsTheWaitsOfWritersThatFailedTogether() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(
                        java.util.stream.IntStream.range(0, 50)
                                .mapToLong(i -> b.delayMillis(4))
                                .distinct()
                                .count())
                .isGreaterThan(10);
    }

    @Test
    void withoutJitterTheWaitIsExactlyTheDoubling() {
        Backoff b =
                Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)).withoutJitter();
        assertThat(b.delayMillis(1)).isEqualTo(1_000);
        assertThat(b.delayMillis(2)).isEqualTo(2_000);
        assertThat(b.delayMillis(5)).isEqualTo(16_000);
        assertThat(b.delayMillis(6)).isEqualTo(30_000);
        assertThat(b.delayMillis(1_000)).as("no overflow").isEqualTo(30_000);
        assertThat(b.max()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aMaxBelowTheFirstWaitIsRaisedToIt() {
        Backoff b =
                Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(1)).withoutJitter();
        assertThat(b.delayMillis(3)).isEqualTo(5_000);
    }
}
