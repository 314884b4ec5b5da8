package com.smartinfra.job.detect;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

/**
 * The {@code detect.*} settings of the job. Defaults are the detector's own ({@link
 * DetectorConfig#defaults()}), measured in docs/detection.md; the settings not listed here keep
 * them.
 */
public final class DetectOptions {
    private static final DetectorConfig D = DetectorConfig.defaults();

    public static final ConfigOption<Boolean> ENABLED =
            key("detect.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Detection on: the threshold rules and the per-host model.");

    public static final ConfigOption<Double> CPU_LIMIT =
            key("detect.cpu-limit")
                    .doubleType()
                    .defaultValue(D.cpuLimit())
                    .withDescription("CPU above this percentage is an anomaly at once (rule).");

    public static final ConfigOption<Double> MEMORY_LIMIT =
            key("detect.memory-limit")
                    .doubleType()
                    .defaultValue(D.memoryLimit())
                    .withDescription("Memory above this percentage is an anomaly at once (rule).");

    public static final ConfigOption<Double> DISK_LIMIT =
            key("detect.disk-limit")
                    .doubleType()
                    .defaultValue(D.diskLimit())
                    .withDescription("Disk above this percentage is an anomaly at once (rule).");

    public static final ConfigOption<Duration> WARM_UP =
            key("detect.warm-up")
                    .durationType()
                    .defaultValue(D.warmUp())
                    .withDescription(
                            "Event time of samples a host needs before the model gives any"
                                    + " verdict.");

    public static final ConfigOption<Duration> STATE_TTL =
            key("detect.state-ttl")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription(
                            "A host's detector state is dropped after this long without a"
                                    + " sample.");

    public static final ConfigOption<Integer> TRAINING_SIZE =
            key("detect.training-size")
                    .intType()
                    .defaultValue(D.trainingSize())
                    .withDescription(
                            "The most recent clean samples a model is trained on (the state of a"
                                    + " host must stay within 16 KB).");

    public static final ConfigOption<Integer> RETRAIN_EVERY_SAMPLES =
            key("detect.retrain-every-samples")
                    .intType()
                    .defaultValue(D.retrainEverySamples())
                    .withDescription(
                            "Retrain after this many new clean samples (at most the training"
                                    + " size).");

    public static final ConfigOption<Duration> RETRAIN_EVERY =
            key("detect.retrain-every")
                    .durationType()
                    .defaultValue(D.retrainEvery())
                    .withDescription(
                            "Retrain after this much event time, if new clean samples came.");

    public static final ConfigOption<Integer> TREES =
            key("detect.trees")
                    .intType()
                    .defaultValue(D.trees())
                    .withDescription("Trees of the isolation forest (1 to 1000).");

    public static final ConfigOption<Integer> SUBSAMPLE =
            key("detect.subsample")
                    .intType()
                    .defaultValue(D.subsample())
                    .withDescription("Rows each tree is grown on (4 to 4096).");

    public static final ConfigOption<Integer> EXTENSION_LEVEL =
            key("detect.extension-level")
                    .intType()
                    .defaultValue(D.extensionLevel())
                    .withDescription(
                            "0: classic isolation forest (axis-parallel cuts); up to the number of"
                                    + " features - 1 (extended isolation forest).");

    public static final ConfigOption<Double> CONTAMINATION =
            key("detect.contamination")
                    .doubleType()
                    .defaultValue(D.contamination())
                    .withDescription(
                            "Share of clean samples expected above the threshold: its quantile"
                                    + " calibrates the threshold (0 to 0.5).");

    /** Every {@code detect.*} setting, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    ENABLED,
                    CPU_LIMIT,
                    MEMORY_LIMIT,
                    DISK_LIMIT,
                    WARM_UP,
                    STATE_TTL,
                    TRAINING_SIZE,
                    RETRAIN_EVERY_SAMPLES,
                    RETRAIN_EVERY,
                    TREES,
                    SUBSAMPLE,
                    EXTENSION_LEVEL,
                    CONTAMINATION);

    /** The detector's validation names these settings by their keys. */
    public static final SettingNames NAMES =
            SettingNames.keys(
                    Map.ofEntries(
                            Map.entry("cpuLimit", CPU_LIMIT.key()),
                            Map.entry("memoryLimit", MEMORY_LIMIT.key()),
                            Map.entry("diskLimit", DISK_LIMIT.key()),
                            Map.entry("warmUp", WARM_UP.key()),
                            Map.entry("trainingSize", TRAINING_SIZE.key()),
                            Map.entry("retrainEverySamples", RETRAIN_EVERY_SAMPLES.key()),
                            Map.entry("retrainEvery", RETRAIN_EVERY.key()),
                            Map.entry("trees", TREES.key()),
                            Map.entry("subsample", SUBSAMPLE.key()),
                            Map.entry("extensionLevel", EXTENSION_LEVEL.key()),
                            Map.entry("contamination", CONTAMINATION.key())));

    private DetectOptions() {}
}
