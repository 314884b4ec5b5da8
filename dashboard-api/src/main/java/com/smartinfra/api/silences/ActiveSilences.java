package com.smartinfra.api.silences;

import com.smartinfra.api.http.RequestLog;
import com.smartinfra.schema.InvalidSilenceCommandException;
import com.smartinfra.schema.SilenceCommand;
import com.smartinfra.schema.SilenceCommandJson;
import com.smartinfra.schema.kafka.KafkaClientProperties;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The silences active now, known by reading the alert control topic from its beginning in a
 * background thread and then following it ({@link SilenceTable} keeps them). It is what {@code GET
 * /silences} answers and what the cap on {@code POST /silences} counts. The API's own commands are
 * applied at once as well, so a silence it just created (or lifted) counts before the topic
 * delivers it back.
 *
 * <p>No consumer group, no committed offsets: every start reads the topic again, as the job's
 * broadcast does. Until the first read reaches the end the topic had, {@link #awaitLoaded} says so;
 * Kafka being down at start then shows as {@link #problem()}.
 */
public final class ActiveSilences implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveSilences.class);

    /** Every wait on Kafka in the reader thread. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(500);

    private final String bootstrapServers;
    private final String topic;
    private final Clock clock;
    private final SilenceTable table;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread reader;
    private volatile boolean closed;
    private volatile String problem;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private boolean warnedFull;

    public ActiveSilences(String bootstrapServers, String topic, Clock clock, int maxTracked) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.clock = clock;
        this.table = new SilenceTable(maxTracked);
        this.reader = new Thread(this::run, "dashboard-api-silences");
        this.reader.setDaemon(true);
    }

    /** Starts reading the topic in the background. */
    public ActiveSilences start() {
        reader.start();
        return this;
    }

    /** True once the topic has been read to the end it had at start (waits up to {@code max}). */
    public boolean awaitLoaded(Duration max) throws InterruptedException {
        return loaded.await(max.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the topic could not be read yet, or null. */
    public String problem() {
        String p = problem;
        return p == null ? "no answer within " + KAFKA_TIMEOUT.toSeconds() + " s" : p;
    }

    /** The active silences, the soonest to end first. */
    public List<SilenceCommand> active() {
        return table.active(clock.millis());
    }

    /** Counts {@code c} as active, unless {@code cap} silences already are (then false). */
    public boolean reserve(SilenceCommand c, int cap) {
        return table.addIfBelow(c, cap, clock.millis());
    }

    /** Forgets a silence: reserved but never produced, or lifted. */
    public void forget(String id) {
        table.remove(id);
    }

    private void run() {
        while (!closed) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                if (closed) {
                    return;
                }
                follow(c);
            } catch (WakeupException e) {
                return; // closing
            } catch (KafkaException e) {
                problem = shorten(e);
                LOG.warn("reading silences from topic {}: {}", topic, problem);
                pause();
            } finally {
                consumer = null;
            }
        }
    }

    /** Reads the topic from the beginning, marks it loaded at the end it had, then follows it. */
    private void follow(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions, KAFKA_TIMEOUT);
        while (!closed) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
                apply(r);
            }
            if (loaded.getCount() > 0 && reached(c, end)) {
                problem = null;
                loaded.countDown();
                LOG.info(
                        "silences: {} active on topic {}",
                        table.active(clock.millis()).size(),
                        topic);
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        while (!closed) {
            List<PartitionInfo> infos = c.partitionsFor(topic, KAFKA_TIMEOUT);
            if (infos != null && !infos.isEmpty()) {
                List<TopicPartition> out = new ArrayList<>();
                for (PartitionInfo p : infos) {
                    out.add(new TopicPartition(p.topic(), p.partition()));
                }
                return out;
            }
            problem = "topic '" + topic + "' does not exist";
            pause();
        }
        throw new WakeupException();
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey(), KAFKA_TIMEOUT) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            // a tombstone (compaction) removes its key
            if (r.key() != null) {
                table.remove(new String(r.key(), StandardCharsets.UTF_8));
            }
            return;
        }
        SilenceCommand c;
        try {
            c = SilenceCommandJson.parse(r.value());
        } catch (InvalidSilenceCommandException e) {
            LOG.warn(
                    "silences: skipped record {}-{}@{}: {}",
                    topic,
                    r.partition(),
                    r.offset(),
                    RequestLog.value(e.getMessage()));
            return;
        }
        if (!table.apply(c, clock.millis()) && !warnedFull) {
            warnedFull = true;
            LOG.warn(
                    "silences: topic {} holds more active silences than the API tracks; some are"
                            + " not listed",
                    topic);
        }
    }

    private Properties properties() {
        Properties p = KafkaClientProperties.consumer(bootstrapServers, "dashboard-api-silences");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(KAFKA_TIMEOUT.toMillis()));
        p.put(
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                Long.toString(KAFKA_TIMEOUT.toMillis()));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    /** Waits before trying Kafka again; close() ends the wait. */
    private void pause() {
        try {
            closing.await(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static String shorten(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() <= 200 ? m : m.substring(0, 200) + "...";
    }

    /**
     * Stops the reader and waits for it (bounded). Woken, not interrupted: an interrupted Kafka
     * consumer fails its own close.
     */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            reader.join(KAFKA_TIMEOUT.toMillis() * 2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
