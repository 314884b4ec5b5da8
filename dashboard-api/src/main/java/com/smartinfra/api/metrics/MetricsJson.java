package com.smartinfra.api.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The {@code GET /metrics} answer: {@code {"samples":[{"host":"web-01",
 * "timestamp":"2025-06-24T16:42:00Z","cpu":92.3,"memory":88.1,"disk":95.6,"disk_io":5.5,
 * "injected":"cpu_spike"}, ...]}}, each sample in the Kafka wire format's shape.
 */
public final class MetricsJson {
    private MetricsJson() {}

    public static byte[] samples(List<Sample> samples) {
        return Json.write(
                64 + samples.size() * 120,
                g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("samples");
                    for (Sample s : samples) {
                        writeSample(g, s);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    private static void writeSample(JsonGenerator g, Sample s) throws IOException {
        g.writeStartObject();
        if (s.host != null) {
            g.writeStringField(SampleJson.HOST, s.host);
        }
        // Instant.toString: whole seconds print without a fraction, otherwise milliseconds
        g.writeStringField(SampleJson.TIMESTAMP, Instant.ofEpochMilli(s.timestamp).toString());
        writeNumber(g, SampleJson.CPU, s.cpu);
        writeNumber(g, SampleJson.MEMORY, s.memory);
        writeNumber(g, SampleJson.DISK, s.disk);
        for (int i = 0; i < s.extraNames.length; i++) {
            writeNumber(g, s.extraNames[i], s.extraValues[i]);
        }
        if (s.injected != null) {
            g.writeStringField(InfluxSchema.FIELD_INJECTED, s.injected);
        }
        g.writeEndObject();
    }

    /** A metric the point lacks is null: JSON has no NaN. */
    private static void writeNumber(JsonGenerator g, String name, double value) throws IOException {
        if (Double.isNaN(value)) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }
}
