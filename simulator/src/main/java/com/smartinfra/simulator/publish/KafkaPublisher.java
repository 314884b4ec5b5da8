package com.smartinfra.simulator.publish;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.kafka.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends samples to Kafka: key = host (UTF-8), value = {@link SampleJson#toJson}. Idempotent, {@code
 * acks=all}, lz4-compressed. A failed send is logged and counted, never thrown: the simulator keeps
 * its pace and reports the count at the end.
 */
public final class KafkaPublisher implements SampleSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

    /** How long close() may take to deliver what is still pending. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    /** Failures logged in full before logging switches to one line per this many. */
    private static final int FAILURES_LOGGED_IN_FULL = 5;

    private static final int FAILURE_LOG_EVERY = 1000;

    private final String bootstrapServers;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Callback callback = this::onCompletion;

    /**
     * @param loadMode larger batches and a longer linger, for {@code --rate}
     */
    public KafkaPublisher(String bootstrapServers, String topic, boolean loadMode) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.producer =
                new KafkaProducer<>(
                        producerProperties(bootstrapServers, loadMode),
                        new ByteArraySerializer(),
                        new ByteArraySerializer());
    }

    static Properties producerProperties(String bootstrapServers, boolean loadMode) {
        Properties p =
                KafkaClientProperties.durableProducer(bootstrapServers, "smart-infra-simulator");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // a sample every few seconds needs no batching; load mode trades a little latency for
        // throughput
        p.put(ProducerConfig.LINGER_MS_CONFIG, loadMode ? "20" : "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, loadMode ? "262144" : "32768");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, loadMode ? "67108864" : "33554432");
        // a broker restart (a minute or two) is waited out, as an agent buffers: samples wait in
        // the producer's buffer, a send waits for the topic's metadata; beyond that a vanished
        // broker turns into counted failures, not a hang
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "120000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        return p;
    }

    /**
     * Fails within about {@code timeout} when Kafka does not answer; creates the topic with the
     * broker's default partitions and replication when it does not exist.
     */
    public static void checkAvailable(String bootstrapServers, String topic, Duration timeout)
            throws KafkaUnavailableException {
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Properties p =
                KafkaClientProperties.admin(
                        bootstrapServers, "smart-infra-simulator-check", timeout);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            throw unreachable(bootstrapServers, rootMessage(e));
        }
        try {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(ms))
                        .clusterId()
                        .get(ms + 2_000L, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw unreachable(
                        bootstrapServers,
                        e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                                ? "no broker answered within " + timeout.toSeconds() + "s"
                                : rootMessage(e.getCause()));
            } catch (TimeoutException e) {
                throw unreachable(
                        bootstrapServers, "no answer within " + timeout.toSeconds() + "s");
            }
            ensureTopic(admin, bootstrapServers, topic, ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(bootstrapServers, "interrupted while connecting");
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    private static void ensureTopic(Admin admin, String servers, String topic, int ms)
            throws KafkaUnavailableException, InterruptedException {
        try {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(ms))
                    .allTopicNames()
                    .get(ms + 2_000L, TimeUnit.MILLISECONDS);
            return;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new KafkaUnavailableException(
                        "Kafka at "
                                + servers
                                + ": cannot use topic '"
                                + topic
                                + "': "
                                + rootMessage(e.getCause()));
            }
        } catch (TimeoutException e) {
            throw unreachable(servers, "no answer about topic '" + topic + "'");
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all()
                    .get(ms + 2_000L, TimeUnit.MILLISECONDS);
            LOG.info("created topic '{}' with the broker's default partitions", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaUnavailableException(
                        "Kafka at "
                                + servers
                                + ": topic '"
                                + topic
                                + "' does not exist and cannot be created: "
                                + rootMessage(e.getCause()));
            }
        } catch (TimeoutException e) {
            throw unreachable(servers, "no answer while creating topic '" + topic + "'");
        }
    }

    private static KafkaUnavailableException unreachable(String servers, String why) {
        return new KafkaUnavailableException("Kafka at " + servers + " is unreachable: " + why);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }

    @Override
    public void send(Sample sample) {
        byte[] key = sample.host.getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, SampleJson.toJson(sample)), callback);
        } catch (KafkaException | IllegalStateException e) {
            // e.g. no metadata within max.block.ms: Kafka went away mid-run
            onCompletion(null, e);
        }
    }

    private void onCompletion(Object metadata, Exception e) {
        if (e == null) {
            delivered.incrementAndGet();
            return;
        }
        long n = failed.incrementAndGet();
        if (n <= FAILURES_LOGGED_IN_FULL) {
            LOG.warn(
                    "could not send a sample to Kafka at {}: {}", bootstrapServers, rootMessage(e));
        } else if (n % FAILURE_LOG_EVERY == 0) {
            LOG.warn(
                    "{} samples could not be sent to Kafka at {} so far; latest: {}",
                    n,
                    bootstrapServers,
                    rootMessage(e));
        }
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public String describe() {
        return "Kafka at " + bootstrapServers + ", topic '" + topic + "'";
    }

    /** Waits up to 20 s for pending sends; whatever is still pending then counts as failed. */
    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
