package com.smartinfra.job;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * What the benchmark mains report beside their figures on a shared machine: the CPU time this JVM
 * used (every thread: the honest per-core figure) and the load average around the run; and the
 * deployment's state backend and checkpoint interval, which they run the job with.
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

    /**
     * The deployment's state backend and checkpoint interval.
     *
     * @param backend {@code state.backend.type}
     * @param interval {@code execution.checkpointing.interval}
     */
    public record Deployment(String backend, Duration interval) {
        /** Local-cluster settings with this backend, checkpoints under {@code tmp}, no restarts. */
        Configuration cluster(Path tmp) {
            Configuration flink = TestPipeline.noRestarts();
            flink.set(StateBackendOptions.STATE_BACKEND, backend);
            flink.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    tmp.resolve("checkpoints").toUri().toString());
            return flink;
        }
    }

    /** Reads the deployment's settings from {@code flinkConfDir}'s config.yaml. */
    public static Deployment deployment(String flinkConfDir) {
        Configuration conf = GlobalConfiguration.loadConfiguration(flinkConfDir);
        return new Deployment(
                conf.get(StateBackendOptions.STATE_BACKEND),
                conf.getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                flinkConfDir
                                                        + "/config.yaml sets no"
                                                        + " execution.checkpointing.interval")));
    }
}
