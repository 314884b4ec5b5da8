package com.smartinfra.api.anomalies;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.SampleJson;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code {"anomalies":[{"host":"web-01","timestamp":"2025-06-24T16:42:00Z","cpu":92.3,
 * "memory":40.0,"disk":55.0,"reason":"cpu>85","score":92.3,"threshold":85.0,"model_version":0,
 * "explanation":"..."}, ...]}}: fields the point lacks are left out.
 */
public final class AnomaliesJson {
    private AnomaliesJson() {}

    public static byte[] anomalies(List<Anomaly> anomalies) {
        return Json.write(
                64 + anomalies.size() * 256,
                g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("anomalies");
                    for (Anomaly a : anomalies) {
                        write(g, a);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    private static void write(JsonGenerator g, Anomaly a) throws IOException {
        g.writeStartObject();
        if (a.host() != null) {
            g.writeStringField(SampleJson.HOST, a.host());
        }
        g.writeStringField(SampleJson.TIMESTAMP, Instant.ofEpochMilli(a.timestamp()).toString());
        number(g, SampleJson.CPU, a.cpu());
        number(g, SampleJson.MEMORY, a.memory());
        number(g, SampleJson.DISK, a.disk());
        if (a.reason() != null) {
            g.writeStringField(InfluxSchema.FIELD_REASON, a.reason());
        }
        number(g, InfluxSchema.FIELD_SCORE, a.score());
        number(g, InfluxSchema.FIELD_THRESHOLD, a.threshold());
        if (a.modelVersion() >= 0) {
            g.writeNumberField(InfluxSchema.FIELD_MODEL_VERSION, a.modelVersion());
        }
        if (a.explanation() != null) {
            g.writeStringField(InfluxSchema.FIELD_EXPLANATION, a.explanation());
        }
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (!Double.isNaN(v)) {
            g.writeNumberField(name, v);
        }
    }
}
