package com.smartinfra.schema;

import java.time.Duration;

/**
 * Defaults of the settings that more than one module reads, so that the job, the API and the
 * simulator agree when nobody sets them: one place each.
 */
public final class SharedDefaults {
    /** The Kafka topic samples are published to (job {@code kafka.topic.metrics}). */
    public static final String METRICS_TOPIC = "metrics";

    /** The Kafka topic of silence commands (job {@code alert.control-topic}). */
    public static final String ALERT_CONTROL_TOPIC = "alert-control";

    /** InfluxDB organisation and bucket (job {@code influxdb.org}, {@code influxdb.bucket}). */
    public static final String INFLUX_ORG = "smart-infra";

    public static final String INFLUX_BUCKET = "metrics";

    /**
     * A host silent this long is "no data": the job's {@code alert.no-data.after} alert and the
     * dashboard's {@code silent} state (API {@code NO_DATA_AFTER}) use the same default.
     */
    public static final Duration NO_DATA_AFTER = Duration.ofMinutes(2);

    private SharedDefaults() {}
}
