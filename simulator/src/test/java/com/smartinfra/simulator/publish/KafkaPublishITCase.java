package com.smartinfra.simulator.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.SimulatorMain;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The simulator against a real in-process Kafka broker. */
class KafkaPublishITCase {
    private static final String START = "2025-06-24T00:00:00Z";
    private static final long START_MS = Instant.parse(START).toEpochMilli();
    private static final Comparator<Sample> ORDER =
            Comparator.<Sample>comparingLong(s -> s.timestamp).thenComparing(s -> s.host);

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SimulatorMain main =
            new SimulatorMain(
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

    private int run(String... args) {
        return main.run(args, Map.of());
    }

    /** Every record: key = host, value parses; returns the samples sorted by time and host. */
    private static List<Sample> samples(List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        List<Sample> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            Sample s = SampleJson.parse(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(s.host);
            out.add(s);
        }
        out.sort(ORDER);
        return out;
    }

    @Test
    void publishesABoundedCountKeyedByHost() throws Exception {
        String topic = KafkaTestBroker.uniqueTopic("sim");
        KafkaTestBroker.createTopics(3, topic);
        int code =
                run(
                        "--bootstrap-servers",
                        KafkaTestBroker.bootstrapServers(),
                        "--topic",
                        topic,
                        "--count",
                        "300",
                        "--fast",
                        "--seed",
                        "11",
                        "--start",
                        START);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(main.stats().delivered()).isEqualTo(300);
        assertThat(main.stats().failed()).isZero();

        // ask for one more than sent: nothing is duplicated
        List<Sample> got = samples(KafkaTestBroker.consume(topic, 301, Duration.ofSeconds(20)));
        assertThat(got).hasSize(300);
        assertThat(new HashSet<>(got.stream().map(s -> s.host).toList()))
                .containsExactlyInAnyOrderElementsOf(SampleGenerator.hostNames(5));
        List<Sample> expected = new SampleGenerator(5, 3_000, 0.1, 11L, START_MS).samples(300);
        expected.sort(ORDER);
        assertThat(got).isEqualTo(expected);
        assertThat(got).anyMatch(s -> s.injected != null);
    }

    @Test
    void createsAMissingTopic() throws Exception {
        String topic = KafkaTestBroker.uniqueTopic("sim-new");
        int code =
                run(
                        "--bootstrap-servers",
                        KafkaTestBroker.bootstrapServers(),
                        "--topic",
                        topic,
                        "--count",
                        "20",
                        "--fast",
                        "--seed",
                        "2");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(KafkaTestBroker.consume(topic, 20, Duration.ofSeconds(30))).hasSize(20);
    }

    @Test
    void loadModeSendsTheRequestedCount() throws Exception {
        String topic = KafkaTestBroker.uniqueTopic("sim-load");
        KafkaTestBroker.createTopics(2, topic);
        int code =
                run(
                        "--bootstrap-servers", KafkaTestBroker.bootstrapServers(),
                        "--topic", topic,
                        "--rate", "2000",
                        "--hosts", "20",
                        "--count", "1000",
                        "--seed", "4",
                        "--start", START);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<Sample> got = samples(KafkaTestBroker.consume(topic, 1000, Duration.ofSeconds(30)));
        assertThat(got).hasSize(1000);
        // 2000 samples/s over 20 hosts: 50 ticks 10 ms apart
        assertThat(got.get(got.size() - 1).timestamp - START_MS).isEqualTo(490);
    }

    @Test
    void stopFlushesEverythingSent() throws Exception {
        String topic = KafkaTestBroker.uniqueTopic("sim-stop");
        KafkaTestBroker.createTopics(1, topic);
        CompletableFuture<Integer> code =
                CompletableFuture.supplyAsync(
                        () ->
                                run(
                                        "--bootstrap-servers",
                                        KafkaTestBroker.bootstrapServers(),
                                        "--topic",
                                        topic,
                                        "--interval",
                                        "20ms"));
        assertThat(KafkaTestBroker.consume(topic, 25, Duration.ofSeconds(60)))
                .hasSizeGreaterThanOrEqualTo(25);
        main.requestStop();
        assertThat(code.get(60, TimeUnit.SECONDS)).isZero();
        long emitted = main.stats().emitted();
        assertThat(main.stats().stopped()).isTrue();
        assertThat(main.stats().delivered()).isEqualTo(emitted);
        assertThat(KafkaTestBroker.consume(topic, (int) emitted + 1, Duration.ofSeconds(5)))
                .hasSize((int) emitted);
    }

    @Test
    void unreachableKafkaExitsWithCode3InBoundedTime() throws Exception {
        int port = InfluxDbTestServer.freePorts(1).get(0);
        String servers = "127.0.0.1:" + port;
        int code =
                assertTimeoutPreemptively(
                        Duration.ofSeconds(60),
                        () -> run("--bootstrap-servers", servers, "--count", "10"));
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("simulator: Kafka at " + servers + " is unreachable: ");
        assertThat(main.stats()).isNull();
    }
}
