package com.smartinfra.job.store;

import static org.apache.flink.configuration.ConfigOptions.key;

import com.smartinfra.schema.SharedDefaults;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * The {@code influxdb.*} settings: where and how the job writes to InfluxDB. The token is a secret,
 * not a setting.
 */
public final class InfluxOptions {
    public static final ConfigOption<String> URL =
            key("influxdb.url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("InfluxDB's URL, e.g. http://influxdb:8086 (required).");

    public static final ConfigOption<String> ORG =
            key("influxdb.org")
                    .stringType()
                    .defaultValue(SharedDefaults.INFLUX_ORG)
                    .withDescription("The organisation written to.");

    public static final ConfigOption<String> BUCKET =
            key("influxdb.bucket")
                    .stringType()
                    .defaultValue(SharedDefaults.INFLUX_BUCKET)
                    .withDescription("The bucket written to.");

    public static final ConfigOption<String> TOKEN_ENV =
            key("influxdb.token-env")
                    .stringType()
                    .defaultValue("INFLUXDB_TOKEN")
                    .withDescription("Environment variable of the TaskManagers holding the token.");

    public static final ConfigOption<String> TOKEN_FILE =
            key("influxdb.token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "File holding the token (read on the TaskManagers); wins over the environment variable.");

    public static final ConfigOption<Integer> BATCH_SIZE =
            key("influxdb.batch-size")
                    .intType()
                    .defaultValue(5000)
                    .withDescription(
                            "Points per write request. InfluxDB's cost is mostly per request: batches of 5,000 (InfluxDB's own recommendation) write several times faster than batches of 1,000 (bench --sink).");

    public static final ConfigOption<Duration> FLUSH_INTERVAL =
            key("influxdb.flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "A partial batch is written after this long (and everything buffered before each checkpoint).");

    public static final ConfigOption<Duration> ANOMALIES_FLUSH_INTERVAL =
            key("influxdb.anomalies.flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "The same for the anomalies sink alone: anomalies are few, so their batches rarely fill and would wait the whole flush interval; the dashboard shows them as they are written (bench --latency at 2,000 samples/s: p99 from the Kafka append to the anomaly row 2.0 s with 1 s, 0.5–0.9 s with 200 ms).");

    public static final ConfigOption<Integer> MAX_IN_FLIGHT =
            key("influxdb.max-in-flight")
                    .intType()
                    .defaultValue(2)
                    .withDescription("Write requests in flight per sink subtask.");

    public static final ConfigOption<Integer> MAX_BUFFERED =
            key("influxdb.max-buffered")
                    .intType()
                    .defaultValue(300_000)
                    .withDescription(
                            "Points held per sink subtask while InfluxDB is down (5 min at 1,000 points/s, ~43 MB), then backpressure; more than the batch size.");

    public static final ConfigOption<Duration> RETRY_BACKOFF =
            key("influxdb.retry-backoff")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription(
                            "First retry delay after no answer, 408, 429 or 5xx; it doubles, with jitter. Retries have no limit.");

    public static final ConfigOption<Duration> RETRY_BACKOFF_MAX =
            key("influxdb.retry-backoff-max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Longest retry delay.");

    public static final ConfigOption<Duration> CONFIG_ERROR_RETRY =
            key("influxdb.config-error-retry")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Wait between writes (with an ERROR) while InfluxDB refuses the token, bucket or org (401/403/404).");

    public static final ConfigOption<Duration> REQUEST_TIMEOUT =
            key("influxdb.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("Time to wait for InfluxDB's answer to a write.");

    /** Every setting of this group, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    URL,
                    ORG,
                    BUCKET,
                    TOKEN_ENV,
                    TOKEN_FILE,
                    BATCH_SIZE,
                    FLUSH_INTERVAL,
                    ANOMALIES_FLUSH_INTERVAL,
                    MAX_IN_FLIGHT,
                    MAX_BUFFERED,
                    RETRY_BACKOFF,
                    RETRY_BACKOFF_MAX,
                    CONFIG_ERROR_RETRY,
                    REQUEST_TIMEOUT);

    private InfluxOptions() {}
}
