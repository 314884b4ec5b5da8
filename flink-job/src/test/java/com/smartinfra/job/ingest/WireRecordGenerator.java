package com.smartinfra.job.ingest;

import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.SampleTimeBounds;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The simulator's wire records for a generator source (benchmarks): record {@code i} is the JSON a
 * host sends, turned into an {@link IngestRecord} by the job's own parse and validation ({@link
 * SampleDeserializer}), so a generator-fed job pays for parsing as the Kafka-fed one does.
 *
 * <p>The source splits the index range into {@code splits} equal parts; each part carries its own
 * share of the hosts through every time step (as Kafka partitions keyed by host do), so the parts
 * advance in event time together. The metric values come from a pool the simulator generated once
 * (at most {@value #POOL_HOSTS} hosts × {@value #POOL_STEPS} steps); only host and time are written
 * per record, by copying bytes.
 */
public final class WireRecordGenerator implements GeneratorFunction<Long, IngestRecord> {
    private static final long serialVersionUID = 1L;
    static final int POOL_HOSTS = 100;
    static final int POOL_STEPS = 1_200;

    private final int hosts;
    private final int splits;
    private final long count;
    private final long startMillis;
    private final long intervalMillis;
    private final SampleTimeBounds bounds;

    private transient byte[][] hostNames;
    private transient byte[][] tails; // pool step × pool host: the JSON after the timestamp
    private transient SampleDeserializer deserializer;
    private transient long cachedStep;
    private transient byte[] cachedTime;

    /**
     * @param hosts hosts, a multiple of {@code splits}
     * @param splits the source's parallelism (the number of index ranges)
     * @param count records in all, a multiple of {@code hosts}
     */
    public WireRecordGenerator(
            int hosts,
            int splits,
            long count,
            long startMillis,
            long intervalMillis,
            Duration maxAge,
            Duration maxFutureSkew) {
        if (hosts % splits != 0 || count % hosts != 0) {
            throw new IllegalArgumentException(
                    "hosts must be a multiple of the parallelism, records of the hosts");
        }
        this.hosts = hosts;
        this.splits = splits;
        this.count = count;
        this.startMillis = startMillis;
        this.intervalMillis = intervalMillis;
        this.bounds = new SampleTimeBounds(maxAge, maxFutureSkew);
    }

    @Override
    public void open(SourceReaderContext context) {
        List<String> names = SampleGenerator.hostNames(hosts);
        hostNames = new byte[hosts][];
        for (int h = 0; h < hosts; h++) {
            hostNames[h] = names.get(h).getBytes(StandardCharsets.UTF_8);
        }
        int poolHosts = Math.min(hosts, POOL_HOSTS);
        SampleGenerator pool = new SampleGenerator(poolHosts, intervalMillis, 0.01, 42L, 0L);
        tails = new byte[POOL_STEPS * poolHosts][];
        for (int i = 0; i < tails.length; i++) {
            tails[i] = tail(SampleJson.toJson(pool.next()));
        }
        deserializer = new SampleDeserializer(bounds);
        cachedStep = -1;
    }

    @Override
    public IngestRecord map(Long index) {
        long i = index;
        long perSplit = count / splits;
        int hostsPerSplit = hosts / splits;
        long local = i % perSplit;
        long step = local / hostsPerSplit;
        int host = (int) (i / perSplit) * hostsPerSplit + (int) (local % hostsPerSplit);
        int poolHosts = tails.length / POOL_STEPS;
        byte[] tail = tails[(int) (step % POOL_STEPS) * poolHosts + host % poolHosts];
        byte[] value = json(hostNames[host], time(step), tail);
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>("generated", 0, i, hostNames[host], value);
        return deserializer.toIngestRecord(record, System.currentTimeMillis());
    }

    /** The timestamp of a step as JSON string bytes (one per step: hosts share it). */
    private byte[] time(long step) {
        if (step != cachedStep) {
            cachedStep = step;
            cachedTime =
                    Instant.ofEpochMilli(startMillis + step * intervalMillis)
                            .toString()
                            .getBytes(StandardCharsets.US_ASCII);
        }
        return cachedTime;
    }

    private static final byte[] HEAD = "{\"host\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"timestamp\":\"".getBytes(StandardCharsets.US_ASCII);

    private static byte[] json(byte[] host, byte[] time, byte[] tail) {
        byte[] out =
                new byte[HEAD.length + host.length + MIDDLE.length + time.length + tail.length];
        int n = 0;
        System.arraycopy(HEAD, 0, out, n, HEAD.length);
        n += HEAD.length;
        System.arraycopy(host, 0, out, n, host.length);
        n += host.length;
        System.arraycopy(MIDDLE, 0, out, n, MIDDLE.length);
        n += MIDDLE.length;
        System.arraycopy(time, 0, out, n, time.length);
        n += time.length;
        System.arraycopy(tail, 0, out, n, tail.length);
        return out;
    }

    /** What follows the timestamp's value in the simulator's JSON: {@code ","cpu":...}}. */
    private static byte[] tail(byte[] json) {
        String s = new String(json, StandardCharsets.UTF_8);
        int at = s.indexOf("\",\"" + SampleJson.CPU + "\"");
        if (!s.startsWith("{\"host\":\"") || at < 0) {
            throw new IllegalStateException("unexpected wire format: " + s);
        }
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOfRange(all, at, all.length);
    }
}
