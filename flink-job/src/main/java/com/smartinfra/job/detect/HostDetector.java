package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The anomaly detector of one host: threshold rules, then a per-host isolation forest.
 *
 * <ul>
 *   <li>Rules: a breach is an anomaly at once, reason = the rule name.
 *   <li>Warm-up: no model verdict until the host has {@link DetectorConfig#warmUp()} of samples and
 *       {@link DetectorConfig#minTrainingSamples()} clean ones.
 *   <li>Poisoning guard: only samples that neither a rule nor the model flagged join the bounded
 *       training window, and only they advance the history that deltas and rolling statistics are
 *       taken against.
 *   <li>Retraining: every {@link DetectorConfig#retrainEverySamples()} clean samples, after {@link
 *       DetectorConfig#retrainEvery()}, when the mean recent score drifts by {@link
 *       DetectorConfig#driftSigmas()} out-of-bag standard deviations, and on a regime change (most
 *       recent samples flagged): they are the new normal, so they join the window and the host
 *       re-learns (no model verdicts) until {@link DetectorConfig#minTrainingSamples()} samples of
 *       it are in. A new model is one immutable object swapped in by one assignment; versions count
 *       from 1.
 *   <li>Model anomaly: the isolation-forest score is above the host's calibrated threshold, or a
 *       feature lies beyond its own calibrated tail (the forest gives every point outside the
 *       training range the same path length, so it cannot tell how far outside a point is).
 *   <li>State: {@link #toBytes()} holds the window as floats plus counters, not the forest; the
 *       forest is rebuilt from the same rows and seed on first use after {@link #fromBytes}, bit
 *       for bit the same (see {@link ForestModel}), so verdicts continue unchanged.
 * </ul>
 *
 * <p>Not thread-safe: one instance per host, used by one thread (a keyed Flink operator).
 */
public final class HostDetector {
    /** What the last sample was judged. */
    public enum Status {
        /** No model yet, or re-learning after a regime change (and no rule breach). */
        WARMING_UP,
        NORMAL,
        /** A threshold rule fired. */
        RULE,
        /** The model flagged it (reported unless in cool-down, see {@link #lastReported()}). */
        MODEL
    }

    /** Why the current model was trained. */
    public enum TrainingReason {
        WARM_UP,
        SAMPLES,
        TIME,
        DRIFT,
        REGIME_CHANGE,
        /** The state came from a configuration whose window no longer holds the training rows. */
        RESTORE
    }

    private static final int FORMAT = 1;
    private static final double RECURRENCE_DISTANCE = 0.2;
    private static final TrainingReason[] REASONS = TrainingReason.values();

    private final DetectorConfig config;
    private final String host;
    private final long hostSeed;
    private final ThresholdRules rules;
    private final FeatureExtractor features;
    private final TrainingWindow window;
    private final double[] row;

    // model-flagged rows since the last training: they join the window on a regime change
    private final TrainingWindow pending;

    // for each pending row, the sample count when it was flagged
    private final long[] pendingSample;

    // the last driftWindow verdicts while a model exists
    private final float[] recentScores;
    private final boolean[] recentFlags;
    private int recentCount;
    private int recentPos;

    private long samples;
    private long firstMillis;
    private long lastMillis;
    private int cooldown;

    private int modelVersion;
    private long trainedFrom;
    private long trainedTo;
    private long trainedAtMillis;
    private TrainingReason trainingReason;

    /** Null while warming up, while re-learning, and after a restore until the next sample. */
    private ForestModel model;

    /**
     * After a regime change, the window sequence where the new normal starts (-1 otherwise): the
     * host collects samples of it, without model verdicts, before it trains again.
     */
    private long relearnFrom = -1;

    private int modelSpanSeconds;

    private Status lastStatus = Status.WARMING_UP;
    private boolean lastReported;
    private double lastScore = Double.NaN;
    private double lastSeverity = Double.NaN;
    private boolean modelFlagged;

    public HostDetector(String host, DetectorConfig config) {
        this.host = Objects.requireNonNull(host, "host");
        this.config = Objects.requireNonNull(config, "config");
        this.hostSeed = mix(config.seed() ^ mix(host.hashCode()));
        this.rules = new ThresholdRules(config);
        this.features = new FeatureExtractor(config);
        int dims = features.dimensions();
        this.window = new TrainingWindow(dims, config.windowCapacity());
        this.pending = new TrainingWindow(dims, config.driftWindow());
        this.pendingSample = new long[config.driftWindow()];
        this.row = new double[dims];
        this.recentScores = new float[config.driftWindow()];
        this.recentFlags = new boolean[config.driftWindow()];
    }

    /**
     * Judges one sample of this host and learns from it.
     *
     * @return the anomaly, or null when the sample is normal (or a model anomaly in cool-down)
     */
    public Anomaly process(Sample s) {
        if (samples == 0) {
            firstMillis = s.timestamp;
            lastMillis = s.timestamp;
        }
        samples++;
        lastMillis = Math.max(lastMillis, s.timestamp);
        ensureModel();
        Metric breach = judge(s);
        ForestModel m = model;
        double score = lastScore;
        boolean flagged = modelFlagged;
        if (m != null) {
            pushRecent(score, flagged);
        }
        int second = secondsOf(s.timestamp);

        Anomaly result = null;
        lastReported = false;
        if (breach != null) {
            lastStatus = Status.RULE;
            lastReported = true;
            result =
                    anomaly(
                            s,
                            rules.reason(s),
                            breach.valueOf(s),
                            rules.limit(breach),
                            modelVersion,
                            Explainer.rule(s, rules, features, m, modelSpanSeconds));
        } else if (flagged) {
            lastStatus = Status.MODEL;
            holdPending(row, second, samples);
            if (cooldown == 0) {
                lastReported = true;
                cooldown = config.cooldownSamples();
                result =
                        anomaly(
                                s,
                                Anomaly.MODEL,
                                score,
                                m.threshold(),
                                m.version(),
                                Explainer.model(s, row, features, m, modelSpanSeconds, score));
            } else {
                cooldown--;
            }
        } else {
            lastStatus = m == null ? Status.WARMING_UP : Status.NORMAL;
            window.append(row, second);
            // deltas and rolling statistics are taken against clean samples only: the way back
            // from a spike is not a second anomaly
            features.advance(s);
            if (cooldown > 0) {
                cooldown--;
            }
        }
        maybeTrain();
        return result;
    }

    /**
     * The verdict on {@code s} without learning from it, the scoring path: the features (into
     * {@link #row}), the model's score and severity ({@link #lastScore}, {@link #lastSeverity}) and
     * whether the model flags it ({@link #modelFlagged}). Returns the first breached rule, or null.
     */
    Metric judge(Sample s) {
        features.extract(s, row);
        ForestModel m = model;
        double score = Double.NaN;
        double severity = Double.NaN;
        boolean flagged = false;
        if (m != null) {
            score = m.score(row);
            double tail = m.tailSeverity(row);
            flagged = score > m.threshold() || tail > 1.0;
            severity = Math.max(m.severity(score), tail);
        }
        lastScore = score;
        lastSeverity = severity;
        modelFlagged = flagged;
        return rules.firstBreach(s);
    }

    /** The features of the last judged sample (a reused array). */
    double[] lastFeatures() {
        return row;
    }

    private void maybeRelearn() {
        if (window.appended() - relearnFrom >= config.minTrainingSamples()) {
            relearnFrom = -1;
            train(TrainingReason.REGIME_CHANGE);
        }
    }

    private void maybeTrain() {
        if (relearnFrom >= 0) {
            maybeRelearn();
            return;
        }
        if (modelVersion == 0) {
            if (window.size() >= config.minTrainingSamples()
                    && lastMillis - firstMillis >= config.warmUp().toMillis()) {
                train(TrainingReason.WARM_UP);
            }
            return;
        }
        long fresh = window.appended() - trainedTo;
        if (fresh >= config.retrainEverySamples()) {
            train(TrainingReason.SAMPLES);
        } else if (fresh > 0 && lastMillis - trainedAtMillis >= config.retrainEvery().toMillis()) {
            train(TrainingReason.TIME);
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
                for (long p = pending.oldest(); p < pending.appended(); p++) {
                    if (pendingSampleOf(p) > samples - recentScores.length) {
                        window.append(pending.rows(p, p + 1)[0], pending.second(p));
                    }
                }
                pending.clear();
                recentCount = 0;
                recentPos = 0;
                model = null;
                maybeRelearn();
            } else if (fresh > 0
                    && Math.abs(sum / recentCount - model.oobMean())
                            > config.driftSigmas() * model.oobStd()) {
                train(TrainingReason.DRIFT);
            }
        }
    }

    private void train(TrainingReason reason) {
        if (model != null && config.recurrenceEpisodes() > 0) {
            admitRecurring(model);
        }
        long to = window.appended();
        long from = Math.max(window.oldest(), to - config.trainingSize());
        int version = modelVersion + 1;
        ForestModel next =
                ForestModel.train(
                        window,
                        from,
                        to,
                        config,
                        seedOf(version),
                        version,
                        features.tailed(),
                        features.scaleOf());
        // swap: everything a verdict reads comes from the one immutable model object
        model = next;
        modelVersion = version;
        trainedFrom = from;
        trainedTo = to;
        trainedAtMillis = lastMillis;
        trainingReason = reason;
        modelSpanSeconds = window.second(to - 1) - window.second(from);
        recentCount = 0;
        recentPos = 0;
    }

    private Anomaly anomaly(
            Sample s,
            String reason,
            double score,
            double threshold,
            int version,
            String explanation) {
        return new Anomaly(
                host,
                s.timestamp,
                s.cpu,
                s.memory,
                s.disk,
                reason,
                score,
                threshold,
                version,
                explanation);
    }

    /** Keeps a model-flagged row out of the window, with the number of the sample it came from. */
    private void holdPending(double[] r, int second, long sample) {
        pendingSample[(int) (pending.appended() % pendingSample.length)] = sample;
        pending.append(r, second);
    }

    private long pendingSampleOf(long seq) {
        return pendingSample[(int) (seq % pendingSample.length)];
    }

    /**
     * The poisoning guard keeps flagged samples out of the window, so an event the host shows again
     * and again (a nightly job) would be an anomaly forever. A flagged row joins the window when
     * rows like it (within a fifth of each feature's p1..p99 range) were flagged in at least {@link
     * DetectorConfig#recurrenceEpisodes()} separate episodes, an episode being a run of flagged
     * samples less than a drift window apart: one long incident is a single episode.
     */
    private void admitRecurring(ForestModel m) {
        int n = pending.size();
        if (n < config.recurrenceEpisodes()) {
            return;
        }
        long first = pending.oldest();
        double[][] rows = pending.rows(first, pending.appended());
        long[] at = new long[n];
        int[] seconds = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = pendingSampleOf(first + i);
            seconds[i] = pending.second(first + i);
        }
        // episodes: runs of flagged rows (alike or not) less than a drift window apart; the
        // pending rows are in flagging order
        int[] episode = new int[n];
        for (int i = 1; i < n; i++) {
            episode[i] = episode[i - 1] + (at[i] - at[i - 1] > recentScores.length ? 1 : 0);
        }
        boolean[] tailed = features.tailed();
        boolean[] admit = new boolean[n];
        for (int i = 0; i < n; i++) {
            int episodes = 0;
            int last = -1;
            for (int j = 0; j < n; j++) {
                if (episode[j] != last && close(rows[i], rows[j], m, tailed)) {
                    episodes++;
                    last = episode[j];
                }
            }
            admit[i] = episodes >= config.recurrenceEpisodes();
        }
        pending.clear();
        for (int i = 0; i < n; i++) {
            if (admit[i]) {
                window.append(rows[i], seconds[i]);
            } else {
                holdPending(rows[i], seconds[i], at[i]);
            }
        }
    }

    /**
     * Alike on every feature: both ordinary on it, or within a fifth of its range of each other.
     */
    private static boolean close(double[] a, double[] b, ForestModel m, boolean[] tailed) {
        for (int f = 0; f < a.length; f++) {
            if (!tailed[f]) {
                continue;
            }
            double tolerance = RECURRENCE_DISTANCE * Math.max(m.high(f) - m.low(f), 1e-9);
            double lo = m.low(f) - tolerance;
            double hi = m.high(f) + tolerance;
            boolean bothOrdinary = a[f] >= lo && a[f] <= hi && b[f] >= lo && b[f] <= hi;
            if (!bothOrdinary && Math.abs(a[f] - b[f]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    /** Rebuilds the model after a restore from the rows it was trained on. */
    private void ensureModel() {
        if (model != null || modelVersion == 0 || relearnFrom >= 0) {
            return;
        }
        if (trainedFrom < window.oldest() || trainedTo > window.appended()) {
            train(TrainingReason.RESTORE);
            return;
        }
        model =
                ForestModel.train(
                        window,
                        trainedFrom,
                        trainedTo,
                        config,
                        seedOf(modelVersion),
                        modelVersion,
                        features.tailed(),
                        features.scaleOf());
        modelSpanSeconds = window.second(trainedTo - 1) - window.second(trainedFrom);
    }

    private void pushRecent(double score, boolean flagged) {
        recentScores[recentPos] = (float) score;
        recentFlags[recentPos] = flagged;
        recentPos = (recentPos + 1) % recentScores.length;
        if (recentCount < recentScores.length) {
            recentCount++;
        }
    }

    private int secondsOf(long millis) {
        long s = Math.floorDiv(millis - firstMillis, 1000L);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
    }

    private long seedOf(int version) {
        return mix(hostSeed + 0x9E3779B97F4A7C15L * version);
    }

    /** SplitMix64 finaliser: spreads seeds so neighbouring inputs give unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public String host() {
        return host;
    }

    public DetectorConfig config() {
        return config;
    }

    /** Version of the current model: 0 while warming up, then 1, 2, ... per training. */
    public int modelVersion() {
        return modelVersion;
    }

    /** Event time (ms) the current model was trained at: the host's newest sample then. */
    public long trainedAt() {
        return trainedAtMillis;
    }

    /** Why the current model was trained, or null while warming up. */
    public TrainingReason trainingReason() {
        return trainingReason;
    }

    /** The current calibrated threshold, or NaN while warming up. */
    public double threshold() {
        ensureModel();
        return model == null ? Double.NaN : model.threshold();
    }

    /** Whether the host is re-learning after a regime change. */
    public boolean relearning() {
        return relearnFrom >= 0;
    }

    public Status lastStatus() {
        return lastStatus;
    }

    /** Whether the last sample produced an {@link Anomaly}. */
    public boolean lastReported() {
        return lastReported;
    }

    /** The model's score of the last sample, or NaN while warming up. */
    public double lastScore() {
        return lastScore;
    }

    /**
     * Where the last score lies in the host's calibrated score distribution: {@code ln P(S > score)
     * / ln(contamination)}, 1 at the threshold, 2 for a score as rare as contamination squared; NaN
     * while warming up.
     */
    public double lastSeverity() {
        return lastSeverity;
    }

    public long samplesSeen() {
        return samples;
    }

    /** Clean rows in the training window. */
    public int windowSize() {
        return window.size();
    }

    /** Rows the current model was trained on (0 while warming up). */
    public int trainingRows() {
        return (int) (trainedTo - trainedFrom);
    }

    ForestModel model() {
        ensureModel();
        return model;
    }

    // ---------------------------------------------------------------- state

    /**
     * An independent copy of this host's state that shares the immutable model. Flink's heap state
     * backend copies a detector the first time it is touched after each checkpoint (copy-on-write);
     * {@code fromBytes(toBytes())} alone would leave the copy to retrain its forest, once per host
     * and checkpoint, for the same forest it would rebuild bit for bit.
     */
    public HostDetector copy() {
        HostDetector c;
        try {
            c = fromBytes(toBytes(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the detector of " + host, e);
        }
        c.model = model;
        c.modelSpanSeconds = modelSpanSeconds;
        return c;
    }

    /** The checkpointable state: at most {@link DetectorConfig#maxStateBytes()} bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(config.maxStateBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a host written by {@link #toBytes()}.
     *
     * @throws IOException when the bytes are not such a state or its features do not match {@code
     *     config}
     */
    public static HostDetector fromBytes(byte[] state, DetectorConfig config) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            return readFrom(in, config);
        }
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeByte(FORMAT);
        out.writeUTF(host);
        out.writeShort(row.length);
        out.writeLong(samples);
        out.writeLong(firstMillis);
        out.writeLong(lastMillis);
        out.writeInt(cooldown);
        out.writeInt(modelVersion);
        out.writeLong(trainedFrom);
        out.writeLong(trainedTo);
        out.writeLong(trainedAtMillis);
        out.writeByte(trainingReason == null ? -1 : trainingReason.ordinal());
        out.writeLong(relearnFrom);
        features.writeTo(out);
        window.writeTo(out);
        pending.writeTo(out);
        for (long p = pending.oldest(); p < pending.appended(); p++) {
            out.writeLong(pendingSampleOf(p));
        }
        out.writeShort(recentCount);
        for (int i = recentCount; i >= 1; i--) {
            int p = Math.floorMod(recentPos - i, recentScores.length);
            out.writeFloat(recentScores[p]);
            out.writeBoolean(recentFlags[p]);
        }
    }

    public static HostDetector readFrom(DataInput in, DetectorConfig config) throws IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("unknown host detector state format " + format);
        }
        HostDetector d = new HostDetector(in.readUTF(), config);
        int dims = in.readUnsignedShort();
        if (dims != d.row.length) {
            throw new IOException(
                    "state of host '"
                            + d.host
                            + "' has "
                            + dims
                            + " features, the detector configuration gives "
                            + d.row.length);
        }
        d.samples = in.readLong();
        d.firstMillis = in.readLong();
        d.lastMillis = in.readLong();
        d.cooldown = in.readInt();
        d.modelVersion = in.readInt();
        d.trainedFrom = in.readLong();
        d.trainedTo = in.readLong();
        d.trainedAtMillis = in.readLong();
        int reason = in.readByte();
        d.trainingReason = reason < 0 ? null : REASONS[reason];
        d.relearnFrom = in.readLong();
        d.features.readFrom(in);
        d.window.readFrom(in);
        d.pending.readFrom(in);
        for (long p = d.pending.oldest(); p < d.pending.appended(); p++) {
            d.pendingSample[(int) (p % d.pendingSample.length)] = in.readLong();
        }
        int recent = in.readUnsignedShort();
        for (int i = 0; i < recent; i++) {
            float score = in.readFloat();
            boolean flag = in.readBoolean();
            if (i >= recent - d.recentScores.length) {
                d.pushRecent(score, flag);
            }
        }
        return d;
    }
}
