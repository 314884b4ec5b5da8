package com.smartinfra.simulator.replay;

import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Plays a {@link NabSeries} as one host's cpu, re-timed onto the simulator clock: row {@code i} is
 * stamped {@code startMillis + i * interval} (to keep NAB's own timeline, pass its first timestamp
 * as the start and its spacing as the interval). Values are clamped to 0..100; memory and disk stay
 * at steady baselines with a little noise. Replayed samples carry no {@code injected} label: NAB
 * keeps its labels in separate window files.
 */
public final class NabReplay implements Iterator<Sample> {
    /** Steady memory baseline of the replayed host, percent. */
    public static final double MEMORY_BASELINE = 40.0;

    /** Steady disk baseline of the replayed host, percent. */
    public static final double DISK_BASELINE = 55.0;

    private final NabSeries series;
    private final String host;
    private final long startMillis;
    private final long intervalNanos;
    private final Random random;
    private int next;

    public NabReplay(
            NabSeries series, String host, Duration interval, long seed, long startMillis) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.series = series;
        this.host = host;
        this.startMillis = startMillis;
        this.intervalNanos = interval.toNanos();
        this.random = new Random(seed);
    }

    /** How many values lie outside 0..100 and are clamped (NAB holds non-percentage series too). */
    public int outOfRangeValues() {
        int n = 0;
        for (int i = 0; i < series.size(); i++) {
            double v = series.value(i);
            if (v < 0 || v > 100) {
                n++;
            }
        }
        return n;
    }

    public int size() {
        return series.size();
    }

    @Override
    public boolean hasNext() {
        return next < series.size();
    }

    @Override
    public Sample next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long i = next;
        long ts =
                startMillis
                        + i * (intervalNanos / 1_000_000)
                        + i * (intervalNanos % 1_000_000) / 1_000_000;
        double cpu = Math.max(0, Math.min(100, series.value(next)));
        double memory = MEMORY_BASELINE + 0.5 * gaussian();
        double disk = DISK_BASELINE + 0.1 * gaussian();
        next++;
        return new Sample(host, ts, round2(cpu), round2(memory), round2(disk));
    }

    private double gaussian() {
        return Math.max(-3, Math.min(3, random.nextGaussian()));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
