package com.smartinfra.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.retry.Backoff;
import com.smartinfra.testing.FaultInjectingHttpProxy;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The InfluxDB Sink V2 writer in Flink's operator test harness, writing to a real InfluxDB (1.x
 * engine behind the v2 write proxy) through a proxy that can inject HTTP failures, dead-lettering
 * to a real Kafka broker. {@code @Timeout}s only catch a hang (a checkpoint that waits on a dead
 * server would never return); nothing here is timed for speed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InfluxSinkWriterITCase {
    private static final long T0 = 1_750_000_000_000L;

    @TempDir Path tmp;
    private String db;
    private FaultInjectingHttpProxy proxy;
    private Path tokenFile;
    private String deadLetterTopic;

    @BeforeEach
    void setUp() throws Exception {
        db = InfluxDbTestServer.createDatabase("sink");
        proxy = new FaultInjectingHttpProxy(InfluxDbTestServer.url());
        tokenFile = tmp.resolve("token");
        Files.writeString(tokenFile, InfluxDbTestServer.TOKEN, StandardCharsets.UTF_8);
        deadLetterTopic = KafkaTestBroker.uniqueTopic("influx-dlq");
        KafkaTestBroker.createTopics(1, deadLetterTopic);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private <T> InfluxSinkBuilder<T> sink(
            String bucket, int batchSize, LineProtocolConverter<T> converter) {
        return InfluxSink.<T>builder()
                .setConnection(
                        new InfluxConnection(
                                proxy.url(),
                                InfluxDbTestServer.ORG,
                                bucket,
                                "SMART_INFRA_TEST_UNSET_TOKEN_ENV",
                                tokenFile.toString(),
                                Duration.ofSeconds(10)))
                .setElementConverter(converter)
                .setMaxBatchSize(batchSize)
                .setMaxBufferedPoints(batchSize * 4L)
                // only size and checkpoints trigger writes in these tests
                .setMaxTimeInBuffer(Duration.ofHours(1))
                .setBackoff(Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(200)))
                .setConfigurationRetry(Duration.ofMillis(300))
                .setDeadLetterTopic(
                        new DeadLetterTopic(KafkaTestBroker.bootstrapServers(), deadLetterTopic));
    }

    private InfluxSinkBuilder<Sample> sink(String bucket, int batchSize) {
        return sink(bucket, batchSize, new SystemMetricsConverter());
    }

    /** Lines as given, for points InfluxDB refuses. */
    private static final class RawLines extends LineProtocolConverter<String> {
        private static final long serialVersionUID = 1L;

        @Override
        protected StringBuilder append(StringBuilder sb, String line) {
            return sb.append(line);
        }
    }

    private static <T> OneInputStreamOperatorTestHarness<T, CommittableMessage<Void>> harness(
            InfluxSink<T> sink) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(
                new SinkWriterOperatorFactory<T, Void>(sink));
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

    /** The dead letters of this test: line → reason. */
    private Map<String, String> deadLetters(int expected) {
        Map<String, String> byLine = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KafkaTestBroker.consume(deadLetterTopic, expected, Duration.ofSeconds(30))) {
            assertThat(header(r, InfluxDeadLetters.HEADER_ORIGIN)).isEqualTo("influxdb-sink");
            assertThat(header(r, InfluxDeadLetters.HEADER_BUCKET)).isEqualTo(db);
            assertThat(header(r, DeadLetterSerializer.HEADER_PARTITION)).isEqualTo("-1");
            byLine.put(
                    new String(r.value(), StandardCharsets.UTF_8),
                    header(r, DeadLetterSerializer.HEADER_REASON));
        }
        return byLine;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void writesInBatchesAndFlushesEverythingBufferedBeforeACheckpoint() throws Exception {
        try (var h = harness(sink(db, 100).build())) {
            h.open();
            for (int i = 0; i < 250; i++) {
                h.processElement(sample(i), T0 + i);
            }
            // while InfluxDB answers, the checkpoint waits until everything is written
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
    void retriesTransientFailuresWithoutLimitAndHonoursRetryAfter() throws Exception {
        // more failures in a row than the old limit of 8 retries allowed
        proxy.failNext(12, 503, null);
        try (var h = harness(sink(db, 1000).build())) {
            h.open();
            for (int i = 0; i < 10; i++) {
                h.processElement(sample(i), T0 + i);
            }
            h.endInput(); // the end of bounded input waits until everything is written
        }
        assertThat(writes()).extracting(r -> r.answeredStatus).containsOnly(503, 204).hasSize(13);
        assertThat(countPoints()).isEqualTo(10);

        proxy.clearRequests();
        proxy.failNext(1, 429, "1");
        try (var h = harness(sink(db, 1000).build())) {
            h.open();
            h.processElement(sample(10), T0 + 10);
            h.endInput();
        }
        assertThat(writes()).extracting(r -> r.answeredStatus).containsExactly(429, 204);
        assertThat(countPoints()).isEqualTo(11);
        // the 429 said Retry-After: 1; our own backoff here is only 20-200 ms
        long gapMs =
                (writes().get(1).receivedAtNanos - writes().get(0).receivedAtNanos) / 1_000_000;
        assertThat(gapMs).isGreaterThanOrEqualTo(900);
    }

    @Test
    void aCheckpointDuringAnOutageCompletesAndCarriesThePointsToTheRestoredWriter()
            throws Exception {
        proxy.failAlways(500);
        OperatorSubtaskState snapshot;
        try (var h = harness(sink(db, 10).build())) {
            h.open();
            for (int i = 0; i < 30; i++) {
                h.processElement(sample(i), T0 + i);
            }
            // returns although InfluxDB answers nothing but 500 (the old writer failed the job)
            h.prepareSnapshotPreBarrier(1);
            snapshot = h.snapshot(1, T0);
        }
        assertThat(writes()).isNotEmpty().allMatch(r -> r.answeredStatus == 500);
        assertThat(countPoints()).isZero();

        proxy.heal();
        try (var restored = harness(sink(db, 10).build())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.prepareSnapshotPreBarrier(2);
        }
        assertThat(countPoints()).isEqualTo(30);
    }

    @Test
    void aFullBufferSlowsTheInputDownAndLosesNothing() throws Exception {
        proxy.failAlways(503);
        int total = 200;
        AtomicInteger accepted = new AtomicInteger();
        InfluxSink<Sample> sink = sink(db, 10).build();
        // the harness belongs to the thread that made it (its mailbox thread)
        CompletableFuture<Void> feeder =
                CompletableFuture.runAsync(
                        () -> {
                            try (var h = harness(sink)) {
                                h.open();
                                for (int i = 0; i < total; i++) {
                                    h.processElement(sample(i), T0 + i);
                                    accepted.incrementAndGet();
                                }
                                h.endInput();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        // the writer holds 40 points, Flink's buffer 20, two hand-overs 20: then input stops
        int seen = -1;
        while (accepted.get() == 0 || accepted.get() != seen) {
            seen = accepted.get();
            Thread.sleep(1000);
        }
        assertThat(feeder).isNotDone();
        assertThat(accepted.get()).isBetween(40, 40 + 20 + 20 + 1);
        proxy.heal();
        feeder.get(60, TimeUnit.SECONDS);
        assertThat(accepted.get()).isEqualTo(total);
        assertThat(countPoints()).isEqualTo(total);
    }

    @Test
    void isolatesRefusedLinesAmongGoodOnesAndDeadLettersThem() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add("system_metrics,host=h" + i + " cpu=" + i + ",memory=1,disk=2 " + (T0 + i));
        }
        String noFields = "system_metrics,host=broken " + T0;
        String typeConflict =
                "system_metrics,host=conflict cpu=\"high\",memory=1,disk=2 " + (T0 + 99);
        lines.add(7, noFields);
        lines.add(30, typeConflict);

        try (var h = harness(sink(db, 100, new RawLines()).build())) {
            h.open();
            for (String line : lines) {
                h.processElement(line, T0);
            }
            h.prepareSnapshotPreBarrier(1);
        }
        assertThat(countPoints()).isEqualTo(40);
        Map<String, String> dead = deadLetters(2);
        assertThat(dead.keySet()).containsExactlyInAnyOrder(noFields, typeConflict);
        assertThat(dead.get(noFields))
                .startsWith("InfluxDB refused the point: HTTP 400")
                .contains("unable to parse");
        assertThat(dead.get(typeConflict))
                .startsWith("InfluxDB refused the point: HTTP 400")
                .contains("field type conflict");
        // halving a batch with two bad lines: fewer requests than lines
        assertThat(writes()).hasSizeLessThan(lines.size());
    }

    @Test
    void aBatchRefusedWhollyForRetentionIsDeadLetteredWithoutHalving() throws Exception {
        InfluxDbTestServer.setRetention(db, "1h");
        long daysAgo = Instant.now().minus(Duration.ofDays(2)).toEpochMilli();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lines.add("system_metrics,host=h" + i + " cpu=1,memory=1,disk=1 " + (daysAgo + i));
        }
        try (var h = harness(sink(db, 100, new RawLines()).build())) {
            h.open();
            for (String line : lines) {
                h.processElement(line, T0);
            }
            h.prepareSnapshotPreBarrier(1);
        }
        // InfluxDB said dropped=8 of 8: nothing to isolate
        assertThat(writes()).hasSize(1);
        Map<String, String> dead = deadLetters(8);
        assertThat(dead.keySet()).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(dead.values())
                .allMatch(
                        r ->
                                r.equals(
                                        "InfluxDB refused the point: HTTP 400: partial write:"
                                                + " points beyond retention policy dropped=8"));
    }

    @Test
    void aMissingBucketIsRetriedUntilItExistsWithoutFailing() throws Exception {
        String missing = "not_yet_" + db;
        try (var h = harness(sink(missing, 1000).build())) {
            h.open();
            for (int i = 0; i < 5; i++) {
                h.processElement(sample(i), T0 + i);
            }
            h.prepareSnapshotPreBarrier(1); // returns: InfluxDB answered 404
            assertThat(writes()).extracting(r -> r.answeredStatus).contains(404);
            InfluxDbTestServer.query("", "CREATE DATABASE " + missing);
            h.endInput();
        }
        assertThat(writes().get(writes().size() - 1).answeredStatus).isEqualTo(204);
        String json = InfluxDbTestServer.query(missing, "SELECT count(cpu) FROM system_metrics");
        assertThat(json).contains(",5]");
    }

    @Test
    void aRefusedTokenIsReadAgainBeforeTheNextAttempt() throws Exception {
        Files.writeString(tokenFile, "revoked-token", StandardCharsets.UTF_8);
        proxy.failAlways(401);
        try (var h = harness(sink(db, 1000).build())) {
            h.open();
            h.processElement(sample(1), T0);
            h.prepareSnapshotPreBarrier(1); // returns: InfluxDB answered 401
            Files.writeString(tokenFile, "rotated-token", StandardCharsets.UTF_8);
            proxy.heal();
            h.endInput();
        }
        assertThat(writes().get(0).headers.get("Authorization"))
                .containsExactly("Token revoked-token");
        var last = writes().get(writes().size() - 1);
        assertThat(last.answeredStatus).isEqualTo(204);
        assertThat(last.headers.get("Authorization")).containsExactly("Token rotated-token");
        assertThat(countPoints()).isEqualTo(1);
    }

    @Test
    void bufferedPointsTravelInTheCheckpointAndAreWrittenAfterRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(sink(db, 1000).build())) {
            h.open();
            for (int i = 0; i < 30; i++) {
                h.processElement(sample(i), T0 + i);
            }
            // a snapshot without the pre-barrier flush: the buffer itself must be in the state
            snapshot = h.snapshot(1, T0);
        }
        assertThat(writes()).isEmpty();
        assertThat(countPoints()).isZero();

        try (var restored = harness(sink(db, 1000).build())) {
            restored.initializeState(snapshot);
            restored.open();
            restored.prepareSnapshotPreBarrier(2);
        }
        assertThat(countPoints()).isEqualTo(30);
    }

    @Test
    void replayedPointsOverwriteThemselves() throws Exception {
        for (int round = 0; round < 2; round++) {
            try (var h = harness(sink(db, 1000).build())) {
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
