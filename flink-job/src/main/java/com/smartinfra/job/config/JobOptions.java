package com.smartinfra.job.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The job-wide settings: name, parallelism, checkpointing. */
public final class JobOptions {
    public static final ConfigOption<String> JOB_NAME =
            key("job.name")
                    .stringType()
                    .defaultValue("smart-infra-monitor")
                    .withDescription("The job's name in Flink.");

    public static final ConfigOption<Integer> PARALLELISM =
            key("parallelism")
                    .intType()
                    .noDefaultValue()
                    .withDescription("The job's parallelism; unset: the cluster's default.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("checkpoint.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Checkpointing is always on (exactly-once); this often.");

    public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT =
            key("checkpoint.timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(2))
                    .withDescription("A checkpoint not complete after this long is aborted.");

    public static final ConfigOption<Boolean> CHECKPOINT_SNAPSHOT_COMPRESSION =
            key("checkpoint.snapshot-compression")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Keyed state in checkpoints and savepoints is Snappy-compressed. Besides smaller files, this makes a restore read the files in blocks: uncompressed, Flink's heap backend reads a local checkpoint file a few bytes per system call (docs/benchmarks.md). Checkpoints written either way restore either way.");

    /** Every setting of this group, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    JOB_NAME,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL,
                    CHECKPOINT_TIMEOUT,
                    CHECKPOINT_SNAPSHOT_COMPRESSION);

    private JobOptions() {}
}
