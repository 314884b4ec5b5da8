package com.smartinfra.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.Sample;
import com.smartinfra.testing.FaultInjectingHttpProxy;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The InfluxDB Sink V2 writer in Flink's operator test harness, writing to a real InfluxDB (1.x
 * engine behind the v2 write proxy) through a proxy that can inject HTTP failures.
 */
class InfluxSinkWriterTest {
    private static final long T0 = 1_750_000_000_000L;

    @TempDir Path tmp;
    private String db;
    private FaultInjectingHttpProxy proxy;
    private Path tokenFile;

    @BeforeEach
    void setUp() throws Exception {
        db = InfluxDbTestServer.createDatabase("sink");
        proxy = new FaultInjectingHttpProxy(InfluxDbTestServer.url());
        tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, InfluxDbTestServer.TOKEN, StandardCharsets.UTF_8);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private InfluxSinkBuilder<Sample> sink(String bucket, int batchSize, int maxRetries) {
        return InfluxSink.<Sample>builder()
                .setConnection(
                        new InfluxConnection(
                                proxy.url(),
                                InfluxDbTestServer.ORG,
                                bucket,
                                "SMART_INFRA_TEST_UNSET_TOKEN_ENV",
                                tokenFile.toString(),
                                Duration.ofSeconds(10)))
                .setElementConverter(new SystemMetricsConverter())
                .setMaxBatchSize(batchSize)
                .setMaxBufferedRequests(batchSize * 4)
                // only size and checkpoints trigger writes in these tests
                .setMaxTimeInBuffer(Duration.ofHours(1))
                .setRetryPolicy(
                        new RetryPolicy(maxRetries, Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    private static OneInputStreamOperatorTestHarness<Sample, CommittableMessage<Void>> harness(
            InfluxSink<Sample> sink) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new SinkWriterOperatorFactory<Sample, Void>(sink));
    }

    private static Sample sample(int i) {
        return new Sample("host-" + (i % 3), T0 + i * 1000L, i % 100, (i * 7) % 100, 50.5);
    }

    private long countPoints() {
        String json = InfluxDbTestServer.query(db, "SELECT count(cpu) FROM system_metrics");
        Matcher m = Pattern.compile("\\[\\d+,(\\d+)\\]").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private List<FaultInjectingHttpProxy.Request> writes() {
        return proxy.requests().stream()
                .filter(r -> r.pathAndQuery.startsWith("/api/v2/write"))
                .toList();
    }

    @Test
    void writesInBatchesAndFlushesEverythingBufferedBeforeACheckpoint() throws Exception {
        try (var h = harness(sink(db, 100, 3).build())) {
            h.open();
            for (int i = 0; i < 250; i++) {
                h.processElement(sample(i), T0 + i);
            }
            // the two full batches may be in flight; the last 50 wait for the checkpoint
            h.prepareSnapshotPreBarrier(1);
            assertThat(countPoints()).isEqualTo(250);
            assertThat(writes()).hasSize(3);
            assertThat(writes()).allMatch(r -> r.answeredStatus == 204);
            assertThat(writes().get(0).pathAndQuery)
                    .contains("bucket=" + db)
                    .contains("precision=ms");
        }
        String row =
                InfluxDbTestServer.query(
                        db,
                        "SELECT cpu, memory, disk FROM system_metrics WHERE host = 'host-1' AND time = "
                                + (T0 + 7000)
                                + "ms");
        assertThat(row).contains("[" + (T0 + 7000) + ",7,49,50.5]");
    }

    @Test
    void retriesTransientServerErrorsAndThrottlingWithBackoff() throws Exception {
        proxy.failNext(2, 503, null);
        try (var h = harness(sink(db, 1000, 5).build())) {
            h.open();
            for (int i = 0; i < 10; i++) {
                h.processElement(sample(i), T0 + i);
            }
            h.prepareSnapshotPreBarrier(1);
            proxy.failNext(1, 429, "1");
            h.processElement(sample(10), T0 + 10);
            h.prepareSnapshotPreBarrier(2);
        }
        assertThat(writes())
                .extracting(r -> r.answeredStatus)
                .containsExactly(503, 503, 204, 429, 204);
        assertThat(countPoints()).isEqualTo(11);
        // the 429 said Retry-After: 1; our own backoff here is only 20-200 ms
        long gapMs =
                (writes().get(4).receivedAtNanos - writes().get(3).receivedAtNanos) / 1_000_000;
        assertThat(gapMs).isGreaterThanOrEqualTo(900);
    }

    @Test
    void failsTheJobWhenInfluxDbKeepsFailing() throws Exception {
        proxy.failAlways(500);
        try (var h = harness(sink(db, 1000, 2).build())) {
            h.open();
            h.processElement(sample(1), T0);
            assertThatThrownBy(() -> h.prepareSnapshotPreBarrier(1))
                    .hasStackTraceContaining("still failing after 3 attempts")
                    .hasStackTraceContaining("HTTP 500");
        }
        assertThat(writes()).hasSize(3);
        assertThat(countPoints()).isZero();
    }

    @Test
    void failsTheJobAtOnceOnAPermanentRefusal() throws Exception {
        try (var h = harness(sink("no_such_database", 1000, 5).build())) {
            h.open();
            h.processElement(sample(1), T0);
            assertThatThrownBy(() -> h.prepareSnapshotPreBarrier(1))
                    .hasStackTraceContaining(
                            "refused a write of 1 points to bucket 'no_such_database' with HTTP 404");
        }
        assertThat(writes()).hasSize(1);
    }

    @Test
    void bufferedPointsTravelInTheCheckpointAndAreWrittenAfterRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(sink(db, 1000, 3).build())) {
            h.open();
            for (int i = 0; i < 30; i++) {
                h.processElement(sample(i), T0 + i);
            }
            // a snapshot without the pre-barrier flush: the buffer itself must be in the state
            snapshot = h.snapshot(1, T0);
        }
        assertThat(writes()).isEmpty();
        assertThat(countPoints()).isZero();

        try (var restored = harness(sink(db, 1000, 3).build())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.prepareSnapshotPreBarrier(2);
        }
        assertThat(countPoints()).isEqualTo(30);
    }

    @Test
    void replayedPointsOverwriteThemselves() throws Exception {
        for (int round = 0; round < 2; round++) {
            try (var h = harness(sink(db, 1000, 3).build())) {
                h.open();
                for (int i = 0; i < 20; i++) {
                    h.processElement(sample(i), T0 + i);
                }
                h.prepareSnapshotPreBarrier(1);
            }
        }
        assertThat(countPoints()).isEqualTo(20);
    }
}
