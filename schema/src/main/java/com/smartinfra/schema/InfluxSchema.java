package com.smartinfra.schema;

/**
 * The InfluxDB schema shared by the job (writer) and the API (reader).
 *
 * <p>Every point is tagged with {@code host} only and stamped at millisecond precision; a point is
 * identified by measurement + host + time, so replaying a sample after a failure overwrites the
 * same point: at-least-once writes give exactly-once results.
 */
public final class InfluxSchema {
    /** Raw samples: one float field per metric (cpu, memory, disk and any optional metric). */
    public static final String SYSTEM_METRICS = "system_metrics";

    /** Windowed statistics per host. */
    public static final String HOST_STATS = "host_stats";

    /** Detected anomalies. */
    public static final String ANOMALIES = "anomalies";

    /** Alert notifications. */
    public static final String ALERTS = "alerts";

    public static final String TAG_HOST = "host";

    /** String field on {@link #SYSTEM_METRICS} carrying the simulator's injected-anomaly label. */
    public static final String FIELD_INJECTED = "injected";

    /** The write precision used everywhere. */
    public static final String PRECISION = "ms";

    /** Tag on {@link #HOST_STATS}: the window length, e.g. {@code 1m} or {@code 15m}. */
    public static final String TAG_WINDOW = "window";

    /** Integer field on {@link #HOST_STATS}: samples in the window. */
    public static final String FIELD_COUNT = "count";

    /**
     * The statistics on {@link #HOST_STATS}, one float field {@code <metric>_<statistic>} each
     * ({@code cpu_mean}, {@code cpu_p95}, ...), in the order the arrays of {@link #appendHostStats}
     * hold them.
     */
    public static final String[] STATISTICS = {"mean", "min", "max", "stddev", "p95"};

    /** The metrics {@link #HOST_STATS} summarises, in array order. */
    public static final String[] STATS_METRICS = {
        SampleJson.CPU, SampleJson.MEMORY, SampleJson.DISK
    };

    /**
     * Anomaly rates per host, written with the statistics: tags {@code host} and {@code window}
     * (one of {@link #RATE_WINDOWS}), point time = window start. See {@link #appendAnomalyRate}.
     */
    public static final String ANOMALY_RATE = "anomaly_rate";

    /**
     * The windows of {@link #ANOMALY_RATE}: tumbling minutes, tumbling quarter hours, and the last
     * 24 hours (96 quarter hours) up to the end of each quarter hour.
     */
    public static final String[] RATE_WINDOWS = {"1m", "15m", "24h"};

    /** Integer fields of {@link #ANOMALY_RATE}: the host's samples and anomalies in the window. */
    public static final String FIELD_SAMPLES = "samples";

    public static final String FIELD_ANOMALIES = "anomalies";

    /** Integer fields of {@link #ANOMALY_RATE}: anomalies found by a threshold rule / the model. */
    public static final String FIELD_RULE_ANOMALIES = "rule_anomalies";

    public static final String FIELD_MODEL_ANOMALIES = "model_anomalies";

    /** Float field of {@link #ANOMALY_RATE}: anomalies / samples (left out without samples). */
    public static final String FIELD_RATE = "rate";

    /**
     * Per metric of {@link #STATS_METRICS} on {@link #ANOMALY_RATE}: {@code <metric>_anomalies}
     * (integer, anomalies that name the metric), {@code <metric>_rule_anomalies} (integer, of them
     * the metric's threshold rule) and {@code <metric>_rate} (float, {@code <metric>_anomalies /
     * samples}).
     */
    public static final String SUFFIX_ANOMALIES = "_anomalies";

    public static final String SUFFIX_RULE_ANOMALIES = "_rule_anomalies";
    public static final String SUFFIX_RATE = "_rate";

    /**
     * On the {@code 1m} rows of {@link #ANOMALY_RATE}: boolean {@code learning} (the host's
     * detector is still in its learning period, so only its rules judge), integer {@code
     * learning_left_ms} (estimated time left) and {@code learning_samples_left}.
     */
    public static final String FIELD_LEARNING = "learning";

    public static final String FIELD_LEARNING_LEFT_MS = "learning_left_ms";
    public static final String FIELD_LEARNING_SAMPLES_LEFT = "learning_samples_left";

    /** Fields of {@link #ANOMALIES} besides the metric values cpu, memory and disk. */
    public static final String FIELD_REASON = "reason";

    public static final String FIELD_SCORE = "score";
    public static final String FIELD_THRESHOLD = "threshold";
    public static final String FIELD_MODEL_VERSION = "model_version";
    public static final String FIELD_EXPLANATION = "explanation";

    private InfluxSchema() {}

    /**
     * Appends the line-protocol line of a raw sample (no trailing newline). Host and field names
     * are validated at ingest to a safe character set, so nothing needs escaping.
     */
    public static StringBuilder appendSystemMetrics(StringBuilder sb, Sample s) {
        sb.append(SYSTEM_METRICS).append(',').append(TAG_HOST).append('=').append(s.host);
        sb.append(' ').append(SampleJson.CPU).append('=').append(s.cpu);
        sb.append(',').append(SampleJson.MEMORY).append('=').append(s.memory);
        sb.append(',').append(SampleJson.DISK).append('=').append(s.disk);
        for (int i = 0; i < s.extraNames.length; i++) {
            sb.append(',').append(s.extraNames[i]).append('=').append(s.extraValues[i]);
        }
        if (s.injected != null) {
            // label charset is [A-Za-z0-9_]: no quoting trouble inside the string field
            sb.append(',').append(FIELD_INJECTED).append("=\"").append(s.injected).append('"');
        }
        sb.append(' ').append(s.timestamp);
        return sb;
    }

    /**
     * Appends the line of one window's statistics (no trailing newline): tags {@code host} and
     * {@code window}, fields {@code count} (integer) and {@code <metric>_<statistic>} for every
     * metric of {@link #STATS_METRICS}, stamped with the window start. Each array is indexed like
     * {@link #STATS_METRICS}; a value that is not finite is left out.
     */
    public static StringBuilder appendHostStats(
            StringBuilder sb,
            String host,
            String window,
            long windowStart,
            long count,
            double[] mean,
            double[] min,
            double[] max,
            double[] stddev,
            double[] p95) {
        requireHost(host);
        sb.append(HOST_STATS).append(',').append(TAG_HOST).append('=').append(host);
        sb.append(',').append(TAG_WINDOW).append('=').append(window);
        sb.append(' ').append(FIELD_COUNT).append('=').append(count).append('i');
        double[][] byStatistic = {mean, min, max, stddev, p95};
        for (int m = 0; m < STATS_METRICS.length; m++) {
            for (int k = 0; k < STATISTICS.length; k++) {
                double v = byStatistic[k][m];
                if (Double.isFinite(v)) {
                    sb.append(',').append(STATS_METRICS[m]).append('_').append(STATISTICS[k]);
                    sb.append('=').append(v);
                }
            }
        }
        sb.append(' ').append(windowStart);
        return sb;
    }

    /**
     * Appends the line of one anomaly (no trailing newline), stamped with the sample's time: tag
     * {@code host}; float fields {@code cpu}, {@code memory}, {@code disk}, {@code score}, {@code
     * threshold} (left out when not finite); string fields {@code reason} and {@code explanation}
     * (left out when null); integer field {@code model_version}.
     */
    public static StringBuilder appendAnomaly(
            StringBuilder sb,
            String host,
            long timestamp,
            double cpu,
            double memory,
            double disk,
            String reason,
            double score,
            double threshold,
            int modelVersion,
            String explanation) {
        requireHost(host);
        sb.append(ANOMALIES).append(',').append(TAG_HOST).append('=').append(host);
        sb.append(' ').append(FIELD_MODEL_VERSION).append('=').append(modelVersion).append('i');
        appendFloatField(sb, SampleJson.CPU, cpu);
        appendFloatField(sb, SampleJson.MEMORY, memory);
        appendFloatField(sb, SampleJson.DISK, disk);
        appendFloatField(sb, FIELD_SCORE, score);
        appendFloatField(sb, FIELD_THRESHOLD, threshold);
        appendStringField(sb, FIELD_REASON, reason);
        appendStringField(sb, FIELD_EXPLANATION, explanation);
        sb.append(' ').append(timestamp);
        return sb;
    }

    /**
     * Appends the line of one host's anomaly rate in one window (no trailing newline), stamped with
     * the window start: tags {@code host} and {@code window}; integer fields {@code samples},
     * {@code anomalies}, {@code rule_anomalies}, {@code model_anomalies}, {@code
     * <metric>_anomalies} and {@code <metric>_rule_anomalies} for every metric of {@link
     * #STATS_METRICS} (arrays in that order); float fields {@code rate} and {@code <metric>_rate}
     * when there were samples; {@code learning}, {@code learning_left_ms} and {@code
     * learning_samples_left} when {@code learning} is not null.
     */
    public static StringBuilder appendAnomalyRate(
            StringBuilder sb,
            String host,
            String window,
            long windowStart,
            long samples,
            long anomalies,
            long ruleAnomalies,
            long modelAnomalies,
            long[] metricAnomalies,
            long[] metricRuleAnomalies,
            Boolean learning,
            long learningLeftMs,
            long learningSamplesLeft) {
        requireHost(host);
        if (window == null || !window.matches("[0-9]{1,9}(ms|s|m|h|d)")) {
            throw new IllegalArgumentException("not a window label: " + window);
        }
        sb.append(ANOMALY_RATE).append(',').append(TAG_HOST).append('=').append(host);
        sb.append(',').append(TAG_WINDOW).append('=').append(window);
        sb.append(' ').append(FIELD_SAMPLES).append('=').append(samples).append('i');
        appendIntegerField(sb, FIELD_ANOMALIES, anomalies);
        appendIntegerField(sb, FIELD_RULE_ANOMALIES, ruleAnomalies);
        appendIntegerField(sb, FIELD_MODEL_ANOMALIES, modelAnomalies);
        if (samples > 0) {
            appendFloatField(sb, FIELD_RATE, (double) anomalies / samples);
        }
        for (int m = 0; m < STATS_METRICS.length; m++) {
            String metric = STATS_METRICS[m];
            appendIntegerField(sb, metric + SUFFIX_ANOMALIES, metricAnomalies[m]);
            appendIntegerField(sb, metric + SUFFIX_RULE_ANOMALIES, metricRuleAnomalies[m]);
            if (samples > 0) {
                appendFloatField(sb, metric + SUFFIX_RATE, (double) metricAnomalies[m] / samples);
            }
        }
        if (learning != null) {
            sb.append(',').append(FIELD_LEARNING).append('=').append(learning.booleanValue());
            appendIntegerField(sb, FIELD_LEARNING_LEFT_MS, learningLeftMs);
            appendIntegerField(sb, FIELD_LEARNING_SAMPLES_LEFT, learningSamplesLeft);
        }
        sb.append(' ').append(windowStart);
        return sb;
    }

    private static void appendIntegerField(StringBuilder sb, String name, long v) {
        sb.append(',').append(name).append('=').append(v).append('i');
    }

    /** Tags are written unescaped: only the safe host charset may reach them. */
    private static void requireHost(String host) {
        if (!HostName.isValid(host)) {
            throw new IllegalArgumentException("not a valid host name: " + host);
        }
    }

    private static void appendFloatField(StringBuilder sb, String name, double v) {
        if (Double.isFinite(v)) {
            // Double.toString's 1.0E-5 form is valid line protocol (InfluxDB 1.x and 2.x)
            sb.append(',').append(name).append('=').append(v);
        }
    }

    /** A string field, quoted; backslash and quote escaped, line breaks become spaces. */
    private static void appendStringField(StringBuilder sb, String name, String value) {
        if (value == null) {
            return;
        }
        sb.append(',').append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n' || c == '\r') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    /**
     * Tag on {@link #ALERTS}: what the alert is about ({@code cpu}, {@code model}, {@code
     * nodata}...).
     */
    public static final String TAG_CAUSE = "cause";

    /**
     * Appends the line of one alert notification (no trailing newline), stamped with the time of
     * the notification: tags {@code host} and {@code cause}; string fields {@code id} (the
     * notification id {@code host|cause|since|sequence}), {@code message_id}, {@code kind} (firing,
     * repeat, flapping, resolved), {@code state} (firing or resolved), {@code severity}, {@code
     * status} (sent, pending, silenced, not-configured, rejected, dropped) and {@code explanation};
     * boolean fields {@code delivered}, {@code silenced}, {@code flapping}; integer fields {@code
     * attempts} and {@code since} (epoch ms the alert started firing); float fields {@code value},
     * {@code threshold}, {@code score} (left out when not finite). A later report on the same
     * notification (pending, then sent) overwrites the point.
     */
    public static StringBuilder appendAlert(
            StringBuilder sb,
            String host,
            String cause,
            long timestamp,
            String id,
            String messageId,
            String kind,
            String severity,
            String status,
            boolean delivered,
            boolean silenced,
            boolean flapping,
            int attempts,
            long since,
            double value,
            double threshold,
            double score,
            String explanation) {
        requireHost(host);
        if (cause == null || !cause.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("not a valid alert cause: " + cause);
        }
        sb.append(ALERTS).append(',').append(TAG_HOST).append('=').append(host);
        sb.append(',').append(TAG_CAUSE).append('=').append(cause);
        sb.append(" delivered=").append(delivered);
        sb.append(",silenced=").append(silenced);
        sb.append(",flapping=").append(flapping);
        sb.append(",attempts=").append(attempts).append('i');
        sb.append(",since=").append(since).append('i');
        appendStringField(sb, "id", id);
        appendStringField(sb, "message_id", messageId);
        appendStringField(sb, "kind", kind);
        appendStringField(sb, "state", "resolved".equals(kind) ? "resolved" : "firing");
        appendStringField(sb, "severity", severity);
        appendStringField(sb, "status", status);
        appendFloatField(sb, "value", value);
        appendFloatField(sb, FIELD_THRESHOLD, threshold);
        appendFloatField(sb, FIELD_SCORE, score);
        appendStringField(sb, FIELD_EXPLANATION, explanation);
        sb.append(' ').append(timestamp);
        return sb;
    }
}
