package com.smartinfra.job.store;

import com.smartinfra.job.config.JobConfig;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** Builds an {@link InfluxSink}. Defaults suit a few thousand points per second per subtask. */
public final class InfluxSinkBuilder<InputT> {
    private InfluxConnection connection;
    private ElementConverter<InputT, String> elementConverter;
    private int maxBatchSize = 1000;
    private int maxInFlightRequests = 2;
    private int maxBufferedRequests = 20_000;
    private long maxBatchSizeInBytes = 4L * 1024 * 1024;
    private long maxRecordSizeInBytes = 64 * 1024;
    private Duration maxTimeInBuffer = Duration.ofSeconds(1);
    private RetryPolicy retryPolicy =
            new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(10));

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

    public InfluxSinkBuilder<InputT> setMaxInFlightRequests(int maxInFlightRequests) {
        this.maxInFlightRequests = maxInFlightRequests;
        return this;
    }

    public InfluxSinkBuilder<InputT> setMaxBufferedRequests(int maxBufferedRequests) {
        this.maxBufferedRequests = maxBufferedRequests;
        return this;
    }

    public InfluxSinkBuilder<InputT> setMaxTimeInBuffer(Duration maxTimeInBuffer) {
        this.maxTimeInBuffer = maxTimeInBuffer;
        return this;
    }

    public InfluxSinkBuilder<InputT> setRetryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return this;
    }

    /** Connection, batching and retries as the job's configuration says. */
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
                .setMaxBufferedRequests(c.influxMaxBuffered)
                .setMaxTimeInBuffer(c.influxFlushInterval)
                .setRetryPolicy(
                        new RetryPolicy(
                                c.influxMaxRetries, c.influxRetryBackoff, c.influxRetryBackoffMax));
    }

    public InfluxSink<InputT> build() {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(elementConverter, "elementConverter");
        // the writer's own retries must finish before the sink's request timeout gives up on it
        long perAttempt = connection.requestTimeout.toMillis() + retryPolicy.maxBackoffMs * 6;
        long requestTimeoutMs = (retryPolicy.maxRetries + 1L) * perAttempt + 60_000;
        return new InfluxSink<>(
                elementConverter,
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBuffer.toMillis(),
                maxRecordSizeInBytes,
                requestTimeoutMs,
                connection,
                retryPolicy);
    }
}
