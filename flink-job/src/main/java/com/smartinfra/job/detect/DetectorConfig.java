package com.smartinfra.job.detect;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the anomaly detector: threshold rules, features, warm-up, training and retraining,
 * threshold calibration and drift. Immutable; {@link Builder#build()} validates and names the
 * offending setting in its message. Serializable, so a Flink operator can carry it.
 */
public final class DetectorConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Upper bound of the checkpointed state of one host, in bytes. */
    public static final int MAX_STATE_BYTES = 16 * 1024;

    private final boolean rulesEnabled;
    private final double cpuLimit;
    private final double memoryLimit;
    private final double diskLimit;
    private final List<Metric> modelMetrics;
    private final boolean deltaFeatures;
    private final int rollingWindow;
    private final int shingle;
    private final int seasonPeriod;
    private final Duration warmUp;
    private final int minTrainingSamples;
    private final int trainingSize;
    private final int retrainEverySamples;
    private final Duration retrainEvery;
    private final int trees;
    private final int subsample;
    private final int extensionLevel;
    private final double contamination;
    private final int driftWindow;
    private final double driftSigmas;
    private final double regimeChangeFraction;
    private final int cooldownSamples;
    private final int recurrenceEpisodes;
    private final long seed;

    private DetectorConfig(Builder b) {
        this.rulesEnabled = b.rulesEnabled;
        this.cpuLimit = b.cpuLimit;
        this.memoryLimit = b.memoryLimit;
        this.diskLimit = b.diskLimit;
        this.modelMetrics = Collections.unmodifiableList(new ArrayList<>(b.modelMetrics));
        this.deltaFeatures = b.deltaFeatures;
        this.rollingWindow = b.rollingWindow;
        this.shingle = b.shingle;
        this.seasonPeriod = b.seasonPeriod;
        this.warmUp = b.warmUp;
        this.minTrainingSamples = b.minTrainingSamples;
        this.trainingSize = b.trainingSize;
        this.retrainEverySamples = b.retrainEverySamples;
        this.retrainEvery = b.retrainEvery;
        this.trees = b.trees;
        this.subsample = b.subsample;
        this.extensionLevel = b.extensionLevel;
        this.contamination = b.contamination;
        this.driftWindow = b.driftWindow;
        this.driftSigmas = b.driftSigmas;
        this.regimeChangeFraction = b.regimeChangeFraction;
        this.cooldownSamples = b.cooldownSamples;
        this.recurrenceEpisodes = b.recurrenceEpisodes;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static DetectorConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rulesEnabled = rulesEnabled;
        b.cpuLimit = cpuLimit;
        b.memoryLimit = memoryLimit;
        b.diskLimit = diskLimit;
        b.modelMetrics = new ArrayList<>(modelMetrics);
        b.deltaFeatures = deltaFeatures;
        b.rollingWindow = rollingWindow;
        b.shingle = shingle;
        b.seasonPeriod = seasonPeriod;
        b.warmUp = warmUp;
        b.minTrainingSamples = minTrainingSamples;
        b.trainingSize = trainingSize;
        b.retrainEverySamples = retrainEverySamples;
        b.retrainEvery = retrainEvery;
        b.trees = trees;
        b.subsample = subsample;
        b.extensionLevel = extensionLevel;
        b.contamination = contamination;
        b.driftWindow = driftWindow;
        b.driftSigmas = driftSigmas;
        b.regimeChangeFraction = regimeChangeFraction;
        b.cooldownSamples = cooldownSamples;
        b.recurrenceEpisodes = recurrenceEpisodes;
        b.seed = seed;
        return b;
    }

    /** Whether the threshold rules run at all. */
    public boolean rulesEnabled() {
        return rulesEnabled;
    }

    /** CPU above this percentage is an anomaly at once (rule {@code cpu>limit}). */
    public double cpuLimit() {
        return cpuLimit;
    }

    public double memoryLimit() {
        return memoryLimit;
    }

    public double diskLimit() {
        return diskLimit;
    }

    public double limitOf(Metric m) {
        switch (m) {
            case CPU:
                return cpuLimit;
            case MEMORY:
                return memoryLimit;
            case DISK:
                return diskLimit;
            default:
                throw new AssertionError(m);
        }
    }

    /** The metrics the isolation forest sees, in feature order. */
    public List<Metric> modelMetrics() {
        return modelMetrics;
    }

    /** Adds {@code x(t) - x(t-1)} per metric: sudden jumps that stay inside the usual range. */
    public boolean deltaFeatures() {
        return deltaFeatures;
    }

    /**
     * Length k of the short rolling statistics per metric (0 = off): the deviation of the value
     * from the mean of the previous k values, and the standard deviation of the last k values.
     */
    public int rollingWindow() {
        return rollingWindow;
    }

    /** Number of previous values per metric appended to the features (0 = off). */
    public int shingle() {
        return shingle;
    }

    /**
     * Samples per season (0 = off): adds {@code x(t) - x(t - period)} per metric, the change
     * against the same time one season ago. Meant for coarse sampling (a day of 5-minute samples is
     * 288), as the state keeps the last period of values.
     */
    public int seasonPeriod() {
        return seasonPeriod;
    }

    /** How much event time of samples a host needs before the model gives any verdict. */
    public Duration warmUp() {
        return warmUp;
    }

    /** The fewest clean samples the first model is trained on (also part of the warm-up). */
    public int minTrainingSamples() {
        return minTrainingSamples;
    }

    /** The most recent clean samples a model is trained on. */
    public int trainingSize() {
        return trainingSize;
    }

    /** Retrain after this many new clean samples. */
    public int retrainEverySamples() {
        return retrainEverySamples;
    }

    /** Retrain after this much event time, if new clean samples came. */
    public Duration retrainEvery() {
        return retrainEvery;
    }

    public int trees() {
        return trees;
    }

    /** Rows per tree (at most half the training set, so every row is out of bag for some trees). */
    public int subsample() {
        return subsample;
    }

    /** 0 = classic isolation forest (axis-parallel cuts); up to dimensions - 1. */
    public int extensionLevel() {
        return extensionLevel;
    }

    /**
     * Share of clean samples expected above the threshold: its quantile calibrates the threshold.
     */
    public double contamination() {
        return contamination;
    }

    /** Number of recent verdicts the drift checks look at. */
    public int driftWindow() {
        return driftWindow;
    }

    /** Retrain when the mean recent score moves this many score standard deviations. */
    public double driftSigmas() {
        return driftSigmas;
    }

    /**
     * When at least this share of the recent verdicts were model anomalies, the host has a new
     * normal: those samples join the training window and the model is retrained.
     */
    public double regimeChangeFraction() {
        return regimeChangeFraction;
    }

    /** After a model anomaly, the next this-many model anomalies of the host are not reported. */
    public int cooldownSamples() {
        return cooldownSamples;
    }

    /**
     * A model anomaly seen in this many separate episodes (a nightly job, a daily peak) joins the
     * training window at the next training: it is the host's normal. 0 = never.
     */
    public int recurrenceEpisodes() {
        return recurrenceEpisodes;
    }

    /** Seed of all training randomness; each host derives its own from it and its name. */
    public long seed() {
        return seed;
    }

    /**
     * Features per metric: the value, then delta, rolling deviation and std, seasonal change, then
     * the shingle.
     */
    public int featuresPerMetric() {
        return 1
                + (deltaFeatures ? 1 : 0)
                + (rollingWindow > 0 ? 2 : 0)
                + (seasonPeriod > 0 ? 1 : 0)
                + shingle;
    }

    public int featureCount() {
        return modelMetrics.size() * featuresPerMetric();
    }

    /** Values of history kept per metric for the derived features. */
    public int historyLength() {
        return Math.max(1, Math.max(rollingWindow, shingle));
    }

    /** Rows the training window holds: the training set plus the samples until the next retrain. */
    public int windowCapacity() {
        return trainingSize + retrainEverySamples;
    }

    /** An upper bound of {@link HostDetector#toBytes()} for any host name up to 253 bytes. */
    public int maxStateBytes() {
        int f = featureCount();
        int rows = windowCapacity() * (4 * f + 4) + driftWindow * (4 * f + 12);
        int recent = driftWindow * 5;
        int history =
                Metric.values().length * (historyLength() + 2) * 8
                        + modelMetrics.size() * seasonPeriod * 4;
        return 512 + rows + recent + history;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DetectorConfig)) {
            return false;
        }
        DetectorConfig c = (DetectorConfig) o;
        return toString().equals(c.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }

    @Override
    public String toString() {
        return "DetectorConfig{rules="
                + (rulesEnabled
                        ? "cpu>" + cpuLimit + ",memory>" + memoryLimit + ",disk>" + diskLimit
                        : "off")
                + ", metrics="
                + modelMetrics
                + ", delta="
                + deltaFeatures
                + ", rolling="
                + rollingWindow
                + ", shingle="
                + shingle
                + ", seasonPeriod="
                + seasonPeriod
                + ", warmUp="
                + warmUp
                + ", minTrainingSamples="
                + minTrainingSamples
                + ", trainingSize="
                + trainingSize
                + ", retrainEverySamples="
                + retrainEverySamples
                + ", retrainEvery="
                + retrainEvery
                + ", trees="
                + trees
                + ", subsample="
                + subsample
                + ", extensionLevel="
                + extensionLevel
                + ", contamination="
                + contamination
                + ", driftWindow="
                + driftWindow
                + ", driftSigmas="
                + driftSigmas
                + ", regimeChangeFraction="
                + regimeChangeFraction
                + ", cooldownSamples="
                + cooldownSamples
                + ", recurrenceEpisodes="
                + recurrenceEpisodes
                + ", seed="
                + seed
                + "}";
    }

    /** Builder with the production defaults. */
    public static final class Builder {
        private boolean rulesEnabled = true;
        private double cpuLimit = 85.0;
        private double memoryLimit = 90.0;
        private double diskLimit = 95.0;
        private List<Metric> modelMetrics = List.of(Metric.CPU, Metric.MEMORY, Metric.DISK);
        private boolean deltaFeatures = true;
        private int rollingWindow = 0;
        private int shingle = 0;
        private int seasonPeriod = 0;
        private Duration warmUp = Duration.ofMinutes(2);
        private int minTrainingSamples = 32;
        private int trainingSize = 384;
        private int retrainEverySamples = 64;
        private Duration retrainEvery = Duration.ofMinutes(30);
        private int trees = 50;
        private int subsample = 256;
        private int extensionLevel = 0;
        private double contamination = 0.002;
        private int driftWindow = 32;
        private double driftSigmas = 2.0;
        private double regimeChangeFraction = 0.8;
        private int cooldownSamples = 0;
        private int recurrenceEpisodes = 6;
        private long seed = 42L;

        private Builder() {}

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
         * @throws IllegalArgumentException naming the setting that is wrong
         */
        public DetectorConfig build() {
            for (Metric m : Metric.values()) {
                double limit =
                        m == Metric.CPU ? cpuLimit : m == Metric.MEMORY ? memoryLimit : diskLimit;
                if (!(limit > 0.0 && limit <= 100.0)) {
                    throw new IllegalArgumentException(
                            "detector setting '"
                                    + m.label()
                                    + "Limit' must be a percentage in (0, 100], was "
                                    + limit);
                }
            }
            if (modelMetrics.isEmpty()) {
                throw new IllegalArgumentException(
                        "detector setting 'modelMetrics' must name at least one metric");
            }
            if (EnumSet.copyOf(modelMetrics).size() != modelMetrics.size()) {
                throw new IllegalArgumentException(
                        "detector setting 'modelMetrics' names a metric twice: " + modelMetrics);
            }
            requireRange("rollingWindow", rollingWindow, 0, 64);
            if (rollingWindow == 1) {
                throw new IllegalArgumentException(
                        "detector setting 'rollingWindow' must be 0 (off) or at least 2, was 1");
            }
            requireRange("shingle", shingle, 0, 16);
            requireRange("seasonPeriod", seasonPeriod, 0, 2048);
            if (warmUp == null || warmUp.isNegative()) {
                throw new IllegalArgumentException(
                        "detector setting 'warmUp' must be a duration of 0 or more, was " + warmUp);
            }
            requireRange("minTrainingSamples", minTrainingSamples, 8, 100_000);
            requireRange("trainingSize", trainingSize, minTrainingSamples, 100_000);
            requireRange("retrainEverySamples", retrainEverySamples, 1, trainingSize);
            if (retrainEvery == null || retrainEvery.isNegative() || retrainEvery.isZero()) {
                throw new IllegalArgumentException(
                        "detector setting 'retrainEvery' must be a positive duration, was "
                                + retrainEvery);
            }
            requireRange("trees", trees, 1, 1000);
            requireRange("subsample", subsample, 4, 4096);
            int dims =
                    modelMetrics.size()
                            * (1
                                    + (deltaFeatures ? 1 : 0)
                                    + (rollingWindow > 0 ? 2 : 0)
                                    + (seasonPeriod > 0 ? 1 : 0)
                                    + shingle);
            requireRange("extensionLevel", extensionLevel, 0, dims - 1);
            if (!(contamination > 0.0 && contamination < 0.5)) {
                throw new IllegalArgumentException(
                        "detector setting 'contamination' must be in (0, 0.5), was "
                                + contamination);
            }
            requireRange("driftWindow", driftWindow, 4, 1024);
            if (!(driftSigmas > 0.0)) {
                throw new IllegalArgumentException(
                        "detector setting 'driftSigmas' must be positive, was " + driftSigmas);
            }
            if (!(regimeChangeFraction > 0.0 && regimeChangeFraction <= 1.0)) {
                throw new IllegalArgumentException(
                        "detector setting 'regimeChangeFraction' must be in (0, 1], was "
                                + regimeChangeFraction);
            }
            requireRange("cooldownSamples", cooldownSamples, 0, 100_000);
            requireRange("recurrenceEpisodes", recurrenceEpisodes, 0, driftWindow);
            DetectorConfig c = new DetectorConfig(this);
            if (c.maxStateBytes() > MAX_STATE_BYTES) {
                throw new IllegalArgumentException(
                        "detector settings 'trainingSize', 'retrainEverySamples', 'driftWindow' and"
                                + " the features give up to "
                                + c.maxStateBytes()
                                + " bytes of state per host, more than the "
                                + MAX_STATE_BYTES
                                + " allowed: lower 'trainingSize'");
            }
            return c;
        }

        private static void requireRange(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(
                        "detector setting '"
                                + name
                                + "' must be between "
                                + min
                                + " and "
                                + max
                                + ", was "
                                + v);
            }
        }
    }
}
