package com.smartinfra.job.detect;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamField;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the anomaly detector, as five small immutable parts: {@link RuleLimits}, {@link
 * FeatureLayout}, {@link TrainingSchedule}, {@link ForestSettings} and {@link DriftSettings}, each
 * documenting and validating its own settings. The flat accessors below are kept for the code that
 * reads single values. {@link Builder#build()} validates and names the offending setting;
 * serializable, so a Flink operator (and a state serializer's snapshot) can carry it.
 */
public final class DetectorConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Upper bound of the checkpointed state of one host, in bytes. */
    public static final int MAX_STATE_BYTES = 16 * 1024;

    /**
     * The serialized form is the flat one of earlier versions (a savepoint's serializer snapshot
     * holds it), so that savepoints written before the split into parts still restore.
     */
    private static final ObjectStreamField[] serialPersistentFields = DetectorConfigForm.FIELDS;

    // not final only so that readObject can set them; never changed after construction
    private transient RuleLimits rules;
    private transient FeatureLayout features;
    private transient TrainingSchedule schedule;
    private transient ForestSettings forest;
    private transient DriftSettings drift;

    private DetectorConfig(
            RuleLimits rules,
            FeatureLayout features,
            TrainingSchedule schedule,
            ForestSettings forest,
            DriftSettings drift) {
        this.rules = rules;
        this.features = features;
        this.schedule = schedule;
        this.forest = forest;
        this.drift = drift;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DetectorConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        return DetectorConfigForm.toBuilder(this);
    }

    public RuleLimits rules() {
        return rules;
    }

    public FeatureLayout features() {
        return features;
    }

    public TrainingSchedule schedule() {
        return schedule;
    }

    public ForestSettings forest() {
        return forest;
    }

    public DriftSettings drift() {
        return drift;
    }

    public boolean rulesEnabled() {
        return rules.enabled();
    }

    public double cpuLimit() {
        return rules.cpuLimit();
    }

    public double memoryLimit() {
        return rules.memoryLimit();
    }

    public double diskLimit() {
        return rules.diskLimit();
    }

    public List<Metric> modelMetrics() {
        return features.modelMetrics();
    }

    public boolean deltaFeatures() {
        return features.deltaFeatures();
    }

    public int rollingWindow() {
        return features.rollingWindow();
    }

    public int shingle() {
        return features.shingle();
    }

    public int seasonPeriod() {
        return features.seasonPeriod();
    }

    public Duration warmUp() {
        return schedule.warmUp();
    }

    public int minTrainingSamples() {
        return schedule.minTrainingSamples();
    }

    public int trainingSize() {
        return schedule.trainingSize();
    }

    public int retrainEverySamples() {
        return schedule.retrainEverySamples();
    }

    public Duration retrainEvery() {
        return schedule.retrainEvery();
    }

    public int trees() {
        return forest.trees();
    }

    public int subsample() {
        return forest.subsample();
    }

    public int extensionLevel() {
        return forest.extensionLevel();
    }

    public double contamination() {
        return forest.contamination();
    }

    public int driftWindow() {
        return drift.driftWindow();
    }

    public double driftSigmas() {
        return drift.driftSigmas();
    }

    public double regimeChangeFraction() {
        return drift.regimeChangeFraction();
    }

    public int cooldownSamples() {
        return drift.cooldownSamples();
    }

    public int recurrenceEpisodes() {
        return drift.recurrenceEpisodes();
    }

    public long seed() {
        return forest.seed();
    }

    public double limitOf(Metric m) {
        return rules.limitOf(m);
    }

    public int featuresPerMetric() {
        return features.featuresPerMetric();
    }

    public int featureCount() {
        return features.featureCount();
    }

    public int historyLength() {
        return features.historyLength();
    }

    public int windowCapacity() {
        return schedule.windowCapacity();
    }

    /** An upper bound of {@link HostDetector#toBytes()} for any host name up to 253 bytes. */
    public int maxStateBytes() {
        int f = featureCount();
        int window = drift.driftWindow();
        int rows = windowCapacity() * (4 * f + 4) + window * (4 * f + 12);
        int recent = window * 5;
        int history =
                Metric.values().length * (historyLength() + 2) * 8
                        + features.modelMetrics().size() * features.seasonPeriod() * 4;
        return 512 + rows + recent + history;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        DetectorConfigForm.write(this, out);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        DetectorConfig c = DetectorConfigForm.read(in).parts();
        rules = c.rules;
        features = c.features;
        schedule = c.schedule;
        forest = c.forest;
        drift = c.drift;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof DetectorConfig && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }

    @Override
    public String toString() {
        return String.format(
                "DetectorConfig{rules=%s, %s, %s, %s, %s, seed=%d}",
                rules, features, schedule, forest, drift, forest.seed());
    }

    /** Builder with the production defaults. */
    public static final class Builder {
        boolean rulesEnabled = true;
        double cpuLimit = 85.0;
        double memoryLimit = 90.0;
        double diskLimit = 95.0;
        List<Metric> modelMetrics = List.of(Metric.CPU, Metric.MEMORY, Metric.DISK);
        boolean deltaFeatures = true;
        int rollingWindow = 0;
        int shingle = 0;
        int seasonPeriod = 0;
        Duration warmUp = Duration.ofMinutes(2);
        int minTrainingSamples = 32;
        int trainingSize = 384;
        int retrainEverySamples = 128;
        Duration retrainEvery = Duration.ofMinutes(30);
        int trees = 32;
        int subsample = 256;
        int extensionLevel = 0;
        double contamination = 0.001;
        int driftWindow = 32;
        double driftSigmas = 2.0;
        double regimeChangeFraction = 0.8;
        int cooldownSamples = 0;
        int recurrenceEpisodes = 6;
        long seed = 42L;

        Builder() {}

        public Builder rulesEnabled(boolean v) {
            rulesEnabled = v;
            return this;
        }

        public Builder cpuLimit(double v) {
            cpuLimit = v;
            return this;
        }

        public Builder memoryLimit(double v) {
            memoryLimit = v;
            return this;
        }

        public Builder diskLimit(double v) {
            diskLimit = v;
            return this;
        }

        public Builder modelMetrics(List<Metric> v) {
            modelMetrics = new ArrayList<>(Objects.requireNonNull(v, "modelMetrics"));
            return this;
        }

        public Builder deltaFeatures(boolean v) {
            deltaFeatures = v;
            return this;
        }

        public Builder rollingWindow(int v) {
            rollingWindow = v;
            return this;
        }

        public Builder shingle(int v) {
            shingle = v;
            return this;
        }

        public Builder seasonPeriod(int v) {
            seasonPeriod = v;
            return this;
        }

        public Builder warmUp(Duration v) {
            warmUp = v;
            return this;
        }

        public Builder minTrainingSamples(int v) {
            minTrainingSamples = v;
            return this;
        }

        public Builder trainingSize(int v) {
            trainingSize = v;
            return this;
        }

        public Builder retrainEverySamples(int v) {
            retrainEverySamples = v;
            return this;
        }

        public Builder retrainEvery(Duration v) {
            retrainEvery = v;
            return this;
        }

        public Builder trees(int v) {
            trees = v;
            return this;
        }

        public Builder subsample(int v) {
            subsample = v;
            return this;
        }

        public Builder extensionLevel(int v) {
            extensionLevel = v;
            return this;
        }

        public Builder contamination(double v) {
            contamination = v;
            return this;
        }

        public Builder driftWindow(int v) {
            driftWindow = v;
            return this;
        }

        public Builder driftSigmas(double v) {
            driftSigmas = v;
            return this;
        }

        public Builder regimeChangeFraction(double v) {
            regimeChangeFraction = v;
            return this;
        }

        public Builder cooldownSamples(int v) {
            cooldownSamples = v;
            return this;
        }

        public Builder recurrenceEpisodes(int v) {
            recurrenceEpisodes = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the setting that is wrong, as in code
         */
        public DetectorConfig build() {
            return build(SettingNames.CODE);
        }

        /**
         * Validates and builds; the message of a wrong setting names it with {@code names}.
         *
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public DetectorConfig build(SettingNames names) {
            DetectorConfig c = parts();
            c.rules.validate(names);
            c.features.validate(names);
            c.schedule.validate(names);
            c.forest.validate(names, c.featureCount());
            c.drift.validate(names);
            if (c.maxStateBytes() > MAX_STATE_BYTES) {
                throw names.invalidTogether(
                        "and the features give up to "
                                + c.maxStateBytes()
                                + " bytes of state per host, more than the "
                                + MAX_STATE_BYTES
                                + " allowed: lower "
                                + names.of("trainingSize"),
                        "trainingSize",
                        "retrainEverySamples",
                        "driftWindow");
            }
            return c;
        }

        /** The parts, not validated. */
        DetectorConfig parts() {
            return new DetectorConfig(
                    new RuleLimits(rulesEnabled, cpuLimit, memoryLimit, diskLimit),
                    new FeatureLayout(
                            modelMetrics, deltaFeatures, rollingWindow, shingle, seasonPeriod),
                    new TrainingSchedule(
                            warmUp,
                            minTrainingSamples,
                            trainingSize,
                            retrainEverySamples,
                            retrainEvery),
                    new ForestSettings(trees, subsample, extensionLevel, contamination, seed),
                    new DriftSettings(
                            driftWindow,
                            driftSigmas,
                            regimeChangeFraction,
                            cooldownSamples,
                            recurrenceEpisodes));
        }
    }
}
