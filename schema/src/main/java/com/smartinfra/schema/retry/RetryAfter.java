package com.smartinfra.schema.retry;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP date. The
 * one parser of the project (Slack's 429s, InfluxDB's 429/503s); callers decide what a missing or
 * unusable header means.
 */
public final class RetryAfter {
    private RetryAfter() {}

    /**
     * Milliseconds to wait from {@code nowMs}, never negative; empty when the header is absent,
     * blank or neither a number of seconds nor an HTTP date.
     */
    public static OptionalLong millis(String header, long nowMs) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String v = header.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0
                    ? OptionalLong.empty()
                    : OptionalLong.of(
                            Math.multiplyExact(Math.min(seconds, Long.MAX_VALUE / 1000), 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                long at =
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant()
                                .toEpochMilli();
                return OptionalLong.of(Math.max(0, at - nowMs));
            } catch (DateTimeParseException notADate) {
                return OptionalLong.empty();
            }
        }
    }
}
