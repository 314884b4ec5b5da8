package com.smartinfra.api.hosts;

import java.time.Duration;

/**
 * The state of a host until alerting exists, derived from the data alone, worst first:
 *
 * <ul>
 *   <li>{@code anomalous}: an anomaly stamped within the last {@link #ANOMALOUS_FOR};
 *   <li>{@code silent}: no sample within the last {@code silentAfter} (host down, or its samples
 *       are stuck): the API's {@code NO_DATA_AFTER}, the job's {@code alert.no-data.after};
 *   <li>{@code ok}: otherwise.
 * </ul>
 */
public enum HostState {
    ANOMALOUS,
    SILENT,
    OK;

    public static final Duration ANOMALOUS_FOR = Duration.ofMinutes(5);

    public static HostState of(
            long nowMs, long lastSeenMs, long lastAnomalyMs, Duration silentAfter) {
        if (lastAnomalyMs >= 0 && lastAnomalyMs >= nowMs - ANOMALOUS_FOR.toMillis()) {
            return ANOMALOUS;
        }
        if (lastSeenMs < nowMs - silentAfter.toMillis()) {
            return SILENT;
        }
        return OK;
    }

    /** The name in JSON: {@code ok}, {@code anomalous}, {@code silent}. */
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
