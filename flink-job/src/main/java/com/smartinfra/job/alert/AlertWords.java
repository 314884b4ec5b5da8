package com.smartinfra.job.alert;

import com.smartinfra.schema.HumanDuration;
import java.time.Duration;
import java.time.Instant;

/**
 * The words of the explanations the alert lifecycle gives its no-data alerts: the lifecycle decides
 * what happened, the renderer side says it in English.
 */
final class AlertWords {
    private AlertWords() {}

    /** A silent host reports again. */
    static String dataArrivingAgain(String host) {
        return "Data from " + host + " is arriving again";
    }

    /**
     * A host is silent for {@code silentMs}; {@code lastSampleTime} is its last sample's time, or
     * negative when it never sent one.
     */
    static String noData(String host, long silentMs, long lastSampleTime) {
        return "No data from "
                + host
                + " for "
                + HumanDuration.format(Duration.ofMillis(silentMs))
                + (lastSampleTime >= 0
                        ? " (last sample " + Instant.ofEpochMilli(lastSampleTime) + ")"
                        : "");
    }
}
