package com.smartinfra.job.alert;

import com.smartinfra.schema.InfluxSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** One delivery report as one point of the InfluxDB measurement {@code alerts}. */
public final class AlertsConverter implements ElementConverter<AlertDelivery, String> {
    private static final long serialVersionUID = 1L;

    private transient StringBuilder line;

    @Override
    public String apply(AlertDelivery d, SinkWriter.Context context) {
        if (line == null) {
            line = new StringBuilder(256);
        }
        line.setLength(0);
        AlertItem i = d.item;
        return InfluxSchema.appendAlert(
                        line,
                        i.host,
                        i.cause,
                        i.time,
                        i.id(),
                        d.messageId,
                        i.kind.label(),
                        i.severity,
                        d.status,
                        d.delivered,
                        i.silenced,
                        i.flapping,
                        d.attempts,
                        i.since,
                        i.value,
                        i.threshold,
                        i.score,
                        i.explanation)
                .toString();
    }
}
