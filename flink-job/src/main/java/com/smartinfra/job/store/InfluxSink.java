package com.smartinfra.job.store;

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
 * A Sink V2 for InfluxDB: batches line-protocol points, flushes everything buffered before each
 * checkpoint, keeps what is not yet written in the checkpoint, retries with backoff. Build one with
 * {@link #builder()}; {@link #forElements} says how each record becomes a point.
 */
public final class InfluxSink<InputT> extends AsyncSinkBase<InputT, String> {
    private static final long serialVersionUID = 1L;

    private final InfluxConnection connection;
    private final RetryPolicy retryPolicy;

    InfluxSink(
            ElementConverter<InputT, String> elementConverter,
            int maxBatchSize,
            int maxInFlightRequests,
            int maxBufferedRequests,
            long maxBatchSizeInBytes,
            long maxTimeInBufferMs,
            long maxRecordSizeInBytes,
            long requestTimeoutMs,
            InfluxConnection connection,
            RetryPolicy retryPolicy) {
        super(
                elementConverter,
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBufferMs,
                maxRecordSizeInBytes,
                requestTimeoutMs,
                // a request outliving its retries is a stuck server: fail rather than wait forever
                true);
        this.connection = connection;
        this.retryPolicy = retryPolicy;
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
                retryPolicy,
                getMaxInFlightRequests());
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
        return new LineProtocolStateSerializer();
    }
}
