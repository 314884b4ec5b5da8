package com.smartinfra.simulator.generator;

/**
 * What a simulated host does; it shapes the host's baselines. Each range is {@code [min, max]} and
 * a host draws its own value from it, so two web servers look alike but not identical.
 */
public enum HostRole {
    WEB("web", 20, 40, 12, 18, 35, 50, 25, 45, 2, 8, 40, 120, 14),
    DB("db", 15, 35, 10, 16, 50, 60, 45, 65, 20, 60, 20, 60, 15),
    CACHE("cache", 10, 25, 10, 14, 50, 60, 15, 30, 1, 4, 60, 150, 13),
    // batch jobs run at night: the worker's day peaks at 02:00
    WORKER("worker", 25, 40, 12, 18, 30, 50, 20, 40, 5, 20, 5, 30, 2),
    QUEUE("queue", 15, 30, 10, 15, 35, 55, 30, 55, 10, 30, 30, 90, 14.5);

    final String prefix;
    final double cpuMin, cpuMax, cpuAmpMin, cpuAmpMax;
    final double memoryMin, memoryMax, diskMin, diskMax;
    final double diskIoMin, diskIoMax, netIoMin, netIoMax;
    final double peakHour;

    HostRole(
            String prefix,
            double cpuMin,
            double cpuMax,
            double cpuAmpMin,
            double cpuAmpMax,
            double memoryMin,
            double memoryMax,
            double diskMin,
            double diskMax,
            double diskIoMin,
            double diskIoMax,
            double netIoMin,
            double netIoMax,
            double peakHour) {
        this.prefix = prefix;
        this.cpuMin = cpuMin;
        this.cpuMax = cpuMax;
        this.cpuAmpMin = cpuAmpMin;
        this.cpuAmpMax = cpuAmpMax;
        this.memoryMin = memoryMin;
        this.memoryMax = memoryMax;
        this.diskMin = diskMin;
        this.diskMax = diskMax;
        this.diskIoMin = diskIoMin;
        this.diskIoMax = diskIoMax;
        this.netIoMin = netIoMin;
        this.netIoMax = netIoMax;
        this.peakHour = peakHour;
    }

    /** The host-name prefix, e.g. {@code web} for {@code web-01}. */
    public String prefix() {
        return prefix;
    }
}
