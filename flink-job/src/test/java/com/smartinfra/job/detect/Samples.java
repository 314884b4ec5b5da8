package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import java.util.Random;

/** Synthetic per-host series for the detector tests: seeded, so every test is repeatable. */
final class Samples {
    static final long T0 = 1_750_000_000_000L;

    private final Random random;
    private final String host;
    private final long stepMillis;
    private long t;
    double cpu = 30;
    double cpuNoise = 3;
    double memory = 55;
    double memoryNoise = 2;
    double disk = 40;
    double diskNoise = 0.2;

    /** For test discovery tools that instantiate every class they are pointed at. */
    private Samples() {
        this("h", 0, 1000);
    }

    Samples(String host, long seed, long stepMillis) {
        this.host = host;
        this.random = new Random(seed);
        this.stepMillis = stepMillis;
        this.t = T0;
    }

    /** The next sample around the current levels. */
    Sample next() {
        Sample s =
                new Sample(
                        host,
                        t,
                        clamp(cpu + cpuNoise * random.nextGaussian()),
                        clamp(memory + memoryNoise * random.nextGaussian()),
                        clamp(disk + diskNoise * random.nextGaussian()));
        t += stepMillis;
        return s;
    }

    /** The next sample with the given values (time still advances). */
    Sample at(double cpu, double memory, double disk) {
        Sample s = new Sample(host, t, cpu, memory, disk);
        t += stepMillis;
        return s;
    }

    long time() {
        return t;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(100, v));
    }
}
