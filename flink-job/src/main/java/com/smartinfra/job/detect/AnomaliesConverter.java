package com.smartinfra.job.detect;

import com.smartinfra.job.store.LineProtocolConverter;
import com.smartinfra.schema.InfluxSchema;

/** An anomaly as one {@code anomalies} point (host + sample time: a replay overwrites it). */
public final class AnomaliesConverter extends LineProtocolConverter<Anomaly> {
    private static final long serialVersionUID = 1L;

    @Override
    protected StringBuilder append(StringBuilder sb, Anomaly a) {
        return InfluxSchema.appendAnomaly(
                sb,
                a.host,
                a.timestamp,
                a.cpu,
                a.memory,
                a.disk,
                a.reason,
                a.score,
                a.threshold,
                a.modelVersion,
                a.explanation);
    }
}
