package com.smartinfra.job;

import com.smartinfra.job.alert.AlertConfig;
import com.smartinfra.job.alert.AlertOptions;
import com.smartinfra.job.config.ConfigurationReference;
import com.smartinfra.job.config.InvalidConfigurationException;
import com.smartinfra.job.config.JobOptions;
import com.smartinfra.job.config.KafkaOptions;
import com.smartinfra.job.config.OptionGroup;
import com.smartinfra.job.config.OptionReader;
import com.smartinfra.job.detect.DetectOptions;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.job.ingest.IngestOptions;
import com.smartinfra.job.stats.StatsOptions;
import com.smartinfra.job.store.InfluxOptions;
import com.smartinfra.schema.ProgramArguments;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;

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

    /**
     * Every setting of the job, by group: what start-up accepts and what docs/configuration.md
     * lists ({@link ConfigurationReference}).
     */
    public static final List<OptionGroup> GROUPS =
            List.of(
                    new OptionGroup("Job", "Name, parallelism and checkpointing.", JobOptions.ALL),
                    new OptionGroup(
                            "Kafka",
                            "Brokers, topics, the consumer group and dead-letter delivery.",
                            KafkaOptions.ALL),
                    new OptionGroup(
                            "Ingest",
                            "Event time, the accepted time range of samples and the size of dead"
                                    + " letters (docs/reliability.md).",
                            IngestOptions.ALL),
                    new OptionGroup(
                            "InfluxDB",
                            "Where and how samples are written. The token is a secret, read on the"
                                    + " TaskManagers from influxdb.token-env or influxdb.token-file;"
                                    + " it is never a setting.",
                            InfluxOptions.ALL),
                    new OptionGroup(
                            "Statistics", "The windowed statistics per host.", StatsOptions.ALL),
                    new OptionGroup(
                            "Detection",
                            "The threshold rules and the per-host isolation forest"
                                    + " (docs/detection.md). A combination whose state could"
                                    + " exceed 16 KB per host stops start-up.",
                            DetectOptions.ALL),
                    new OptionGroup(
                            "Alerting",
                            "The alert lifecycle and Slack delivery (docs/alerting.md). The Slack"
                                    + " webhook URL is a secret, read on the TaskManagers from"
                                    + " SLACK_WEBHOOK_URL or a file; it is never a setting.",
                            AlertOptions.ALL));

    private static final List<ConfigOption<?>> OPTIONS =
            GROUPS.stream().flatMap(g -> g.options().stream()).toList();

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
    public final Duration influxAnomaliesFlushInterval;
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
    public final boolean snapshotCompression;

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

    private JobConfig(OptionReader s) {
        this.alert = AlertConfig.read(s);
        jobName = s.text(JobOptions.JOB_NAME);
        parallelism = s.optionalPositiveInt(JobOptions.PARALLELISM);

        kafkaBootstrapServers = s.required(KafkaOptions.BOOTSTRAP_SERVERS, "e.g. kafka:9092");
        metricsTopic = s.text(KafkaOptions.METRICS_TOPIC);
        deadLetterTopic = s.text(KafkaOptions.DEAD_LETTER_TOPIC);
        if (metricsTopic.equals(deadLetterTopic)) {
            throw new InvalidConfigurationException(
                    "Setting 'kafka.topic.dead-letter' must differ from 'kafka.topic.metrics'.");
        }
        kafkaGroupId = s.text(KafkaOptions.GROUP_ID);
        startingOffsets = s.oneOf(KafkaOptions.STARTING_OFFSETS, StartingOffsets.class);
        kafkaBounded = s.bool(KafkaOptions.BOUNDED);
        String delivery = s.text(KafkaOptions.DEAD_LETTER_DELIVERY);
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new InvalidConfigurationException(
                    "Setting 'kafka.dead-letter.delivery' must be exactly-once or at-least-once,"
                            + " was '"
                            + delivery
                            + "'.");
        }
        deadLetterExactlyOnce = delivery.equals("exactly-once");
        transactionalIdPrefix = s.text(KafkaOptions.TRANSACTIONAL_ID_PREFIX);
        deadLetterMaxKeyBytes = s.positiveInt(IngestOptions.DEAD_LETTER_MAX_KEY_BYTES);
        deadLetterMaxValueBytes = s.positiveInt(IngestOptions.DEAD_LETTER_MAX_VALUE_BYTES);
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
                OptionReader.httpUrl(
                        InfluxOptions.URL.key(),
                        s.required(InfluxOptions.URL, "e.g. http://influxdb:8086"),
                        "http://influxdb:8086");
        influxOrg = s.text(InfluxOptions.ORG);
        influxBucket = s.text(InfluxOptions.BUCKET);
        influxTokenEnv = s.text(InfluxOptions.TOKEN_ENV);
        influxTokenFile = s.optional(InfluxOptions.TOKEN_FILE);
        influxBatchSize = s.positiveInt(InfluxOptions.BATCH_SIZE);
        influxFlushInterval = s.positiveDuration(InfluxOptions.FLUSH_INTERVAL);
        influxAnomaliesFlushInterval = s.positiveDuration(InfluxOptions.ANOMALIES_FLUSH_INTERVAL);
        influxMaxInFlight = s.positiveInt(InfluxOptions.MAX_IN_FLIGHT);
        influxMaxBuffered = s.positiveInt(InfluxOptions.MAX_BUFFERED);
        if (influxMaxBuffered <= influxBatchSize) {
            throw new InvalidConfigurationException(
                    "Setting 'influxdb.max-buffered' must be greater than 'influxdb.batch-size' ("
                            + influxBatchSize
                            + ").");
        }
        influxRetryBackoff = s.positiveDuration(InfluxOptions.RETRY_BACKOFF);
        influxRetryBackoffMax = s.positiveDuration(InfluxOptions.RETRY_BACKOFF_MAX);
        influxConfigurationRetry = s.positiveDuration(InfluxOptions.CONFIG_ERROR_RETRY);
        influxRequestTimeout = s.positiveDuration(InfluxOptions.REQUEST_TIMEOUT);

        outOfOrderness = s.nonNegativeDuration(IngestOptions.OUT_OF_ORDERNESS);
        idleness = s.positiveDuration(IngestOptions.IDLENESS);
        maxFutureSkew = s.positiveDuration(IngestOptions.MAX_FUTURE_SKEW);
        maxAge = s.positiveDuration(IngestOptions.MAX_AGE);
        checkpointInterval = s.positiveDuration(JobOptions.CHECKPOINT_INTERVAL);
        checkpointTimeout = s.positiveDuration(JobOptions.CHECKPOINT_TIMEOUT);
        snapshotCompression = s.bool(JobOptions.CHECKPOINT_SNAPSHOT_COMPRESSION);

        statsWindow = s.positiveDuration(StatsOptions.WINDOW);
        statsLongWindow = s.optionalPositiveDuration(StatsOptions.LONG_WINDOW);
        if (statsLongWindow != null && statsLongWindow.compareTo(statsWindow) <= 0) {
            throw new InvalidConfigurationException(
                    "Setting 'stats.long-window' must be longer than 'stats.window' ("
                            + statsWindow
                            + "), was "
                            + statsLongWindow
                            + ".");
        }
        statsAllowedLateness = s.nonNegativeDuration(StatsOptions.ALLOWED_LATENESS);

        detectEnabled = s.bool(DetectOptions.ENABLED);
        detector = detector(s);
        detectStateTtl = s.positiveDuration(DetectOptions.STATE_TTL);
    }

    /** The detector's settings; its own validation names them by their keys. */
    private static DetectorConfig detector(OptionReader s) {
        DetectorConfig.Builder b =
                DetectorConfig.builder()
                        .cpuLimit(s.number(DetectOptions.CPU_LIMIT, 0, 100))
                        .memoryLimit(s.number(DetectOptions.MEMORY_LIMIT, 0, 100))
                        .diskLimit(s.number(DetectOptions.DISK_LIMIT, 0, 100))
                        .warmUp(s.nonNegativeDuration(DetectOptions.WARM_UP))
                        .trainingSize(s.positiveInt(DetectOptions.TRAINING_SIZE))
                        .retrainEverySamples(s.positiveInt(DetectOptions.RETRAIN_EVERY_SAMPLES))
                        .retrainEvery(s.positiveDuration(DetectOptions.RETRAIN_EVERY))
                        .trees(s.positiveInt(DetectOptions.TREES))
                        .subsample(s.positiveInt(DetectOptions.SUBSAMPLE))
                        .extensionLevel(s.nonNegativeInt(DetectOptions.EXTENSION_LEVEL))
                        .contamination(s.number(DetectOptions.CONTAMINATION, 0, 0.5));
        try {
            return b.build(DetectOptions.NAMES);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(e.getMessage());
        }
    }

    /**
     * Whether {@code key} (with or without Flink's {@code smartinfra.} prefix) names a setting of
     * the job, {@code alert.*} included.
     */
    public static boolean isSetting(String key) {
        String k = OptionReader.unprefixed(key);
        return OPTIONS.stream().anyMatch(o -> o.key().equals(k));
    }

    /** Parses program arguments ({@code --key value}, {@code --config FILE}). */
    public static JobConfig fromArgs(String... args) {
        Map<String, String> fromArgs = new LinkedHashMap<>();
        String file = null;
        List<ProgramArguments.Option> options;
        try {
            // names are checked with the settings (fromMap), which suggests the closest one
            options = ProgramArguments.parse(args, name -> true, name -> false);
        } catch (ProgramArguments.BadArgumentException e) {
            throw new InvalidConfigurationException(
                    e.problem == ProgramArguments.Problem.NO_VALUE
                            ? "Program argument '" + e.argument + "' has no value."
                            : "Program argument '"
                                    + e.argument
                                    + "' is not of the form --key value.");
        }
        for (ProgramArguments.Option o : options) {
            String key = o.name().substring(2);
            if (key.equals("config")) {
                file = o.value();
            } else {
                fromArgs.put(key, o.value());
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
     * alerting section ({@link AlertConfig}). Unknown keys are refused, naming the closest one.
     */
    public static JobConfig fromMap(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (OptionReader.unprefixed(key).equals("influxdb.max-retries")) {
                throw new InvalidConfigurationException(
                        "Setting 'influxdb.max-retries' no longer exists: the InfluxDB sink retries"
                                + " transient failures without limit and never fails the job"
                                + " (docs/reliability.md); remove it.");
            }
        }
        return new JobConfig(OptionReader.of(settings, OPTIONS));
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
