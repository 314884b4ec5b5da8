package com.smartinfra.job.detect;

import com.smartinfra.schema.InfluxSchema;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** An anomaly as one {@code anomalies} point (host + sample time: a replay overwrites it). */
public final class AnomaliesConverter implements ElementConverter<Anomaly, String> {
    private static final long serialVersionUID = 1L;

    private transient StringBuilder line;

    @Override
    public String apply(Anomaly a, SinkWriter.Context context) {
        if (line == null) {
            line = new StringBuilder(256);
        }
        line.setLength(0);
        return InfluxSchema.appendAnomaly(
                        line,
                        a.host,
                        a.timestamp,
                        a.cpu,
                        a.memory,
                        a.disk,
                        a.reason,
                        a.score,
                        a.threshold,
                        a.modelVersion,
                        a.explanation)
                .toString();
    }
}
