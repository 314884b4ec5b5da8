package com.smartinfra.job.alert;

import com.smartinfra.schema.kafka.KafkaClientProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Slack messages the webhook accepted, as records (key: message id, value: acceptance time)
 * on a one-partition Kafka topic.
 *
 * <p>Why: Slack's webhook has no idempotency key, and a restore replays everything after the
 * checkpoint it restores from — the checkpointed outbox and the notifications regenerated from
 * replayed samples, with the same deterministic ids. The delivery operator stores {@link
 * #position()} in each checkpoint; after a restore it reads the journal from there ({@link
 * #acceptedSince}) and skips every message already accepted. What remains is the moment between
 * Slack's answer and the journal's write (milliseconds): a crash exactly there repeats one message.
 *
 * <p>Journal writes never block delivery: a write that fails is logged, and only costs the
 * protection for that message.
 */
final class DeliveryJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJournal.class);

    /** The journal only has to outlive the oldest checkpoint or savepoint a job may restore. */
    static final Duration RETENTION = Duration.ofDays(7);

    /** A restore reads at most this long, and at most this many records. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    static final int MAX_READ = 200_000;

    /** The position when the message in flight was sent. */
    private volatile long inFlightPosition = -1;

    private final String bootstrapServers;
    private final String topic;
    private final TopicPartition partition;
    private KafkaProducer<String, String> producer;

    /** The next offset after the last acknowledged record, or the end offset seen at open. */
    private final AtomicLong position = new AtomicLong(-1);

    DeliveryJournal(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.partition = new TopicPartition(topic, 0);
    }

    /** Creates the topic when missing, learns its end, and starts the producer. */
    void open() {
        createTopicIfMissing();
        Long end = endOffset();
        if (end != null) {
            position.accumulateAndGet(end, Math::max);
        }
        Properties p =
                KafkaClientProperties.durableProducer(bootstrapServers, "slack-delivery-journal");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // send() runs on the task thread: never wait long for metadata of an unreachable broker
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        try {
            // the topic's metadata now, so that the first record does not wait for it
            producer.partitionsFor(topic);
        } catch (RuntimeException e) {
            LOG.warn("Slack delivery journal '{}' not reachable yet ({})", topic, e.toString());
        }
    }

    /** Records that Slack accepted {@code messageId} at {@code acceptedAt} (epoch ms). */
    void record(String messageId, long acceptedAt) {
        try {
            producer.send(
                    // the record's own timestamp stays Kafka's (retention runs on it)
                    new ProducerRecord<>(topic, 0, messageId, Long.toString(acceptedAt)),
                    (meta, e) -> {
                        if (e != null) {
                            LOG.warn(
                                    "Could not journal the delivery of Slack message {} ({}): a"
                                            + " restore before the next checkpoint may send it"
                                            + " again",
                                    messageId,
                                    e.toString());
                        } else {
                            position.accumulateAndGet(meta.offset() + 1, Math::max);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not journal the delivery of Slack message {} ({}): a restore before"
                            + " the next checkpoint may send it again",
                    messageId,
                    e.toString());
        }
    }

    /**
     * Journals the message the moment Slack accepts it, on the HTTP thread rather than when the
     * task thread gets to the answer: a crash in between would repeat the message. The returned
     * future completes after the journal's send.
     */
    <T> CompletableFuture<T> recordWhenAccepted(
            String messageId, CompletableFuture<T> sending, Predicate<T> accepted) {
        inFlightPosition = position();
        return sending.whenComplete(
                (answer, failure) -> {
                    if (answer != null && accepted.test(answer)) {
                        record(messageId, System.currentTimeMillis());
                    }
                });
    }

    /**
     * The position a checkpoint stores. While an answer is pending the message may be journaled
     * already (its answer came, the task thread has not seen it): a restore must read from before
     * its record.
     */
    long checkpointPosition(boolean answerPending) {
        return answerPending ? inFlightPosition : position();
    }

    /**
     * Where a restore of the coming checkpoint starts reading: every message accepted after this
     * checkpoint is journaled at or after it. -1 when the journal's end was never learned.
     */
    long position() {
        return position.get();
    }

    /**
     * The messages accepted from {@code from} on: message id → acceptance time. Reads until the end
     * the journal had when called, within {@link #READ_TIMEOUT}; an unreachable journal gives what
     * was read (possibly nothing), with a warning.
     */
    Map<String, Long> acceptedSince(long from) {
        Map<String, Long> accepted = new HashMap<>();
        if (from < 0) {
            return accepted;
        }
        Properties p =
                KafkaClientProperties.consumer(
                        bootstrapServers, "slack-delivery-journal-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.assign(List.of(partition));
            long end = c.endOffsets(List.of(partition), READ_TIMEOUT).get(partition);
            c.seek(
                    partition,
                    Math.max(from, c.beginningOffsets(List.of(partition)).get(partition)));
            while (c.position(partition) < end
                    && accepted.size() < MAX_READ
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    accepted.put(r.key(), parseTime(r.value(), r.timestamp()));
                }
            }
            if (c.position(partition) < end) {
                LOG.warn(
                        "Read {} Slack deliveries from journal '{}' but not all of them (stopped"
                                + " at offset {} of {}): some may be sent again",
                        accepted.size(),
                        topic,
                        c.position(partition),
                        end);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not read Slack delivery journal '{}' ({}): messages accepted after the"
                            + " restored checkpoint may be sent again",
                    topic,
                    e.toString());
        }
        LOG.info(
                "{} Slack message(s) were accepted after the restored checkpoint: they will not be"
                        + " sent again",
                accepted.size());
        return accepted;
    }

    private static long parseTime(String value, long fallback) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private void createTopicIfMissing() {
        try (Admin admin =
                Admin.create(
                        KafkaClientProperties.admin(
                                bootstrapServers,
                                "slack-delivery-journal-admin",
                                Duration.ofSeconds(5)))) {
            NewTopic t =
                    new NewTopic(topic, 1, (short) -1)
                            .configs(
                                    Map.of(
                                            "retention.ms",
                                            Long.toString(RETENTION.toMillis()),
                                            "cleanup.policy",
                                            "delete"));
            admin.createTopics(List.of(t)).all().get(10, TimeUnit.SECONDS);
            LOG.info("Created the Slack delivery journal topic '{}'", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn(
                        "Could not create the Slack delivery journal topic '{}' ({})",
                        topic,
                        e.getCause().toString());
            }
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("Could not create the Slack delivery journal topic '{}' ({})", topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Long endOffset() {
        Properties p =
                KafkaClientProperties.consumer(
                        bootstrapServers, "slack-delivery-journal-end-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            return c.endOffsets(List.of(partition), Duration.ofSeconds(10)).get(partition);
        } catch (RuntimeException e) {
            LOG.warn("Could not read the end of Slack delivery journal '{}' ({})", topic, e);
            return null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
