package com.smartinfra.schema.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();

    @Test
    void secondsAreMilliseconds() {
        assertThat(RetryAfter.millis("30", NOW)).hasValue(30_000);
        assertThat(RetryAfter.millis(" 0 ", NOW)).hasValue(0);
    }

    @Test
    void anHttpDateIsTheTimeLeftUntilIt() {
        assertThat(RetryAfter.millis("Fri, 27 Nov 2026 10:01:30 GMT", NOW)).hasValue(90_000);
        assertThat(RetryAfter.millis("Fri, 27 Nov 2026 09:59:00 GMT", NOW))
                .as("a date in the past: retry now")
                .hasValue(0);
    }

    @Test
    void absentOrUnusableHeadersAreEmptyForTheCallerToDecide() {
        assertThat(RetryAfter.millis(null, NOW)).isEmpty();
        assertThat(RetryAfter.millis("  ", NOW)).isEmpty();
        assertThat(RetryAfter.millis("soon", NOW)).isEmpty();
        assertThat(RetryAfter.millis("-5", NOW)).isEmpty();
        assertThat(RetryAfter.millis("99999999999999999999", NOW)).isEmpty();
        assertThat(RetryAfter.millis(String.valueOf(Long.MAX_VALUE), NOW))
                .as("huge but a number: no overflow")
                .isPresent();
    }
}
