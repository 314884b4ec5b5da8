package com.smartinfra.job.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import com.smartinfra.schema.Echo;
import com.smartinfra.schema.retry.Backoff;
import com.smartinfra.schema.retry.RetryAfter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of line-protocol lines with influxdb-client-java; never fails the job because of
 * InfluxDB.
 *
 * <p>{@link AsyncSinkWriter} batches by count, size and time. Each batch is then handed over to
 * this writer's {@link WriteQueue} and the writer's own I/O threads write it (the client's API is
 * blocking; the task thread never waits on InfluxDB). Handing batches over at once, rather than
 * keeping them in flight or giving failed ones back to the base class's buffer, matters: the base
 * class's buffer-timeout callback loops until its buffer is empty, so batches given back during an
 * outage would hold the task thread in that loop, and no checkpoint barrier could pass.
 *
 * <ul>
 *   <li>No answer, 408, 429, 5xx: retried without limit, exponential backoff with jitter
 *       (Retry-After honoured); while InfluxDB is down one probe per backoff period, not one per
 *       batch.
 *   <li>Points InfluxDB refuses (400, 413, 422, incl. "points beyond retention policy"): the batch
 *       is halved until the refused points are isolated (writes are idempotent, so the good ones
 *       written again overwrite themselves); each refused point goes to the dead-letter topic.
 *   <li>401, 403, 404 (token, bucket, org): retried every {@code configurationRetry} with an ERROR
 *       each time, the token read again: nothing can be written until someone fixes it, and a job
 *       failure would only replay the input (and alerts) in a restart loop.
 * </ul>
 *
 * <p>Before a checkpoint, everything buffered is written while InfluxDB answers (at most for the
 * request timeout); otherwise the checkpoint carries what is not written yet ({@link
 * #snapshotState}) and completes without waiting on a dead server. Memory is bounded by {@code
 * maxBufferedPoints}; a full queue holds the base class's requests in flight, which blocks input:
 * backpressure, never loss.
 */
final class InfluxSinkWriter<InputT> extends AsyncSinkWriter<InputT, String> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);
    private static final long LOG_INTERVAL_MS = 60_000;

    private final InfluxConnection connection;
    private final WriteQueue queue;
    private final InfluxDeadLetters deadLetters;
    private final long maxBufferedPoints;
    private final long flushWaitNanos;
    private final ExecutorService io;
    private volatile InfluxDBClient client;
    private volatile WriteApiBlocking writeApi;

    /** Entries in the base class's buffer (written to it, not yet handed to the queue). */
    private final AtomicLong unbatched = new AtomicLong();

    private final AtomicLong lastWriteLatencyMs = new AtomicLong(-1);
    private final LogThrottle failureLog = new LogThrottle(LOG_INTERVAL_MS);
    private final LogThrottle refusalLog = new LogThrottle(LOG_INTERVAL_MS);
    private volatile long firstFailureMs;

    /** InfluxDB refused the token: read it again before the next attempt (it may be rotated). */
    private volatile boolean tokenRefused;

    private final Counter pointsWritten;
    private final Counter writeRetries;
    private final Counter pointsDeadLettered;

    /** Successful writes' latency; updated by the I/O threads, so under its own lock. */
    private final Histogram writeLatencyMs;

    InfluxSinkWriter(
            ElementConverter<InputT, String> elementConverter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<String>> states,
            InfluxConnection connection,
            Backoff backoff,
            long configurationRetryMs,
            long maxBufferedPoints,
            int ioThreads,
            DeadLetterTopic deadLetterTopic) {
        super(elementConverter, context, configuration, states);
        states.forEach(s -> unbatched.addAndGet(s.getBufferedRequestEntries().size()));
        this.connection = connection;
        this.maxBufferedPoints = maxBufferedPoints;
        this.flushWaitNanos = connection.requestTimeout.toNanos();
        this.queue = new WriteQueue(maxBufferedPoints, backoff, configurationRetryMs);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.deadLetters =
                deadLetterTopic == null
                        ? null
                        : new InfluxDeadLetters(
                                deadLetterTopic,
                                connection.bucket,
                                "smart-infra-influxdb-dlq-" + connection.bucket + "-" + subtask);
        this.client = connection.open();
        this.writeApi = client.getWriteApiBlocking();

        var metrics = context.metricGroup();
        this.pointsWritten = metrics.counter("influxPointsWritten");
        this.writeRetries = metrics.counter("influxWriteRetries");
        this.pointsDeadLettered = metrics.counter("influxPointsDeadLettered");
        metrics.gauge("influxBufferedPoints", (Gauge<Long>) () -> unbatched.get() + queue.size());
        metrics.gauge("influxLastWriteLatencyMs", (Gauge<Long>) lastWriteLatencyMs::get);
        metrics.gauge("influxConsecutiveFailures", (Gauge<Integer>) queue::consecutiveFailures);
        this.writeLatencyMs =
                metrics.histogram("influxWriteLatencyMs", new DescriptiveStatisticsHistogram(500));

        AtomicInteger threadNo = new AtomicInteger();
        this.io =
                Executors.newFixedThreadPool(
                        ioThreads,
                        r -> {
                            Thread t =
                                    new Thread(
                                            r,
                                            "influxdb-writer-"
                                                    + connection.bucket
                                                    + "-"
                                                    + subtask
                                                    + "-"
                                                    + threadNo.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        for (int i = 0; i < ioThreads; i++) {
            io.execute(this::writeLoop);
        }
    }

    @Override
    public void write(InputT element, Context context) throws IOException, InterruptedException {
        super.write(element, context);
        unbatched.incrementAndGet();
    }

    /** Hands the batch over to the queue; complete once it is there (at once unless full). */
    @Override
    protected void submitRequestEntries(List<String> lines, ResultHandler<String> result) {
        unbatched.addAndGet(-lines.size());
        queue.add(lines, result::complete);
    }

    /**
     * Before a checkpoint: everything is written while InfluxDB answers, else only the hand-over of
     * batches completes, and the queue travels in the checkpoint. At the end of bounded input,
     * everything is written, however long InfluxDB takes to come back.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            super.flush(true);
            queue.awaitEmpty(Long.MAX_VALUE, false);
        } else if (queue.answering()) {
            super.flush(true);
            queue.awaitEmpty(flushWaitNanos, true);
        } else {
            super.flush(false);
        }
        if (deadLetters != null) {
            deadLetters.flush();
        }
    }

    /** The queue (oldest first), then the base class's buffer: every point not yet written. */
    @Override
    public List<BufferedRequestState<String>> snapshotState(long checkpointId) {
        List<RequestEntryWrapper<String>> all = new ArrayList<>();
        for (String line : queue.lines()) {
            all.add(new RequestEntryWrapper<>(line, getSizeInBytes(line)));
        }
        for (BufferedRequestState<String> s : super.snapshotState(checkpointId)) {
            all.addAll(s.getBufferedRequestEntries());
        }
        return List.of(new BufferedRequestState<>(all));
    }

    @Override
    protected long getSizeInBytes(String line) {
        return line.length();
    }

    private void writeLoop() {
        try {
            for (WriteQueue.Batch b = queue.next(); b != null; b = queue.next()) {
                attempt(b);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    private void attempt(WriteQueue.Batch b) {
        if (tokenRefused) {
            tokenRefused = false;
            reopenClient();
        }
        long started = System.nanoTime();
        try {
            writeApi.writeRecords(connection.bucket, connection.org, WritePrecision.MS, b.lines);
        } catch (InfluxException e) {
            onFailure(b, e.status(), answerOf(e), retryAfterMillis(e));
            return;
        } catch (RuntimeException e) {
            // not an HTTP answer (the client wraps I/O errors as InfluxException): as no answer
            onFailure(b, 0, String.valueOf(e), 0);
            return;
        }
        long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        lastWriteLatencyMs.set(latency);
        synchronized (writeLatencyMs) {
            writeLatencyMs.update(latency);
        }
        pointsWritten.inc(b.lines.size());
        done(b);
    }

    private void onFailure(WriteQueue.Batch b, int status, String answer, long retryAfterMs) {
        WriteFailure kind = WriteFailure.of(status, answer);
        if (kind == WriteFailure.REFUSED_POINTS) {
            if (b.lines.size() > 1 && !WriteFailure.droppedAll(answer, b.lines.size())) {
                queue.split(b);
            } else {
                deadLetter(b, status, "InfluxDB refused the point: HTTP " + status + ": " + answer);
            }
            return;
        }
        writeRetries.inc();
        if (firstFailureMs == 0) {
            firstFailureMs = System.currentTimeMillis();
        }
        long delay = queue.failed(b, kind, retryAfterMs);
        if (kind == WriteFailure.CONFIGURATION) {
            // each attempt is configurationRetry apart: every one is logged
            LOG.error(
                    "InfluxDB at {} refuses this sink's writes to bucket '{}' with HTTP {} ({}): {}."
                            + " Nothing is written until that is fixed; the job keeps running and"
                            + " tries again in {} ms. {} points wait in this writer (beyond {} its"
                            + " input slows down).",
                    connection.url,
                    connection.bucket,
                    status,
                    answer,
                    configurationHint(status),
                    delay,
                    queue.size(),
                    maxBufferedPoints);
            tokenRefused = status == 401 || status == 403;
            return;
        }
        long notLogged = failureLog.admit(System.currentTimeMillis());
        if (notLogged >= 0) {
            LOG.warn(
                    "InfluxDB at {} does not take writes ({}); {} failed attempt(s) in a row, next in"
                            + " {} ms. {} points wait in this writer (beyond {} its input slows"
                            + " down); nothing is lost.{}",
                    connection.url,
                    status == 0 ? "no answer: " + answer : "HTTP " + status + ": " + answer,
                    queue.consecutiveFailures(),
                    delay,
                    queue.size(),
                    maxBufferedPoints,
                    notLogged > 0 ? " (" + notLogged + " similar failures not logged)" : "");
        }
    }

    private void done(WriteQueue.Batch b) {
        int failures = queue.consecutiveFailures();
        queue.done(b);
        if (failures > 0) {
            failureLog.reset();
            LOG.info(
                    "InfluxDB at {} takes writes again after {} failed attempt(s) over {} s; {}"
                            + " points waiting are being written.",
                    connection.url,
                    failures,
                    (System.currentTimeMillis() - firstFailureMs) / 1000,
                    queue.size());
        }
        firstFailureMs = 0;
    }

    /** Dead-letters every line of {@code b}; on a Kafka failure they stay queued for a retry. */
    private void deadLetter(WriteQueue.Batch b, int status, String reason) {
        if (deadLetters == null) {
            // no dead-letter topic configured (tests, embedding): the log is the dead letter
            for (String line : b.lines) {
                LOG.error("{}; the point is not stored: {}", reason, line);
            }
            pointsDeadLettered.inc(b.lines.size());
            done(b);
            return;
        }
        try {
            deadLetters.send(b.lines, status, reason);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            writeRetries.inc();
            long delay = queue.failed(b, WriteFailure.TRANSIENT, 0);
            LOG.warn(
                    "Could not send {} point(s) InfluxDB refused to dead-letter topic '{}' ({});"
                            + " they stay queued, next try in {} ms.",
                    b.lines.size(),
                    deadLetters.topic(),
                    e.toString(),
                    delay);
            return;
        }
        pointsDeadLettered.inc(b.lines.size());
        long notLogged = refusalLog.admit(System.currentTimeMillis());
        if (notLogged >= 0) {
            LOG.warn(
                    "{}; sent to dead-letter topic '{}' (bucket '{}', {} point(s), e.g. {}).{}"
                            + " Counted in metric influxPointsDeadLettered.",
                    reason,
                    deadLetters.topic(),
                    connection.bucket,
                    b.lines.size(),
                    Echo.bounded(b.lines.get(0), 300),
                    notLogged > 0 ? " " + notLogged + " earlier refusals not logged." : "");
        }
        done(b);
    }

    private String configurationHint(int status) {
        if (status == 401 || status == 403) {
            return "check the token (the file named by 'influxdb.token-file', else the environment"
                    + " variable named by 'influxdb.token-env') and its write permission on the"
                    + " bucket; it is read again before the next attempt";
        }
        if (status == 404) {
            return "check that bucket '"
                    + connection.bucket
                    + "' ('influxdb.bucket') exists in org '"
                    + connection.org
                    + "' ('influxdb.org')";
        }
        return "check 'influxdb.url' and any proxy in front of InfluxDB";
    }

    /** A new client with the token read again (it may have been rotated). */
    private synchronized void reopenClient() {
        InfluxDBClient fresh;
        try {
            fresh = connection.open();
        } catch (RuntimeException e) {
            LOG.error("Could not read the InfluxDB token again: {}", e.getMessage());
            return;
        }
        InfluxDBClient old = client;
        client = fresh;
        writeApi = fresh.getWriteApiBlocking();
        old.close();
    }

    /** What InfluxDB said: 2.x's "message", 1.x's "error", else the client's description. */
    private static String answerOf(InfluxException e) {
        Map<String, Object> body = e.errorBody();
        Object said = body == null ? null : body.getOrDefault("message", body.get("error"));
        return Echo.bounded(said == null ? e.getMessage() : said.toString(), 500);
    }

    /** The server's Retry-After in milliseconds, 0 when it sent none. */
    private static long retryAfterMillis(InfluxException e) {
        Map<String, String> headers = e.headers();
        if (headers == null) {
            return 0;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(h.getKey())) {
                return RetryAfter.millis(h.getValue(), System.currentTimeMillis()).orElse(0);
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            queue.close();
            io.shutdownNow();
            try {
                io.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            client.close();
            if (deadLetters != null) {
                deadLetters.close();
            }
        }
    }
}
