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
 * The anomaly detector of one host: threshold rules, then a per-host isolation forest. This class
 * puts the parts together and holds the state; the verdict on a sample is {@link SampleJudge}'s,
 * when to train is {@link RetrainSchedule}'s, which flagged rows join the window after all is
 * {@link FlaggedRows}'.
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
 *       for bit the same (see {@link CompactIsolationForest}), so verdicts continue unchanged.
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

    private final DetectorConfig config;
    private final String host;
    private final ThresholdRules rules;
    private final FeatureExtractor features;
    private final TrainingWindow window;
    private final FlaggedRows flagged;
    private final RetrainSchedule schedule;
    private final SampleJudge judge;

    private long samples;
    private long firstMillis;
    private long lastMillis;
    private int cooldown;

    private Status lastStatus = Status.WARMING_UP;
    private boolean lastReported;

    public HostDetector(String host, DetectorConfig config) {
        this.host = Objects.requireNonNull(host, "host");
        this.config = Objects.requireNonNull(config, "config");
        this.rules = new ThresholdRules(config);
        this.features = new FeatureExtractor(config);
        int dims = features.dimensions();
        this.window = new TrainingWindow(dims, config.windowCapacity());
        this.flagged = new FlaggedRows(dims, config.driftWindow());
        long hostSeed = mix(config.seed() ^ mix(host.hashCode()));
        this.schedule = new RetrainSchedule(config, hostSeed, window, features, flagged);
        this.judge = new SampleJudge(rules, features);
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
        ForestModel m = schedule.model(lastMillis);
        Metric breach = judge.judge(s, m);
        double score = judge.score();
        boolean modelFlagged = judge.modelFlagged();
        double[] row = judge.features();
        if (m != null) {
            schedule.record(score, modelFlagged);
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
                            schedule.version(),
                            Explainer.rule(s, rules, features, m, schedule.modelSpanSeconds()));
        } else if (modelFlagged) {
            lastStatus = Status.MODEL;
            flagged.hold(row, second, samples);
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
                                Explainer.model(
                                        s, row, features, m, schedule.modelSpanSeconds(), score));
                result.severity = judge.severity();
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
        schedule.afterSample(samples, firstMillis, lastMillis);
        return result;
    }

    /**
     * The verdict on {@code s} without learning from it, the scoring path (see {@link
     * SampleJudge}): {@link #lastScore()} and {@link #lastSeverity()} afterwards. Returns the first
     * breached rule, or null.
     */
    Metric judge(Sample s) {
        return judge.judge(s, schedule.model(lastMillis));
    }

    /** The features of the last judged sample (a reused array). */
    double[] lastFeatures() {
        return judge.features();
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

    private int secondsOf(long millis) {
        long s = Math.floorDiv(millis - firstMillis, 1000L);
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, s));
    }

    /** SplitMix64 finaliser: spreads seeds so neighbouring inputs give unrelated streams. */
    static long mix(long z) {
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
        return schedule.version();
    }

    /** Event time (ms) the current model was trained at: the host's newest sample then. */
    public long trainedAt() {
        return schedule.trainedAt();
    }

    /** Why the current model was trained, or null while warming up. */
    public TrainingReason trainingReason() {
        return schedule.reason();
    }

    /** The current calibrated threshold, or NaN while warming up. */
    public double threshold() {
        ForestModel m = schedule.model(lastMillis);
        return m == null ? Double.NaN : m.threshold();
    }

    /** Whether the host is re-learning after a regime change. */
    public boolean relearning() {
        return schedule.relearning();
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
        return judge.score();
    }

    /**
     * Where the last score lies in the host's calibrated score distribution: {@code ln P(S > score)
     * / ln(contamination)}, 1 at the threshold, 2 for a score as rare as contamination squared; NaN
     * while warming up.
     */
    public double lastSeverity() {
        return judge.severity();
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
        return schedule.trainingRows();
    }

    ForestModel model() {
        return schedule.model(lastMillis);
    }

    // ---------------------------------------------------------------- state

    /**
     * An independent copy of this host's state that shares the immutable model, read from {@code
     * written}: this host's {@link #writeTo(DataOutput) state}, written by the caller into a buffer
     * it reuses ({@link HostDetectorSerializer#copy}). Flink's heap state backend copies a detector
     * the first time it is touched after each checkpoint (copy-on-write); {@code
     * fromBytes(toBytes())} alone would leave the copy to retrain its forest, once per host and
     * checkpoint, for the same forest it would rebuild bit for bit.
     */
    HostDetector copyReadFrom(DataInput written) throws IOException {
        HostDetector c = readFrom(written, config);
        c.schedule.shareModelOf(schedule);
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
        out.writeShort(features.dimensions());
        out.writeLong(samples);
        out.writeLong(firstMillis);
        out.writeLong(lastMillis);
        out.writeInt(cooldown);
        schedule.writeVersionTo(out);
        features.writeTo(out);
        window.writeTo(out);
        flagged.writeTo(out);
        schedule.writeRecentTo(out);
    }

    public static HostDetector readFrom(DataInput in, DetectorConfig config) throws IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("unknown host detector state format " + format);
        }
        HostDetector d = new HostDetector(in.readUTF(), config);
        int dims = in.readUnsignedShort();
        if (dims != d.features.dimensions()) {
            throw new IOException(
                    "state of host '"
                            + d.host
                            + "' has "
                            + dims
                            + " features, the detector configuration gives "
                            + d.features.dimensions());
        }
        d.samples = in.readLong();
        d.firstMillis = in.readLong();
        d.lastMillis = in.readLong();
        d.cooldown = in.readInt();
        d.schedule.readVersionFrom(in);
        d.features.readFrom(in);
        d.window.readFrom(in);
        d.flagged.readFrom(in);
        d.schedule.readRecentFrom(in);
        return d;
    }
}
