package com.smartinfra.job.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record refused at ingest: the original bytes, where they came from, and why. */
public final class DeadLetter {
    public byte[] key;
    public byte[] value;
    public String reason;
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;
    public long sourceTimestamp;

    public DeadLetter() {}

    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, String reason) {
        DeadLetter d = new DeadLetter();
        d.key = record.key();
        d.value = record.value();
        d.reason = reason;
        d.sourceTopic = record.topic();
        d.sourcePartition = record.partition();
        d.sourceOffset = record.offset();
        d.sourceTimestamp = record.timestamp();
        return d;
    }

    @Override
    public String toString() {
        return "DeadLetter{"
                + sourceTopic
                + "-"
                + sourcePartition
                + "@"
                + sourceOffset
                + ": "
                + reason
                + "}";
    }
}
