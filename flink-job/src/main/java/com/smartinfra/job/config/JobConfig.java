package com.smartinfra.job.config;

import com.smartinfra.job.alert.AlertConfig;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.SampleTimeBounds;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's whole configuration, read once in {@code main()} and validated before any operator is
 * built.
 *
 * <p>Settings come from a flat {@code key: value} file in Flink's config.yaml style ({@code
 * --config FILE}) and from program arguments ({@code --key value}), arguments winning. Unknown keys
 * are refused so a typo cannot silently fall back to a default. Secrets are not settings: the
 * InfluxDB token is read on the TaskManagers from {@link #influxTokenEnv} or {@link
 * #influxTokenFile}.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Every setting with its default ({@code null} = required or optional without default). */
    private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("job.name", "smart-infra-monitor");
        DEFAULTS.put("parallelism", null);
        DEFAULTS.put("kafka.bootstrap-servers", null);
        DEFAULTS.put("kafka.topic.metrics", "metrics");
        DEFAULTS.put("kafka.topic.dead-letter", "metrics-dlq");
        DEFAULTS.put("kafka.group-id", "smart-infra-monitor");
        DEFAULTS.put("kafka.starting-offsets", "committed");
        DEFAULTS.put("kafka.bounded", "false");
        DEFAULTS.put("kafka.dead-letter.delivery", "exactly-once");
        DEFAULTS.put("kafka.transactional-id-prefix", "smart-infra-dlq");
        DEFAULTS.put(
                "kafka.dead-letter.max-key-bytes",
                String.valueOf(DeadLetterSerializer.DEFAULT_MAX_KEY_BYTES));
        DEFAULTS.put(
                "kafka.dead-letter.max-value-bytes",
                String.valueOf(DeadLetterSerializer.DEFAULT_MAX_VALUE_BYTES));
        DEFAULTS.put("influxdb.url", null);
        DEFAULTS.put("influxdb.org", "smart-infra");
        DEFAULTS.put("influxdb.bucket", "metrics");
        DEFAULTS.put("influxdb.token-env", "INFLUXDB_TOKEN");
        DEFAULTS.put("influxdb.token-file", null);
        DEFAULTS.put("influxdb.batch-size", "1000");
        DEFAULTS.put("influxdb.flush-interval", "1s");
        DEFAULTS.put("influxdb.max-in-flight", "2");
        // points held per sink subtask while InfluxDB is down: 5 min at 1,000 points/s (~43 MB)
        DEFAULTS.put("influxdb.max-buffered", "300000");
        DEFAULTS.put("influxdb.retry-backoff", "200ms");
        DEFAULTS.put("influxdb.retry-backoff-max", "10s");
        DEFAULTS.put("influxdb.config-error-retry", "1min");
        DEFAULTS.put("influxdb.request-timeout", "30s");
        DEFAULTS.put("watermark.out-of-orderness", "10s");
        DEFAULTS.put("watermark.idleness", "1min");
        DEFAULTS.put(
                "ingest.max-future-skew",
                SampleTimeBounds.DEFAULT_MAX_FUTURE_SKEW.toMinutes() + "min");
        // below the InfluxDB bucket's retention (docs/reliability.md)
        DEFAULTS.put("ingest.max-age", SampleTimeBounds.DEFAULT_MAX_AGE.toDays() + "d");
        DEFAULTS.put("checkpoint.interval", "10s");
        DEFAULTS.put("checkpoint.timeout", "2min");
        DEFAULTS.put("detect.enabled", "true");
        DEFAULTS.put("detect.cpu-limit", "85");
        DEFAULTS.put("detect.memory-limit", "90");
        DEFAULTS.put("detect.disk-limit", "95");
        DEFAULTS.put("detect.warm-up", "2min");
        DEFAULTS.put("detect.state-ttl", "24h");
        // the model's settings; defaults are the detector's own (docs/detection.md)
        DetectorConfig d = DetectorConfig.defaults();
        DEFAULTS.put("detect.training-size", String.valueOf(d.trainingSize()));
        DEFAULTS.put("detect.retrain-every-samples", String.valueOf(d.retrainEverySamples()));
        DEFAULTS.put("detect.retrain-every", d.retrainEvery().toMinutes() + "min");
        DEFAULTS.put("detect.trees", String.valueOf(d.trees()));
        DEFAULTS.put("detect.subsample", String.valueOf(d.subsample()));
        DEFAULTS.put("detect.extension-level", String.valueOf(d.extensionLevel()));
        DEFAULTS.put("detect.contamination", String.valueOf(d.contamination()));
        DEFAULTS.put("stats.window", "1min");
        DEFAULTS.put("stats.long-window", null);
        DEFAULTS.put("stats.allowed-lateness", "30s");
    }

    public final String jobName;
    public final Integer parallelism;

    public final String kafkaBootstrapServers;
    public final String metricsTopic;
    public final String deadLetterTopic;
    public final String kafkaGroupId;
    public final StartingOffsets startingOffsets;
    public final boolean kafkaBounded;
    public final boolean deadLetterExactlyOnce;
    public final String transactionalIdPrefix;

    /** Bytes of an original key / value a dead letter carries; longer ones are cut (and hashed). */
    public final int deadLetterMaxKeyBytes;

    public final int deadLetterMaxValueBytes;

    public final String influxUrl;
    public final String influxOrg;
    public final String influxBucket;
    public final String influxTokenEnv;
    public final String influxTokenFile;
    public final int influxBatchSize;
    public final Duration influxFlushInterval;
    public final int influxMaxInFlight;
    public final int influxMaxBuffered;
    public final Duration influxRetryBackoff;
    public final Duration influxRetryBackoffMax;

    /** Wait between writes while InfluxDB refuses the token, bucket or org (401/403/404). */
    public final Duration influxConfigurationRetry;

    public final Duration influxRequestTimeout;

    public final Duration outOfOrderness;
    public final Duration idleness;
    public final Duration maxFutureSkew;

    /**
     * Samples older than this (by the job's clock) are dead letters: InfluxDB would refuse them.
     */
    public final Duration maxAge;

    public final Duration checkpointInterval;
    public final Duration checkpointTimeout;

    /** Length of the per-host statistics windows (tumbling, event time). */
    public final Duration statsWindow;

    /** Length of the optional second, longer statistics window, or {@code null}. */
    public final Duration statsLongWindow;

    /** How long after a window's end a late sample still updates its statistics. */
    public final Duration statsAllowedLateness;

    /** Detection on: rules and the per-host isolation forest. */
    public final boolean detectEnabled;

    /** The detector's settings (rule limits, warm-up; the rest at their evaluated defaults). */
    public final DetectorConfig detector;

    /** A host's detector state is dropped after this long without a sample. */
    public final Duration detectStateTtl;

    /** Alerting: the {@code alert.*} settings. */
    public final AlertConfig alert;

    /** Where a Kafka source starts when the group has no committed offset, or always. */
    public enum StartingOffsets {
        /** The group's committed offsets, else the earliest: resumes without loss. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    private JobConfig(Settings s, AlertConfig alert) {
        this.alert = alert;
        jobName = s.text("job.name");
        parallelism = s.optional("parallelism") == null ? null : s.positiveInt("parallelism");

        kafkaBootstrapServers = s.required("kafka.bootstrap-servers", "e.g. kafka:9092");
        metricsTopic = s.text("kafka.topic.metrics");
        deadLetterTopic = s.text("kafka.topic.dead-letter");
        if (metricsTopic.equals(deadLetterTopic)) {
            throw new InvalidConfigurationException(
                    "Setting 'kafka.topic.dead-letter' must differ from 'kafka.topic.metrics'.");
        }
        kafkaGroupId = s.text("kafka.group-id");
        startingOffsets =
                s.oneOf(
                        "kafka.starting-offsets",
                        StartingOffsets.class,
                        "committed|earliest|latest");
        kafkaBounded = s.bool("kafka.bounded");
        String delivery = s.text("kafka.dead-letter.delivery");
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new InvalidConfigurationException(
                    "Setting 'kafka.dead-letter.delivery' must be exactly-once or at-least-once,"
                            + " was '"
                            + delivery
                            + "'.");
        }
        deadLetterExactlyOnce = delivery.equals("exactly-once");
        transactionalIdPrefix = s.text("kafka.transactional-id-prefix");
        deadLetterMaxKeyBytes = s.positiveInt("kafka.dead-letter.max-key-bytes");
        deadLetterMaxValueBytes = s.positiveInt("kafka.dead-letter.max-value-bytes");
        long room = DeadLetterSerializer.MAX_REQUEST_SIZE - DeadLetterSerializer.HEADROOM_BYTES;
        if ((long) deadLetterMaxKeyBytes + deadLetterMaxValueBytes > room) {
            throw new InvalidConfigurationException(
                    "Settings 'kafka.dead-letter.max-key-bytes' ("
                            + deadLetterMaxKeyBytes
                            + ") and 'kafka.dead-letter.max-value-bytes' ("
                            + deadLetterMaxValueBytes
                            + ") must add up to at most "
                            + room
                            + ", so that a dead letter with its headers fits the producer's"
                            + " max.request.size of "
                            + DeadLetterSerializer.MAX_REQUEST_SIZE
                            + " bytes.");
        }

        influxUrl =
                Settings.httpUrl(
                        "influxdb.url",
                        s.required("influxdb.url", "e.g. http://influxdb:8086"),
                        "http://influxdb:8086");
        influxOrg = s.text("influxdb.org");
        influxBucket = s.text("influxdb.bucket");
        influxTokenEnv = s.text("influxdb.token-env");
        influxTokenFile = s.optional("influxdb.token-file");
        influxBatchSize = s.positiveInt("influxdb.batch-size");
        influxFlushInterval = s.positiveDuration("influxdb.flush-interval");
        influxMaxInFlight = s.positiveInt("influxdb.max-in-flight");
        influxMaxBuffered = s.positiveInt("influxdb.max-buffered");
        if (influxMaxBuffered <= influxBatchSize) {
            throw new InvalidConfigurationException(
                    "Setting 'influxdb.max-buffered' must be greater than 'influxdb.batch-size' ("
                            + influxBatchSize
                            + ").");
        }
        influxRetryBackoff = s.positiveDuration("influxdb.retry-backoff");
        influxRetryBackoffMax = s.positiveDuration("influxdb.retry-backoff-max");
        influxConfigurationRetry = s.positiveDuration("influxdb.config-error-retry");
        influxRequestTimeout = s.positiveDuration("influxdb.request-timeout");

        outOfOrderness = s.nonNegativeDuration("watermark.out-of-orderness");
        idleness = s.positiveDuration("watermark.idleness");
        maxFutureSkew = s.positiveDuration("ingest.max-future-skew");
        maxAge = s.positiveDuration("ingest.max-age");
        checkpointInterval = s.positiveDuration("checkpoint.interval");
        checkpointTimeout = s.positiveDuration("checkpoint.timeout");

        statsWindow = s.positiveDuration("stats.window");
        statsLongWindow =
                s.optional("stats.long-window") == null
                        ? null
                        : s.positiveDuration("stats.long-window");
        if (statsLongWindow != null && statsLongWindow.compareTo(statsWindow) <= 0) {
            throw new InvalidConfigurationException(
                    "Setting 'stats.long-window' must be longer than 'stats.window' ("
                            + statsWindow
                            + "), was "
                            + statsLongWindow
                            + ".");
        }
        statsAllowedLateness = s.nonNegativeDuration("stats.allowed-lateness");

        detectEnabled = s.bool("detect.enabled");
        detector = detector(s);
        detectStateTtl = s.positiveDuration("detect.state-ttl");
    }

    /** The detector's keys by the name its own validation messages use. */
    private static final Map<String, String> DETECTOR_KEYS =
            Map.of(
                    "trainingSize", "detect.training-size",
                    "retrainEverySamples", "detect.retrain-every-samples",
                    "retrainEvery", "detect.retrain-every",
                    "trees", "detect.trees",
                    "subsample", "detect.subsample",
                    "extensionLevel", "detect.extension-level",
                    "contamination", "detect.contamination");

    private static DetectorConfig detector(Settings s) {
        DetectorConfig.Builder b =
                DetectorConfig.defaults().toBuilder()
                        .cpuLimit(s.number("detect.cpu-limit", 0, 100))
                        .memoryLimit(s.number("detect.memory-limit", 0, 100))
                        .diskLimit(s.number("detect.disk-limit", 0, 100))
                        .warmUp(s.nonNegativeDuration("detect.warm-up"))
                        .trainingSize(s.positiveInt("detect.training-size"))
                        .retrainEverySamples(s.positiveInt("detect.retrain-every-samples"))
                        .retrainEvery(s.positiveDuration("detect.retrain-every"))
                        .trees(s.positiveInt("detect.trees"))
                        .subsample(s.positiveInt("detect.subsample"))
                        .extensionLevel(s.nonNegativeInt("detect.extension-level"))
                        .contamination(s.number("detect.contamination", 0, 0.5));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // the detector names its settings as in code; say them as the operator writes them
            String message = e.getMessage();
            for (Map.Entry<String, String> k : DETECTOR_KEYS.entrySet()) {
                message = message.replace("'" + k.getKey() + "'", "'" + k.getValue() + "'");
            }
            throw new InvalidConfigurationException(message.replace("detector setting", "Setting"));
        }
    }

    /**
     * Whether {@code key} (with or without Flink's {@code smartinfra.} prefix) names a setting of
     * the job, {@code alert.*} included.
     */
    public static boolean isSetting(String key) {
        return DEFAULTS.containsKey(Settings.unprefixed(key)) || AlertConfig.isAlertKey(key);
    }

    /** Parses program arguments ({@code --key value}, {@code --config FILE}). */
    public static JobConfig fromArgs(String... args) {
        Map<String, String> fromArgs = new LinkedHashMap<>();
        String file = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new InvalidConfigurationException(
                        "Program argument '" + a + "' is not of the form --key value.");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq > 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new InvalidConfigurationException(
                        "Program argument '--" + key + "' has no value.");
            }
            if (key.equals("config")) {
                file = value;
            } else {
                fromArgs.put(key, value);
            }
        }
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            merged.putAll(readFile(Path.of(file)));
        }
        merged.putAll(fromArgs);
        return fromMap(merged);
    }

    /**
     * Builds from explicit settings (defaults fill the rest); {@code alert.*} keys configure the
     * alerting section ({@link AlertConfig}).
     */
    public static JobConfig fromMap(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (Settings.unprefixed(key).equals("influxdb.max-retries")) {
                throw new InvalidConfigurationException(
                        "Setting 'influxdb.max-retries' no longer exists: the InfluxDB sink retries"
                                + " transient failures without limit and never fails the job"
                                + " (docs/reliability.md); remove it.");
            }
        }
        Map<String, String> job = new LinkedHashMap<>();
        Map<String, String> alert = new LinkedHashMap<>();
        settings.forEach((k, v) -> (AlertConfig.isAlertKey(k) ? alert : job).put(k, v));
        return new JobConfig(
                Settings.of(DEFAULTS, job, "known settings (and alert.*)"),
                AlertConfig.fromMap(alert));
    }

    /** A flat {@code key: value} file; blank lines and {@code #} comments are ignored. */
    static Map<String, String> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigurationException(
                    "Setting 'config' names a file that cannot be read: " + file + ".");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidConfigurationException(
                        "Line " + (n + 1) + " of " + file + " is not of the form 'key: value'.");
            }
            String value = line.substring(colon + 1).strip();
            if (value.length() >= 2
                    && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            m.put(line.substring(0, colon).strip(), value);
        }
        return m;
    }
}
