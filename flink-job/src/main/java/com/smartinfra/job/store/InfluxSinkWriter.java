package com.smartinfra.job.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of line-protocol lines with influxdb-client-java.
 *
 * <p>{@link AsyncSinkWriter} does the batching, the checkpointed buffer and the wait for in-flight
 * requests on {@code flush()} before a checkpoint; this class only performs a batch. The client's
 * API is blocking, so batches run on the writer's own I/O threads and never block the task thread.
 * Transient failures (no answer, 408, 429, 5xx) are retried with backoff; a permanent refusal or
 * exhausted retries fail the job, which then restarts from its last checkpoint: nothing is lost,
 * and replayed points overwrite themselves (same measurement, tag and time).
 */
final class InfluxSinkWriter<InputT> extends AsyncSinkWriter<InputT, String> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);

    private final InfluxConnection connection;
    private final RetryPolicy retryPolicy;
    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final ExecutorService io;
    private final Counter pointsWritten;
    private final Counter writeRetries;

    InfluxSinkWriter(
            ElementConverter<InputT, String> elementConverter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<String>> states,
            InfluxConnection connection,
            RetryPolicy retryPolicy,
            int ioThreads) {
        super(elementConverter, context, configuration, states);
        this.connection = connection;
        this.retryPolicy = retryPolicy;
        this.client = connection.open();
        this.writeApi = client.getWriteApiBlocking();
        this.io =
                Executors.newFixedThreadPool(
                        ioThreads,
                        r -> {
                            Thread t = new Thread(r, "influxdb-writer-" + connection.bucket);
                            t.setDaemon(true);
                            return t;
                        });
        this.pointsWritten = context.metricGroup().counter("influxPointsWritten");
        this.writeRetries = context.metricGroup().counter("influxWriteRetries");
    }

    @Override
    protected void submitRequestEntries(List<String> lines, ResultHandler<String> result) {
        try {
            io.execute(() -> writeWithRetries(lines, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new InfluxWriteException("InfluxDB writer is closed", e));
        }
    }

    private void writeWithRetries(List<String> lines, ResultHandler<String> result) {
        for (int attempt = 0; ; attempt++) {
            try {
                writeApi.writeRecords(connection.bucket, connection.org, WritePrecision.MS, lines);
                pointsWritten.inc(lines.size());
                result.complete();
                return;
            } catch (InfluxException e) {
                int status = e.status();
                if (!isTransient(status)) {
                    result.completeExceptionally(
                            new InfluxWriteException(
                                    "InfluxDB at "
                                            + connection.url
                                            + " refused a write of "
                                            + lines.size()
                                            + " points to bucket '"
                                            + connection.bucket
                                            + "' with HTTP "
                                            + status
                                            + ": "
                                            + e.getMessage(),
                                    e));
                    return;
                }
                if (attempt >= retryPolicy.maxRetries) {
                    result.completeExceptionally(
                            new InfluxWriteException(
                                    "InfluxDB write to "
                                            + connection.url
                                            + " still failing after "
                                            + (attempt + 1)
                                            + " attempts ("
                                            + describe(status, e)
                                            + ")",
                                    e));
                    return;
                }
                long delay = retryPolicy.backoffMillis(attempt + 1, retryAfterMillis(e));
                writeRetries.inc();
                LOG.warn(
                        "InfluxDB write of {} points failed ({}); retry {} of {} in {} ms",
                        lines.size(),
                        describe(status, e),
                        attempt + 1,
                        retryPolicy.maxRetries,
                        delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(
                            new InfluxWriteException("InfluxDB write interrupted", ie));
                    return;
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(
                        new InfluxWriteException("InfluxDB write failed unexpectedly", e));
                return;
            }
        }
    }

    /** No answer at all (status 0), a timeout, throttling or a server-side error. */
    static boolean isTransient(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    private static String describe(int status, InfluxException e) {
        return status == 0 ? "no answer: " + e.getMessage() : "HTTP " + status;
    }

    private static long retryAfterMillis(InfluxException e) {
        Map<String, String> headers = e.headers();
        if (headers == null) {
            return 0;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(h.getKey())) {
                try {
                    return Long.parseLong(h.getValue().strip()) * 1000;
                } catch (NumberFormatException ignored) {
                    return 0; // an HTTP date: fall back to our own backoff
                }
            }
        }
        return 0;
    }

    /**
     * Writes out everything buffered, not only what is in flight: after a checkpoint the points are
     * in InfluxDB (visible on the dashboard, and not replayed on restore). The base class would
     * otherwise carry the buffer in the checkpoint and write it later.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        super.flush(true);
    }

    @Override
    protected long getSizeInBytes(String line) {
        return line.length();
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            io.shutdownNow();
            try {
                io.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
        }
    }
}
