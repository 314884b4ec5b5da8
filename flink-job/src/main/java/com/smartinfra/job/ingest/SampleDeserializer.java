package com.smartinfra.job.ingest;

import com.smartinfra.schema.InvalidSampleException;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.SampleTimeBounds;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into exactly one {@link IngestRecord}: a validated sample or a dead
 * letter with the reason. Never throws on bad input, so one poison record cannot fail the job.
 * Beyond the wire format's rules it refuses event times outside {@link SampleTimeBounds} (settings
 * {@code ingest.max-age} and {@code ingest.max-future-skew}).
 */
public final class SampleDeserializer implements KafkaRecordDeserializationSchema<IngestRecord> {
    private static final long serialVersionUID = 1L;

    private final SampleTimeBounds timeBounds;

    public SampleDeserializer(SampleTimeBounds timeBounds) {
        this.timeBounds = timeBounds;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
        out.collect(toIngestRecord(record, System.currentTimeMillis()));
    }

    IngestRecord toIngestRecord(ConsumerRecord<byte[], byte[]> record, long nowMillis) {
        try {
            Sample s = SampleJson.parse(record.value());
            // too old for the InfluxDB bucket's retention, or too far ahead for event time
            timeBounds.check(s.timestamp, nowMillis);
            return IngestRecord.valid(s);
        } catch (InvalidSampleException e) {
            return IngestRecord.refused(DeadLetter.of(record, e.getMessage()));
        } catch (RuntimeException e) {
            // a record must never fail the source (it would be read again after the restart,
            // and fail it again): whatever it provokes, it waits in the dead-letter topic
            return IngestRecord.refused(
                    DeadLetter.of(record, "unexpected error in validation: " + e));
        }
    }

    @Override
    public TypeInformation<IngestRecord> getProducedType() {
        return TypeInformation.of(IngestRecord.class);
    }
}
