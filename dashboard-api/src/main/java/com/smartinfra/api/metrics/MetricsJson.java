package com.smartinfra.api.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.IOException;
import java.util.List;

/**
 * The {@code GET /metrics} answer: {@code {"samples":[{"host":"web-01",
 * "timestamp":"2025-06-24T16:42:00Z","cpu":92.3,"memory":88.1,"disk":95.6,"disk_io":5.5,
 * "injected":"cpu_spike"}, ...]}}, each sample in the Kafka wire format's shape.
 */
public final class MetricsJson {
    private MetricsJson() {}

    public static byte[] samples(List<Sample> samples) {
        return Json.list("samples", samples, 120, MetricsJson::writeSample);
    }

    /** A metric the point lacks is null, not left out. */
    private static void writeSample(JsonGenerator g, Sample s) throws IOException {
        g.writeStartObject();
        Json.textIfPresent(g, SampleJson.HOST, s.host);
        Json.instant(g, SampleJson.TIMESTAMP, s.timestamp);
        Json.numberOrNull(g, SampleJson.CPU, s.cpu);
        Json.numberOrNull(g, SampleJson.MEMORY, s.memory);
        Json.numberOrNull(g, SampleJson.DISK, s.disk);
        for (int i = 0; i < s.extraNames.length; i++) {
            Json.numberOrNull(g, s.extraNames[i], s.extraValues[i]);
        }
        Json.textIfPresent(g, InfluxSchema.FIELD_INJECTED, s.injected);
        g.writeEndObject();
    }
}
