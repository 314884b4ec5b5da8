package com.smartinfra.job;

import java.lang.management.ManagementFactory;

/**
 * What the benchmark mains report beside their figures on a shared machine: the CPU time this JVM
 * used (every thread: the honest per-core figure) and the load average around the run.
 */
public final class BenchmarkMachine {
    private BenchmarkMachine() {}

    /** CPU time of this JVM so far, every thread, in nanoseconds. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The system's load average over the last minute. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
