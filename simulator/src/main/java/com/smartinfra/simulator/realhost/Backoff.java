package com.smartinfra.simulator.realhost;

import java.time.Duration;

/**
 * How long to wait before trying a failing target again: {@link #FIRST} after the first failure,
 * twice as long after each further one, at most {@code max}.
 */
public final class Backoff {
    public static final Duration FIRST = Duration.ofSeconds(1);

    private final Duration max;
    private int failures;

    public Backoff(Duration max) {
        this.max = max;
    }

    /** Records a failure; returns the wait before the next try. */
    public Duration failed() {
        failures++;
        long millis = FIRST.toMillis() << Math.min(failures - 1, 30);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }

    /** Records a success; returns how many failures came before it. */
    public int succeeded() {
        int before = failures;
        failures = 0;
        return before;
    }

    public int failures() {
        return failures;
    }
}
