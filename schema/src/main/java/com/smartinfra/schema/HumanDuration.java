package com.smartinfra.schema;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: read from settings ({@code 500ms}, {@code 3s}, {@code 1.5m},
 * {@code 5min}, {@code 2h}, {@code 1d}, ISO-8601 {@code PT3S}) and written in a log line or a Slack
 * message ({@code 500ms}, {@code 45s}, {@code 2m 30s}, {@code 1h 5m}, {@code 2d 3h}: two units at
 * most, never {@code PT2M30S}). The one reader and writer of durations outside Flink's options.
 */
public final class HumanDuration {
    private static final Pattern AMOUNT =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h|d)", Pattern.CASE_INSENSITIVE);

    /** Longer is a typo, not a setting (about 31,700 years). */
    private static final double MAX_MILLIS = 1e15;

    private HumanDuration() {}

    /**
     * Reads setting {@code name}'s {@code value}.
     *
     * @throws IllegalArgumentException with a sentence that names the setting
     */
    public static Duration parse(String name, String value) {
        String v = value == null ? "" : value.strip();
        Matcher m = AMOUNT.matcher(v);
        if (m.matches()) {
            double millis = Double.parseDouble(m.group(1)) * unitMillis(m.group(2));
            if (millis > MAX_MILLIS) {
                throw new IllegalArgumentException(name + " is too long: '" + value + "'");
            }
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + " must be a duration like 500ms, 3s, 1m, 2h or 1d, was '" + value + "'");
        }
    }

    private static long unitMillis(String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "ms":
                return 1;
            case "s":
            case "sec":
                return 1_000;
            case "m":
            case "min":
                return 60_000;
            case "h":
                return 3_600_000;
            default:
                return 86_400_000;
        }
    }

    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) {
            return d.toNanos() / 1000 + "us";
        }
        if (ms < 1000 || (ms < 60_000 && ms % 1000 != 0)) {
            return ms + "ms";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return pair(s / 60, "m", s % 60, "s");
        }
        if (s < 86_400) {
            return pair(s / 3600, "h", s % 3600 / 60, "m");
        }
        return pair(s / 86_400, "d", s % 86_400 / 3600, "h");
    }

    private static String pair(long big, String bigUnit, long small, String smallUnit) {
        return big + bigUnit + (small == 0 ? "" : " " + small + smallUnit);
    }
}
