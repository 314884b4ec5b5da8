package com.smartinfra.simulator.generator;

import java.util.Random;

/**
 * The normal behaviour of one host: per-host baselines drawn once from its {@link HostRole}, a
 * daily load cycle, a slow mean-reverting wander and bounded noise.
 *
 * <p>Every random term is bounded (noise is clipped at three sigma), so normal values never exceed
 * {@link #NORMAL_CPU_MAX}, {@link #NORMAL_MEMORY_MAX} and {@link #NORMAL_DISK_MAX}; injected
 * anomalies start above those bounds, which is what makes the labels trustworthy for scoring.
 */
public final class HostModel {
    /** Upper bound of normal CPU: 40 base + 18 daily + 5 wander + 7.5 noise. */
    public static final double NORMAL_CPU_MAX = 71.0;

    /** Upper bound of normal memory: 60 base + 8 daily + 4 wander + 3 noise. */
    public static final double NORMAL_MEMORY_MAX = 75.0;

    /** Upper bound of normal disk: 65 base + 2.5 daily growth + 0.6 noise. */
    public static final double NORMAL_DISK_MAX = 69.0;

    /** Normal disk_io and net_io stay below this multiple of the host's baseline (1.4 x 1.45). */
    public static final double NORMAL_IO_MAX_FACTOR = 2.03;

    private static final double DAY_MS = 86_400_000.0;
    private static final double HOUR_MS = 3_600_000.0;

    private final String host;
    private final HostRole role;
    private final Random random;
    private final double cpuBase;
    private final double cpuAmplitude;
    private final double memoryBase;
    private final double memoryAmplitude;
    private final double diskBase;
    private final double diskIoBase;
    private final double netIoBase;
    private final double peakHour;
    private double cpuWander;
    private double memoryWander;

    /** A host with baselines drawn from {@code role} using {@code seed}. */
    public HostModel(String host, HostRole role, long seed) {
        this.host = host;
        this.role = role;
        this.random = new Random(seed);
        this.cpuBase = uniform(role.cpuMin, role.cpuMax);
        this.cpuAmplitude = uniform(role.cpuAmpMin, role.cpuAmpMax);
        this.memoryBase = uniform(role.memoryMin, role.memoryMax);
        this.memoryAmplitude = uniform(3, 8);
        this.diskBase = uniform(role.diskMin, role.diskMax);
        this.diskIoBase = uniform(role.diskIoMin, role.diskIoMax);
        this.netIoBase = uniform(role.netIoMin, role.netIoMax);
        this.peakHour = role.peakHour + uniform(-1, 1);
    }

    private double uniform(double min, double max) {
        return min + (max - min) * random.nextDouble();
    }

    /** Daily load in [0, 1]: 1 at the host's peak hour, 0 twelve hours later. */
    public double load(long timestampMillis) {
        double hour = Math.floorMod(timestampMillis, (long) DAY_MS) / HOUR_MS;
        return 0.5 + 0.5 * Math.cos(2 * Math.PI * (hour - peakHour) / 24.0);
    }

    /** Fills {@code out} with the next normal values at {@code timestampMillis}. */
    void next(long timestampMillis, Metrics out) {
        double load = load(timestampMillis);
        double dayFraction = Math.floorMod(timestampMillis, (long) DAY_MS) / DAY_MS;
        cpuWander = clamp(0.9 * cpuWander + 0.8 * Seeds.gaussian(random), -5, 5);
        memoryWander = clamp(0.97 * memoryWander + 0.25 * Seeds.gaussian(random), -4, 4);
        out.cpu = cpuBase + cpuAmplitude * load + cpuWander + 2.5 * Seeds.gaussian(random);
        out.memory = memoryBase + memoryAmplitude * load + memoryWander + Seeds.gaussian(random);
        // logs and temp files grow during the day and are rotated at midnight
        out.disk = diskBase + 2.5 * dayFraction + 0.2 * Seeds.gaussian(random);
        double activity = 0.6 + 0.8 * load;
        out.diskIo = diskIoBase * activity * (1 + 0.15 * Seeds.gaussian(random));
        out.netIo = netIoBase * activity * (1 + 0.15 * Seeds.gaussian(random));
    }

    static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    public String host() {
        return host;
    }

    public HostRole role() {
        return role;
    }

    /** Hour of day (UTC, fractional) at which this host's load peaks. */
    public double peakHour() {
        return peakHour;
    }

    public double cpuBaseline() {
        return cpuBase;
    }

    public double cpuDailyAmplitude() {
        return cpuAmplitude;
    }

    public double memoryBaseline() {
        return memoryBase;
    }

    public double diskBaseline() {
        return diskBase;
    }

    /** Typical disk_io of this host (MB/s) at average load. */
    public double diskIoBaseline() {
        return diskIoBase;
    }

    /** Typical net_io of this host (Mbit/s) at average load. */
    public double netIoBaseline() {
        return netIoBase;
    }
}
