package com.smartinfra.job.store;

import com.smartinfra.job.JobConfig;
import com.smartinfra.schema.retry.Backoff;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Builds an {@link InfluxSink}. The defaults are the job's (see {@link JobConfig}): batches of
 * 5,000 (InfluxDB's cost is mostly per request), and up to 300,000 points held per writer, about
 * five minutes of an outage at 1,000 points per second into one subtask.
 */
public final class InfluxSinkBuilder<InputT> {
    private InfluxConnection connection;
    private ElementConverter<InputT, String> elementConverter;
    private int maxBatchSize = 5000;
    private int maxInFlightRequests = 2;
    private long maxBufferedPoints = 300_000;
    private long maxBatchSizeInBytes = 4L * 1024 * 1024;
    private long maxRecordSizeInBytes = 64 * 1024;
    private Duration maxTimeInBuffer = Duration.ofSeconds(1);
    private Backoff backoff = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));
    private Duration configurationRetry = Duration.ofMinutes(1);
    private DeadLetterTopic deadLetterTopic;

    InfluxSinkBuilder() {}

    public InfluxSinkBuilder<InputT> setConnection(InfluxConnection connection) {
        this.connection = connection;
        return this;
    }

    /** How each record becomes one line of line protocol. */
    public InfluxSinkBuilder<InputT> setElementConverter(
            ElementConverter<InputT, String> elementConverter) {
        this.elementConverter = elementConverter;
        return this;
    }

    public InfluxSinkBuilder<InputT> setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return this;
    }

    /** Concurrent writes while InfluxDB answers (one writer thread each). */
    public InfluxSinkBuilder<InputT> setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
        return this;
    }

    /** Points a writer holds while InfluxDB does not take them, before it slows its input. */
    public InfluxSinkBuilder<InputT> setMaxBufferedPoints(long maxBufferedPoints) {
        this.maxBufferedPoints = maxBufferedPoints;
        return this;
    }

    public InfluxSinkBuilder<InputT> setMaxTimeInBuffer(Duration maxTimeInBuffer) {
        this.maxTimeInBuffer = maxTimeInBuffer;
        return this;
    }

    /** Backoff between attempts after transient failures (there is no limit on attempts). */
    public InfluxSinkBuilder<InputT> setBackoff(Backoff backoff) {
        this.backoff = backoff;
        return this;
    }

    /** Wait between attempts while InfluxDB refuses the token, bucket or org (401/403/404). */
    public InfluxSinkBuilder<InputT> setConfigurationRetry(Duration configurationRetry) {
        this.configurationRetry = configurationRetry;
        return this;
    }

    /**
     * Where points InfluxDB refuses go. Without one (tests, embedding) they are logged in full at
     * ERROR instead; the job always sets its dead-letter topic ({@link #configure}).
     */
    public InfluxSinkBuilder<InputT> setDeadLetterTopic(DeadLetterTopic deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
        return this;
    }

    /**
     * Connection, batching, buffering, retries and dead letters as the job's configuration says.
     */
    public InfluxSinkBuilder<InputT> configure(JobConfig c) {
        return setConnection(
                        new InfluxConnection(
                                c.influxUrl,
                                c.influxOrg,
                                c.influxBucket,
                                c.influxTokenEnv,
                                c.influxTokenFile,
                                c.influxRequestTimeout))
                .setMaxBatchSize(c.influxBatchSize)
                .setMaxInFlightRequests(c.influxMaxInFlight)
                .setMaxBufferedPoints(c.influxMaxBuffered)
                .setMaxTimeInBuffer(c.influxFlushInterval)
                .setBackoff(Backoff.exponential(c.influxRetryBackoff, c.influxRetryBackoffMax))
                .setConfigurationRetry(c.influxConfigurationRetry)
                .setDeadLetterTopic(
                        new DeadLetterTopic(
                                c.kafkaBootstrapServers,
                                c.deadLetterTopic,
                                c.deadLetterMaxKeyBytes,
                                c.deadLetterMaxValueBytes));
    }

    public InfluxSink<InputT> build() {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(elementConverter, "elementConverter");
        if (maxBufferedPoints <= maxBatchSize) {
            throw new IllegalArgumentException(
                    "maxBufferedPoints ("
                            + maxBufferedPoints
                            + ") must be greater than maxBatchSize ("
                            + maxBatchSize
                            + ")");
        }
        return new InfluxSink<>(
                elementConverter,
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedPoints,
                maxBatchSizeInBytes,
                maxTimeInBuffer.toMillis(),
                maxRecordSizeInBytes,
                connection,
                backoff,
                configurationRetry.toMillis(),
                deadLetterTopic);
    }
}
