package com.smartinfra.job.ingest;

import com.smartinfra.schema.Sample;

/** What the Kafka source emits: a valid sample, or a dead letter saying why not. */
public final class IngestRecord {
    /** Set when the record was a valid sample. */
    public Sample sample;

    /** Set when the record was refused. */
    public DeadLetter deadLetter;

    public IngestRecord() {}

    public static IngestRecord valid(Sample sample) {
        IngestRecord r = new IngestRecord();
        r.sample = sample;
        return r;
    }

    public static IngestRecord refused(DeadLetter deadLetter) {
        IngestRecord r = new IngestRecord();
        r.deadLetter = deadLetter;
        return r;
    }

    /**
     * Event time of the record. Dead letters carry no trustworthy time: {@code Long.MIN_VALUE}, and
     * {@link IngestWatermarks} leaves them out of the watermark.
     */
    public long eventTime() {
        return sample != null ? sample.timestamp : Long.MIN_VALUE;
    }
}
