package com.smartinfra.job.store;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/**
 * Turns a record into one line of InfluxDB line protocol for {@link InfluxSink}, appending into a
 * builder reused across records (one per writer) so the hot path allocates only the line itself.
 */
public abstract class LineProtocolConverter<T> implements ElementConverter<T, String> {
    private static final long serialVersionUID = 1L;

    private transient StringBuilder line;

    /** Appends the record's line (no trailing newline) to {@code sb}. */
    protected abstract StringBuilder append(StringBuilder sb, T record);

    @Override
    public final String apply(T record, SinkWriter.Context context) {
        if (line == null) {
            line = new StringBuilder(256);
        }
        line.setLength(0);
        return append(line, record).toString();
    }
}
