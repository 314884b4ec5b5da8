package com.smartinfra.job.stats;

import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.time.Instant;

/**
 * What to log about samples that came too late for their statistics window, at most once per {@link
 * #INTERVAL}: the first one at once, then one summary per interval counting the rest. A burst of
 * late data (a host replaying an hour of backlog) then costs one log line a minute, not one per
 * sample. Not thread-safe; one per sink writer.
 */
final class LateSampleLog {
    static final Duration INTERVAL = Duration.ofMinutes(1);

    private final String window;
    private final Duration allowedLateness;
    private long lastLogMs;
    private boolean loggedBefore;
    private long pending;
    private Sample latest;

    LateSampleLog(String window, Duration allowedLateness) {
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    /** Records one late sample; returns the line to log now, or null inside the interval. */
    String record(Sample s, long nowMs) {
        pending++;
        latest = s;
        if (loggedBefore && nowMs - lastLogMs < INTERVAL.toMillis()) {
            return null;
        }
        loggedBefore = true;
        lastLogMs = nowMs;
        return take();
    }

    /** The summary of samples not yet logged (on close), or null. */
    String flush() {
        return pending == 0 ? null : take();
    }

    private String take() {
        String line =
                pending
                        + (pending == 1 ? " sample" : " samples")
                        + " arrived too late for the "
                        + window
                        + " host statistics (window closed more than "
                        + allowedLateness.toSeconds()
                        + " s before), latest: host "
                        + latest.host
                        + " at "
                        + Instant.ofEpochMilli(latest.timestamp)
                        + ". The samples are stored in system_metrics; only their windows'"
                        + " statistics miss them. Counted in metric samplesTooLateForStats.";
        pending = 0;
        latest = null;
        return line;
    }
}
