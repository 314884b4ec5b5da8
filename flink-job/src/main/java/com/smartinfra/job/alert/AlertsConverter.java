package com.smartinfra.job.alert;

import com.smartinfra.job.store.LineProtocolConverter;
import com.smartinfra.schema.InfluxSchema;

/** One delivery report as one point of the InfluxDB measurement {@code alerts}. */
public final class AlertsConverter extends LineProtocolConverter<AlertDelivery> {
    private static final long serialVersionUID = 1L;

    @Override
    protected StringBuilder append(StringBuilder sb, AlertDelivery d) {
        AlertItem i = d.item;
        return InfluxSchema.appendAlert(
                sb,
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
                i.explanation);
    }
}
