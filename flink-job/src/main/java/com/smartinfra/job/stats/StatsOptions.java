package com.smartinfra.job.stats;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The {@code stats.*} settings: the windowed statistics per host. */
public final class StatsOptions {
    public static final ConfigOption<Duration> WINDOW =
            key("stats.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Length of the per-host statistics windows (tumbling, event time).");

    public static final ConfigOption<Duration> LONG_WINDOW =
            key("stats.long-window")
                    .durationType()
                    .noDefaultValue()
                    .withDescription(
                            "Length of an optional second, longer statistics window (longer than stats.window); unset: none.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            key("stats.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long after a window's end a late sample still updates its statistics.");

    /** Every setting of this group, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL = List.of(WINDOW, LONG_WINDOW, ALLOWED_LATENESS);

    private StatsOptions() {}
}
