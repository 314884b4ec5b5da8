package com.smartinfra.job.alert;

import com.smartinfra.schema.InvalidSilenceCommandException;
import com.smartinfra.schema.SilenceCommand;
import com.smartinfra.schema.SilenceCommandJson;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alert control topic with {@link SilenceCommandJson#parse}. A record that is not a valid
 * command is logged with the reason and skipped: a typo in a silence must never fail the job that
 * sends the alerts.
 */
public final class SilenceCommandDeserializer
        implements KafkaRecordDeserializationSchema<SilenceCommand> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SilenceCommandDeserializer.class);

    private transient Counter invalid;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        invalid = context.getMetricGroup().counter("alertControlInvalidCommands");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SilenceCommand> out) {
        try {
            out.collect(SilenceCommandJson.parse(record.value()));
        } catch (InvalidSilenceCommandException e) {
            if (invalid != null) {
                invalid.inc();
            }
            LOG.warn(
                    "Ignoring alert control record at {}-{} offset {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public TypeInformation<SilenceCommand> getProducedType() {
        return TypeInformation.of(SilenceCommand.class);
    }
}
