package com.smartinfra.job.ingest;

import com.smartinfra.schema.InvalidSampleException;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns each Kafka record into exactly one {@link IngestRecord}: a validated sample or a dead
 * letter with the reason. Never throws on bad input, so one poison record cannot fail the job.
 */
public final class SampleDeserializer implements KafkaRecordDeserializationSchema<IngestRecord> {
    private static final long serialVersionUID = 1L;

    private final long maxFutureSkewMillis;

    public SampleDeserializer(Duration maxFutureSkew) {
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IngestRecord> out) {
        out.collect(toIngestRecord(record, System.currentTimeMillis()));
    }

    IngestRecord toIngestRecord(ConsumerRecord<byte[], byte[]> record, long nowMillis) {
        try {
            Sample s = SampleJson.parse(record.value());
            // a clock far ahead would drag the watermark with it and make every later sample late
            if (s.timestamp > nowMillis + maxFutureSkewMillis) {
                throw new InvalidSampleException(
                        "field 'timestamp' is more than "
                                + Duration.ofMillis(maxFutureSkewMillis).toSeconds()
                                + " s in the future");
            }
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
