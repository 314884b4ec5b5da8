package com.smartinfra.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka KRaft broker (combined controller + broker) in this JVM, started once per test JVM
 * and closed when the JVM exits. Tests isolate themselves with their own topic names.
 */
public final class KafkaTestBroker {
    private static KafkaClusterTestKit cluster;

    private KafkaTestBroker() {}

    /** Starts the broker on first use and returns its bootstrap servers. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            cluster = start();
        }
        return cluster.bootstrapServers();
    }

    private static KafkaClusterTestKit start() {
        try {
            KafkaClusterTestKit kit =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .setBootstrapMetadataVersion(
                                                    MetadataVersion.latestProduction())
                                            .build())
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .setConfigProp("auto.create.topics.enable", "false")
                            .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(KafkaTestBroker.stopping(kit), "kafka-test-broker-stop"));
            return kit;
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka broker", e);
        }
    }

    /**
     * Closes the broker while the JVM exits. A broker thread that finds its log directory already
     * gone while the test kit shuts down declares every log dir failed and calls Kafka's {@code
     * Exit.halt(1)}: the JVM of tests that all passed then exits with status 1, which Surefire
     * reports as "Error occurred in starting fork". The JVM is exiting anyway, so a halt asked for
     * now is only reported.
     */
    private static Runnable stopping(KafkaClusterTestKit kit) {
        return () -> {
            Exit.Procedure report =
                    (status, message) ->
                            System.err.println(
                                    "kafka-test-broker: not halting the exiting JVM with status "
                                            + status
                                            + " asked for while the broker stops: "
                                            + message);
            Exit.setHaltProcedure(report);
            Exit.setExitProcedure(report);
            try {
                kit.close();
            } catch (Exception ignored) {
                // JVM is exiting
            }
        };
    }

    /** A fresh topic name, so tests sharing the broker never see each other's records. */
    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static void createTopics(int partitions, String... topics) {
        try (Admin admin = admin()) {
            List<NewTopic> newTopics = new ArrayList<>();
            for (String t : topics) {
                newTopics.add(new NewTopic(t, partitions, (short) 1));
            }
            admin.createTopics(newTopics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + List.of(topics), e);
        }
    }

    public static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    public static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Produces records synchronously (key may be null). */
    public static void produce(String topic, Collection<Map.Entry<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Map.Entry<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, r.getKey(), r.getValue()));
            }
            producer.flush();
        }
    }

    /**
     * Reads a topic from the beginning until {@code expected} records arrived or the timeout
     * passed; returns what it read (the caller asserts on the count).
     */
    public static List<ConsumerRecord<byte[], byte[]>> consume(
            String topic, int expected, Duration timeout) {
        return consume(topic, expected, timeout, Duration.ZERO);
    }

    /**
     * Like {@link #consume(String, int, Duration)}, then reads on until no record came for {@code
     * linger}: so a caller can see that there are no more than {@code expected}.
     */
    public static List<ConsumerRecord<byte[], byte[]>> consume(
            String topic, int expected, Duration timeout, Duration linger) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(Set.of(topic));
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            if (!linger.isZero()) {
                ConsumerRecords<byte[], byte[]> more;
                while (!(more = consumer.poll(linger)).isEmpty()) {
                    more.forEach(out::add);
                }
            }
        }
        return out;
    }
}
