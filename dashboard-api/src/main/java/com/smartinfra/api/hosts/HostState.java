package com.smartinfra.api.hosts;

import java.time.Duration;

/**
 * The state of a host until alerting exists, derived from the data alone, worst first:
 *
 * <ul>
 *   <li>{@code anomalous}: an anomaly stamped within the last {@link #ANOMALOUS_FOR};
 *   <li>{@code silent}: no sample within the last {@link #SILENT_AFTER} (host down, or its samples
 *       are stuck);
 *   <li>{@code ok}: otherwise.
 * </ul>
 */
public enum HostState {
    ANOMALOUS,
    SILENT,
    OK;

    public static final Duration ANOMALOUS_FOR = Duration.ofMinutes(5);
    public static final Duration SILENT_AFTER = Duration.ofMinutes(2);

    public static HostState of(long nowMs, long lastSeenMs, long lastAnomalyMs) {
        if (lastAnomalyMs >= 0 && lastAnomalyMs >= nowMs - ANOMALOUS_FOR.toMillis()) {
            return ANOMALOUS;
        }
        if (lastSeenMs < nowMs - SILENT_AFTER.toMillis()) {
            return SILENT;
        }
        return OK;
    }

    /** The name in JSON: {@code ok}, {@code anomalous}, {@code silent}. */
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
