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
}
