package com.smartinfra.job.stats;

import java.time.Duration;

/**
 * The {@code window} tag of {@code host_stats}: a window length in the largest whole unit, {@code
 * 1d}, {@code 6h}, {@code 15m}, {@code 30s} or {@code 500ms} (the API's duration syntax).
 */
public final class WindowLabel {
    private WindowLabel() {}

    public static String of(Duration d) {
        long ms = d.toMillis();
        if (ms <= 0) {
            throw new IllegalArgumentException("window must be positive: " + d);
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }
}
