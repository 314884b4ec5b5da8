package com.smartinfra.job.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as written in Flink's config.yaml: {@code 500ms}, {@code 10s}, {@code 5 min}.
 */
public final class Durations {
    private static final Pattern SIMPLE =
            Pattern.compile("(\\d+)\\s*(ms|s|sec|m|min|h|d)", Pattern.CASE_INSENSITIVE);

    private Durations() {}

    public static Duration parse(String setting, String value) {
        String v = value.strip();
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2).toLowerCase()) {
                case "ms":
                    return Duration.ofMillis(n);
                case "s":
                case "sec":
                    return Duration.ofSeconds(n);
                case "m":
                case "min":
                    return Duration.ofMinutes(n);
                case "h":
                    return Duration.ofHours(n);
                default:
                    return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(
                    "Setting '"
                            + setting
                            + "' must be a duration such as 500ms, 10s, 5min or 1h, was '"
                            + value
                            + "'.");
        }
    }
}
