package com.smartinfra.job.config;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

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
        DEFAULTS.put("influxdb.url", null);
        DEFAULTS.put("influxdb.org", "smart-infra");
        DEFAULTS.put("influxdb.bucket", "metrics");
        DEFAULTS.put("influxdb.token-env", "INFLUXDB_TOKEN");
        DEFAULTS.put("influxdb.token-file", null);
        DEFAULTS.put("influxdb.batch-size", "1000");
        DEFAULTS.put("influxdb.flush-interval", "1s");
        DEFAULTS.put("influxdb.max-in-flight", "2");
        DEFAULTS.put("influxdb.max-buffered", "20000");
        DEFAULTS.put("influxdb.max-retries", "8");
        DEFAULTS.put("influxdb.retry-backoff", "200ms");
        DEFAULTS.put("influxdb.retry-backoff-max", "10s");
        DEFAULTS.put("influxdb.request-timeout", "30s");
        DEFAULTS.put("watermark.out-of-orderness", "10s");
        DEFAULTS.put("watermark.idleness", "1min");
        DEFAULTS.put("ingest.max-future-skew", "5min");
        DEFAULTS.put("checkpoint.interval", "10s");
        DEFAULTS.put("checkpoint.timeout", "2min");
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

    public final String influxUrl;
    public final String influxOrg;
    public final String influxBucket;
    public final String influxTokenEnv;
    public final String influxTokenFile;
    public final int influxBatchSize;
    public final Duration influxFlushInterval;
    public final int influxMaxInFlight;
    public final int influxMaxBuffered;
    public final int influxMaxRetries;
    public final Duration influxRetryBackoff;
    public final Duration influxRetryBackoffMax;
    public final Duration influxRequestTimeout;

    public final Duration outOfOrderness;
    public final Duration idleness;
    public final Duration maxFutureSkew;
    public final Duration checkpointInterval;
    public final Duration checkpointTimeout;

    /** Length of the per-host statistics windows (tumbling, event time). */
    public final Duration statsWindow;

    /** Length of the optional second, longer statistics window, or {@code null}. */
    public final Duration statsLongWindow;

    /** How long after a window's end a late sample still updates its statistics. */
    public final Duration statsAllowedLateness;

    /** Where a Kafka source starts when the group has no committed offset, or always. */
    public enum StartingOffsets {
        /** The group's committed offsets, else the earliest: resumes without loss. */
        COMMITTED,
        EARLIEST,
        LATEST
    }

    private JobConfig(Map<String, String> s) {
        jobName = nonEmpty(s, "job.name");
        parallelism = s.get("parallelism") == null ? null : positiveInt(s, "parallelism");

        kafkaBootstrapServers = required(s, "kafka.bootstrap-servers", "e.g. kafka:9092");
        metricsTopic = nonEmpty(s, "kafka.topic.metrics");
        deadLetterTopic = nonEmpty(s, "kafka.topic.dead-letter");
        if (metricsTopic.equals(deadLetterTopic)) {
            throw new InvalidConfigurationException(
                    "Setting 'kafka.topic.dead-letter' must differ from 'kafka.topic.metrics'.");
        }
        kafkaGroupId = nonEmpty(s, "kafka.group-id");
        startingOffsets =
                oneOf(
                        s,
                        "kafka.starting-offsets",
                        StartingOffsets.class,
                        "committed|earliest|latest");
        kafkaBounded = bool(s, "kafka.bounded");
        String delivery = nonEmpty(s, "kafka.dead-letter.delivery");
        if (!delivery.equals("exactly-once") && !delivery.equals("at-least-once")) {
            throw new InvalidConfigurationException(
                    "Setting 'kafka.dead-letter.delivery' must be exactly-once or at-least-once,"
                            + " was '"
                            + delivery
                            + "'.");
        }
        deadLetterExactlyOnce = delivery.equals("exactly-once");
        transactionalIdPrefix = nonEmpty(s, "kafka.transactional-id-prefix");

        influxUrl = httpUrl(s, "influxdb.url");
        influxOrg = nonEmpty(s, "influxdb.org");
        influxBucket = nonEmpty(s, "influxdb.bucket");
        influxTokenEnv = nonEmpty(s, "influxdb.token-env");
        influxTokenFile = s.get("influxdb.token-file");
        influxBatchSize = positiveInt(s, "influxdb.batch-size");
        influxFlushInterval = positiveDuration(s, "influxdb.flush-interval");
        influxMaxInFlight = positiveInt(s, "influxdb.max-in-flight");
        influxMaxBuffered = positiveInt(s, "influxdb.max-buffered");
        if (influxMaxBuffered <= influxBatchSize) {
            throw new InvalidConfigurationException(
                    "Setting 'influxdb.max-buffered' must be greater than 'influxdb.batch-size' ("
                            + influxBatchSize
                            + ").");
        }
        influxMaxRetries = nonNegativeInt(s, "influxdb.max-retries");
        influxRetryBackoff = positiveDuration(s, "influxdb.retry-backoff");
        influxRetryBackoffMax = positiveDuration(s, "influxdb.retry-backoff-max");
        influxRequestTimeout = positiveDuration(s, "influxdb.request-timeout");

        outOfOrderness = nonNegativeDuration(s, "watermark.out-of-orderness");
        idleness = positiveDuration(s, "watermark.idleness");
        maxFutureSkew = positiveDuration(s, "ingest.max-future-skew");
        checkpointInterval = positiveDuration(s, "checkpoint.interval");
        checkpointTimeout = positiveDuration(s, "checkpoint.timeout");

        statsWindow = positiveDuration(s, "stats.window");
        statsLongWindow =
                s.get("stats.long-window") == null || s.get("stats.long-window").isEmpty()
                        ? null
                        : positiveDuration(s, "stats.long-window");
        if (statsLongWindow != null && statsLongWindow.compareTo(statsWindow) <= 0) {
            throw new InvalidConfigurationException(
                    "Setting 'stats.long-window' must be longer than 'stats.window' ("
                            + statsWindow
                            + "), was "
                            + statsLongWindow
                            + ".");
        }
        statsAllowedLateness = nonNegativeDuration(s, "stats.allowed-lateness");
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

    /** Builds from explicit settings (defaults fill the rest). */
    public static JobConfig fromMap(Map<String, String> settings) {
        Map<String, String> s = new LinkedHashMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key =
                    e.getKey().startsWith("smartinfra.") ? e.getKey().substring(11) : e.getKey();
            if (!DEFAULTS.containsKey(key)) {
                throw new InvalidConfigurationException(
                        "Unknown setting '"
                                + e.getKey()
                                + "'; known settings: "
                                + knownKeys()
                                + ".");
            }
            s.put(key, e.getValue() == null ? null : e.getValue().strip());
        }
        return new JobConfig(s);
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

    private static String knownKeys() {
        return String.join(", ", new TreeMap<>(DEFAULTS).keySet());
    }

    private static String required(Map<String, String> s, String key, String example) {
        String v = s.get(key);
        if (v == null || v.isEmpty()) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' is required (" + example + ").");
        }
        return v;
    }

    private static String nonEmpty(Map<String, String> s, String key) {
        String v = s.get(key);
        if (v == null || v.isEmpty()) {
            throw new InvalidConfigurationException("Setting '" + key + "' must not be empty.");
        }
        return v;
    }

    private static String httpUrl(Map<String, String> s, String key) {
        String v = required(s, key, "e.g. http://influxdb:8086");
        try {
            URI u = new URI(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null) {
                return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
            }
        } catch (URISyntaxException e) {
            // fall through to the error below
        }
        throw new InvalidConfigurationException(
                "Setting '"
                        + key
                        + "' must be an http(s) URL such as http://influxdb:8086, was '"
                        + v
                        + "'.");
    }

    private static int positiveInt(Map<String, String> s, String key) {
        int n = integer(s, key);
        if (n <= 0) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be a positive integer, was " + n + ".");
        }
        return n;
    }

    private static int nonNegativeInt(Map<String, String> s, String key) {
        int n = integer(s, key);
        if (n < 0) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must not be negative, was " + n + ".");
        }
        return n;
    }

    private static int integer(Map<String, String> s, String key) {
        String v = nonEmpty(s, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be an integer, was '" + v + "'.");
        }
    }

    private static boolean bool(Map<String, String> s, String key) {
        String v = nonEmpty(s, key).toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new InvalidConfigurationException(
                "Setting '" + key + "' must be true or false, was '" + v + "'.");
    }

    private static Duration positiveDuration(Map<String, String> s, String key) {
        Duration d = Durations.parse(key, nonEmpty(s, key));
        if (d.isZero() || d.isNegative()) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be a positive duration, was " + d + ".");
        }
        return d;
    }

    private static Duration nonNegativeDuration(Map<String, String> s, String key) {
        Duration d = Durations.parse(key, nonEmpty(s, key));
        if (d.isNegative()) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must not be negative, was " + d + ".");
        }
        return d;
    }

    private static <E extends Enum<E>> E oneOf(
            Map<String, String> s, String key, Class<E> type, String allowed) {
        String v = nonEmpty(s, key);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be one of " + allowed + ", was '" + v + "'.");
        }
    }
}
