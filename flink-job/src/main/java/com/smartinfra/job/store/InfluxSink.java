package com.smartinfra.job.store;

import com.smartinfra.schema.retry.Backoff;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Sink V2 for InfluxDB: batches line-protocol points, writes them on its own I/O threads, retries
 * transient failures without limit, dead-letters the points InfluxDB refuses, keeps what is not yet
 * written in the checkpoint and never fails the job because of InfluxDB ({@link InfluxSinkWriter}
 * says how). Build one with {@link #builder()}; {@link InfluxSinkBuilder#setElementConverter} says
 * how each record becomes a point.
 */
public final class InfluxSink<InputT> extends AsyncSinkBase<InputT, String> {
    private static final long serialVersionUID = 2L;

    /**
     * The base class's request timeout. Its requests are hand-overs to the writer's queue, which
     * wait for room while the queue is full: that wait is the backpressure and must not time out.
     */
    private static final long HAND_OVER_TIMEOUT_MS = 365L * 24 * 3600 * 1000;

    private final InfluxConnection connection;
    private final Backoff backoff;
    private final long configurationRetryMs;
    private final long maxBufferedPoints;
    private final DeadLetterTopic deadLetterTopic;

    InfluxSink(
            ElementConverter<InputT, String> elementConverter,
            int maxBatchSize,
            int maxInFlightRequests,
            long maxBufferedPoints,
            long maxBatchSizeInBytes,
            long maxTimeInBufferMs,
            long maxRecordSizeInBytes,
            InfluxConnection connection,
            Backoff backoff,
            long configurationRetryMs,
            DeadLetterTopic deadLetterTopic) {
        super(
                elementConverter,
                maxBatchSize,
                maxInFlightRequests,
                // the base class's buffer only gathers batches; the writer's queue holds the rest
                2 * maxBatchSize,
                maxBatchSizeInBytes,
                maxTimeInBufferMs,
                maxRecordSizeInBytes,
                HAND_OVER_TIMEOUT_MS,
                false);
        this.connection = connection;
        this.backoff = backoff;
        this.configurationRetryMs = configurationRetryMs;
        this.maxBufferedPoints = maxBufferedPoints;
        this.deadLetterTopic = deadLetterTopic;
    }

    public static <InputT> InfluxSinkBuilder<InputT> builder() {
        return new InfluxSinkBuilder<>();
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<String>> createWriter(
            WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<InputT, BufferedRequestState<String>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<String>> recoveredState)
            throws IOException {
        AsyncSinkWriterConfiguration configuration =
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(getMaxBatchSize())
                        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                        .setMaxInFlightRequests(getMaxInFlightRequests())
                        .setMaxBufferedRequests(getMaxBufferedRequests())
                        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                        .setRequestTimeoutMS(getRequestTimeoutMS())
                        .setFailOnTimeout(getFailOnTimeout())
                        .build();
        return new InfluxSinkWriter<>(
                getElementConverter(),
                context,
                configuration,
                recoveredState,
                connection,
                backoff,
                configurationRetryMs,
                maxBufferedPoints,
                getMaxInFlightRequests(),
                deadLetterTopic);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
        return new LineProtocolStateSerializer();
    }
}
