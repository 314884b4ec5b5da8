package com.smartinfra.schema;

import java.time.Duration;

/**
 * A duration as people write it in a log line or a Slack message: {@code 500ms}, {@code 1500ms},
 * {@code 45s}, {@code 2m 30s}, {@code 1h 5m}, {@code 2d 3h} — two units at most, never {@code
 * PT2M30S}.
 */
public final class HumanDuration {
    private HumanDuration() {}

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
