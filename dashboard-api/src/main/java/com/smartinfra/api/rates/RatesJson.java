package com.smartinfra.api.rates;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import java.io.IOException;
import java.util.List;

/**
 * The {@code GET /anomaly-rates} answer: {@code {"rates":[{"host":"web-01","window":"15m",
 * "start":"2025-06-24T16:30:00Z","end":"2025-06-24T16:45:00Z","samples":60,"anomalies":3,
 * "rate":0.05,"rule_anomalies":1,"model_anomalies":2,"cpu":{"anomalies":2,"rule_anomalies":1,
 * "rate":0.0333},"memory":{...},"disk":{...}}]}}; 1-minute rows also carry the host's learning
 * status, {@code "learning":true,"learning_left_ms":720000,"learning_samples_left":12}.
 */
public final class RatesJson {
    private RatesJson() {}

    public static byte[] rates(List<RateRow> rows) {
        return Json.list("rates", rows, 360, RatesJson::write);
    }

    private static void write(JsonGenerator g, RateRow r) throws IOException {
        g.writeStartObject();
        Json.textIfPresent(g, InfluxSchema.TAG_HOST, r.host());
        Json.textIfPresent(g, InfluxSchema.TAG_WINDOW, r.window());
        Json.instant(g, "start", r.startMs());
        if (r.endMs() >= 0) {
            Json.instant(g, "end", r.endMs());
        }
        g.writeNumberField(InfluxSchema.FIELD_SAMPLES, r.samples());
        g.writeNumberField(InfluxSchema.FIELD_ANOMALIES, r.anomalies());
        Json.numberOrNull(g, InfluxSchema.FIELD_RATE, r.rate());
        g.writeNumberField(InfluxSchema.FIELD_RULE_ANOMALIES, r.ruleAnomalies());
        g.writeNumberField(InfluxSchema.FIELD_MODEL_ANOMALIES, r.modelAnomalies());
        for (int m = 0; m < InfluxSchema.STATS_METRICS.length; m++) {
            g.writeObjectFieldStart(InfluxSchema.STATS_METRICS[m]);
            g.writeNumberField(InfluxSchema.FIELD_ANOMALIES, r.metricAnomalies()[m]);
            g.writeNumberField(InfluxSchema.FIELD_RULE_ANOMALIES, r.metricRuleAnomalies()[m]);
            Json.numberOrNull(g, InfluxSchema.FIELD_RATE, r.metricRate(m));
            g.writeEndObject();
        }
        if (r.learning() != null) {
            writeLearning(g, r);
        }
        g.writeEndObject();
    }

    /** {@code "learning":..,"learning_left_ms":..,"learning_samples_left":..}. */
    public static void writeLearning(JsonGenerator g, RateRow r) throws IOException {
        g.writeBooleanField(InfluxSchema.FIELD_LEARNING, r.learning());
        if (r.learningLeftMs() >= 0) {
            g.writeNumberField(InfluxSchema.FIELD_LEARNING_LEFT_MS, r.learningLeftMs());
        }
        if (r.learningSamplesLeft() >= 0) {
            g.writeNumberField(InfluxSchema.FIELD_LEARNING_SAMPLES_LEFT, r.learningSamplesLeft());
        }
    }
}
