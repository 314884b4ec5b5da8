package com.smartinfra.api.anomalies;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.SampleJson;
import java.io.IOException;
import java.util.List;

/**
 * {@code {"anomalies":[{"host":"web-01","timestamp":"2025-06-24T16:42:00Z","cpu":92.3,
 * "memory":40.0,"disk":55.0,"reason":"cpu>85","score":92.3,"threshold":85.0,"model_version":0,
 * "explanation":"..."}, ...]}}: fields the point lacks are left out.
 */
public final class AnomaliesJson {
    private AnomaliesJson() {}

    public static byte[] anomalies(List<Anomaly> anomalies) {
        return Json.list("anomalies", anomalies, 256, AnomaliesJson::write);
    }

    private static void write(JsonGenerator g, Anomaly a) throws IOException {
        g.writeStartObject();
        Json.textIfPresent(g, SampleJson.HOST, a.host());
        Json.instant(g, SampleJson.TIMESTAMP, a.timestamp());
        Json.numberIfPresent(g, SampleJson.CPU, a.cpu());
        Json.numberIfPresent(g, SampleJson.MEMORY, a.memory());
        Json.numberIfPresent(g, SampleJson.DISK, a.disk());
        Json.textIfPresent(g, InfluxSchema.FIELD_REASON, a.reason());
        Json.numberIfPresent(g, InfluxSchema.FIELD_SCORE, a.score());
        Json.numberIfPresent(g, InfluxSchema.FIELD_THRESHOLD, a.threshold());
        if (a.modelVersion() >= 0) {
            g.writeNumberField(InfluxSchema.FIELD_MODEL_VERSION, a.modelVersion());
        }
        Json.textIfPresent(g, InfluxSchema.FIELD_EXPLANATION, a.explanation());
        g.writeEndObject();
    }
}
