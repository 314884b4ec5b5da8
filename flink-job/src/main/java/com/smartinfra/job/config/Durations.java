package com.smartinfra.job.config;

import com.smartinfra.schema.HumanDuration;
import java.time.Duration;

/**
 * Parses durations as written in Flink's config.yaml ({@code 500ms}, {@code 10s}, {@code 5 min})
 * with the project's one duration reader, in the job's words. Not Flink's TimeUtils: it reads a
 * bare {@code 10} as 10 ms, where a unit is required here.
 */
public final class Durations {
    private Durations() {}

    public static Duration parse(String setting, String value) {
        try {
            return HumanDuration.parse(setting, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "Setting '"
                            + setting
                            + "' must be a duration such as 500ms, 10s, 5min or 1h, was '"
                            + value
                            + "'.");
        }
    }
}
