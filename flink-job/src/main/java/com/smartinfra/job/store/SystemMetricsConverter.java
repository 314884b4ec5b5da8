package com.smartinfra.job.store;

import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** A raw sample as one {@code system_metrics} point. */
public final class SystemMetricsConverter implements ElementConverter<Sample, String> {
    private static final long serialVersionUID = 1L;

    private transient StringBuilder line;

    @Override
    public String apply(Sample sample, SinkWriter.Context context) {
        if (line == null) {
            line = new StringBuilder(160);
        }
        line.setLength(0);
        return InfluxSchema.appendSystemMetrics(line, sample).toString();
    }
}
