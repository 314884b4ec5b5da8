package com.smartinfra.schema;

import java.io.Serializable;
import java.time.Duration;

/**
 * How far from "now" a sample's event time may be, on top of {@link SampleJson}'s fixed range: not
 * older than a maximum age and not further ahead than a maximum clock skew. The job's ingest and
 * the API's {@code POST /ingest} check with this one class, so they refuse the same samples.
 *
 * <p>Too old: InfluxDB refuses points older than its bucket's retention, and a refused point used
 * to stop the whole pipeline; the maximum age must stay well below the retention. Too far ahead: a
 * clock far ahead would drag event time (watermarks, windows) with it.
 */
public final class SampleTimeBounds implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A week: far inside the deployment's 30-day bucket retention, far beyond normal delays. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    /** Longer limits than this are taken as this: no arithmetic on epoch milliseconds overflows. */
    private static final long LONGEST_MILLIS = Duration.ofDays(365L * 1000).toMillis();

    private final long maxAgeMillis;
    private final long maxFutureSkewMillis;

    public SampleTimeBounds(Duration maxAge, Duration maxFutureSkew) {
        if (maxAge.isNegative() || maxAge.isZero() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException(
                    "the maximum age must be positive and the future skew not negative");
        }
        this.maxAgeMillis = clamp(maxAge);
        this.maxFutureSkewMillis = clamp(maxFutureSkew);
    }

    public static SampleTimeBounds defaults() {
        return new SampleTimeBounds(DEFAULT_MAX_AGE, DEFAULT_MAX_FUTURE_SKEW);
    }

    private static long clamp(Duration d) {
        return d.compareTo(Duration.ofMillis(LONGEST_MILLIS)) > 0 ? LONGEST_MILLIS : d.toMillis();
    }

    /**
     * Refuses an event time (epoch ms, within {@link SampleJson}'s range) too old or too far ahead
     * of {@code nowMillis}, with a reason that says by how much.
     */
    public void check(long timestamp, long nowMillis) throws InvalidSampleException {
        long age = nowMillis - timestamp;
        if (age > maxAgeMillis) {
            throw new InvalidSampleException(
                    "field 'timestamp' is "
                            + describe(age)
                            + " old, more than the maximum age of "
                            + describe(maxAgeMillis));
        }
        if (-age > maxFutureSkewMillis) {
            throw new InvalidSampleException(
                    "field 'timestamp' is more than "
                            + maxFutureSkewMillis / 1000
                            + " s in the future ("
                            + describe(-age)
                            + " ahead of the clock)");
        }
    }

    /** A duration for people: its two largest units, e.g. "9 d 2 h", "4 min 30 s", "850 ms". */
    static String describe(long millis) {
        long s = millis / 1000;
        if (s == 0) {
            return millis + " ms";
        }
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (s >= sizes[i]) {
                String text = s / sizes[i] + " " + units[i];
                long rest = i + 1 < sizes.length ? s % sizes[i] / sizes[i + 1] : 0;
                return rest == 0 ? text : text + " " + rest + " " + units[i + 1];
            }
        }
        throw new AssertionError(millis);
    }
}
