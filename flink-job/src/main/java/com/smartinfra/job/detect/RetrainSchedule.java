package com.smartinfra.job.detect;

import com.smartinfra.job.detect.HostDetector.TrainingReason;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * When a host's model is trained, and the model itself: the first training after the warm-up, then
 * every {@link DetectorConfig#retrainEverySamples()} clean samples, after {@link
 * DetectorConfig#retrainEvery()}, when the mean recent score drifts by {@link
 * DetectorConfig#driftSigmas()} out-of-bag standard deviations, and on a regime change (most recent
 * samples flagged): they are the new normal, so they join the window and the host re-learns (no
 * model) until {@link DetectorConfig#minTrainingSamples()} samples of it are in. A new model is one
 * immutable object swapped in by one assignment; versions count from 1.
 *
 * <p>The model is not part of the state: after a restore it is rebuilt once, on first use, from the
 * same window rows and seed ({@link #model(long)}).
 */
final class RetrainSchedule {
    private static final TrainingReason[] REASONS = TrainingReason.values();

    private final DetectorConfig config;
    private final long hostSeed;
    private final TrainingWindow window;
    private final FeatureExtractor features;
    private final FlaggedRows flagged;

    // the last driftWindow verdicts while a model exists
    private final float[] recentScores;
    private final boolean[] recentFlags;
    private int recentCount;
    private int recentPos;

    private int version;
    private long trainedFrom;
    private long trainedTo;
    private long trainedAtMillis;
    private TrainingReason reason;

    /** Null while warming up, while re-learning, and after a restore until first use. */
    private ForestModel model;

    /**
     * After a regime change, the window sequence where the new normal starts (-1 otherwise): the
     * host collects samples of it, without model verdicts, before it trains again.
     */
    private long relearnFrom = -1;

    private int modelSpanSeconds;

    RetrainSchedule(
            DetectorConfig config,
            long hostSeed,
            TrainingWindow window,
            FeatureExtractor features,
            FlaggedRows flagged) {
        this.config = config;
        this.hostSeed = hostSeed;
        this.window = window;
        this.features = features;
        this.flagged = flagged;
        this.recentScores = new float[config.driftWindow()];
        this.recentFlags = new boolean[config.driftWindow()];
    }

    /**
     * The current model (rebuilt here once after a restore), or null when there is none; {@code
     * lastMillis} is the host's newest event time (when a rebuild has to be a new training).
     */
    ForestModel model(long lastMillis) {
        if (model == null && version > 0 && relearnFrom < 0) {
            rebuild(lastMillis);
        }
        return model;
    }

    /** Records the model's verdict on the latest sample, for the drift and regime checks. */
    void record(double score, boolean modelFlagged) {
        recentScores[recentPos] = (float) score;
        recentFlags[recentPos] = modelFlagged;
        recentPos = (recentPos + 1) % recentScores.length;
        if (recentCount < recentScores.length) {
            recentCount++;
        }
    }

    /**
     * Trains when one is due, after sample number {@code samples} (event times of the host's first
     * and newest samples).
     */
    void afterSample(long samples, long firstMillis, long lastMillis) {
        if (relearnFrom >= 0) {
            maybeRelearn(lastMillis);
            return;
        }
        if (version == 0) {
            if (window.size() >= config.minTrainingSamples()
                    && lastMillis - firstMillis >= config.warmUp().toMillis()) {
                train(TrainingReason.WARM_UP, lastMillis);
            }
            return;
        }
        long fresh = window.appended() - trainedTo;
        if (fresh >= config.retrainEverySamples()) {
            train(TrainingReason.SAMPLES, lastMillis);
        } else if (fresh > 0 && lastMillis - trainedAtMillis >= config.retrainEvery().toMillis()) {
            train(TrainingReason.TIME, lastMillis);
        } else if (recentCount == recentScores.length) {
            int flaggedCount = 0;
            double sum = 0.0;
            for (int i = 0; i < recentCount; i++) {
                sum += recentScores[i];
                if (recentFlags[i]) {
                    flaggedCount++;
                }
            }
            if (flaggedCount >= Math.ceil(config.regimeChangeFraction() * recentCount)) {
                // most recent samples look anomalous to the model: that is the new normal. They
                // join the window, and the host re-learns once there are enough of them.
                relearnFrom = window.appended();
                flagged.releaseRecent(window, samples, recentScores.length);
                clearRecent();
                model = null;
                maybeRelearn(lastMillis);
            } else if (fresh > 0
                    && Math.abs(sum / recentCount - model.oobMean())
                            > config.driftSigmas() * model.oobStd()) {
                train(TrainingReason.DRIFT, lastMillis);
            }
        }
    }

    private void maybeRelearn(long lastMillis) {
        if (window.appended() - relearnFrom >= config.minTrainingSamples()) {
            relearnFrom = -1;
            train(TrainingReason.REGIME_CHANGE, lastMillis);
        }
    }

    private void train(TrainingReason why, long lastMillis) {
        if (model != null && config.recurrenceEpisodes() > 0) {
            flagged.admitRecurring(
                    window,
                    model,
                    features.tailed(),
                    config.recurrenceEpisodes(),
                    recentScores.length);
        }
        long to = window.appended();
        long from = Math.max(window.oldest(), to - config.trainingSize());
        int next = version + 1;
        // swap: everything a verdict reads comes from the one immutable model object
        model = build(from, to, next);
        version = next;
        trainedFrom = from;
        trainedTo = to;
        trainedAtMillis = lastMillis;
        reason = why;
        clearRecent();
    }

    /** Rebuilds the model after a restore from the rows it was trained on. */
    private void rebuild(long lastMillis) {
        if (trainedFrom < window.oldest() || trainedTo > window.appended()) {
            train(TrainingReason.RESTORE, lastMillis);
            return;
        }
        model = build(trainedFrom, trainedTo, version);
    }

    private ForestModel build(long from, long to, int v) {
        ForestModel m =
                ForestModel.train(
                        window,
                        from,
                        to,
                        config,
                        seedOf(v),
                        v,
                        features.tailed(),
                        features.scaleOf());
        modelSpanSeconds = window.second(to - 1) - window.second(from);
        return m;
    }

    private void clearRecent() {
        recentCount = 0;
        recentPos = 0;
    }

    private long seedOf(int v) {
        return HostDetector.mix(hostSeed + 0x9E3779B97F4A7C15L * v);
    }

    /** Version of the current model: 0 while warming up, then 1, 2, ... per training. */
    int version() {
        return version;
    }

    long trainedAt() {
        return trainedAtMillis;
    }

    TrainingReason reason() {
        return reason;
    }

    boolean relearning() {
        return relearnFrom >= 0;
    }

    int trainingRows() {
        return (int) (trainedTo - trainedFrom);
    }

    /** Seconds between the oldest and newest training rows of the current model. */
    int modelSpanSeconds() {
        return modelSpanSeconds;
    }

    /** Shares {@code other}'s model: it is immutable and would be rebuilt bit for bit. */
    void shareModelOf(RetrainSchedule other) {
        model = other.model;
        modelSpanSeconds = other.modelSpanSeconds;
    }

    // the state is written in two parts, around the window, as the format has always had it

    void writeVersionTo(DataOutput out) throws IOException {
        out.writeInt(version);
        out.writeLong(trainedFrom);
        out.writeLong(trainedTo);
        out.writeLong(trainedAtMillis);
        out.writeByte(reason == null ? -1 : reason.ordinal());
        out.writeLong(relearnFrom);
    }

    void readVersionFrom(DataInput in) throws IOException {
        version = in.readInt();
        trainedFrom = in.readLong();
        trainedTo = in.readLong();
        trainedAtMillis = in.readLong();
        int r = in.readByte();
        reason = r < 0 ? null : REASONS[r];
        relearnFrom = in.readLong();
    }

    void writeRecentTo(DataOutput out) throws IOException {
        out.writeShort(recentCount);
        for (int i = recentCount; i >= 1; i--) {
            int p = Math.floorMod(recentPos - i, recentScores.length);
            out.writeFloat(recentScores[p]);
            out.writeBoolean(recentFlags[p]);
        }
    }

    void readRecentFrom(DataInput in) throws IOException {
        int recent = in.readUnsignedShort();
        for (int i = 0; i < recent; i++) {
            float score = in.readFloat();
            boolean flag = in.readBoolean();
            if (i >= recent - recentScores.length) {
                record(score, flag);
            }
        }
    }
}
