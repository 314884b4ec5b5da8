package com.smartinfra.api.fleet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.fleet.Fleet.HostEntry;
import com.smartinfra.api.fleet.Fleet.MetricEntry;
import com.smartinfra.api.http.Json;
import java.io.IOException;

/**
 * The {@code GET /fleet} answer: {@code {"as_of":"…","metrics":[{"host":"web-01","metric":"cpu",
 * "severity":"critical","firing":true,"anomalies_15m":9,"samples_15m":60,"rate_15m":0.15,
 * "rate_1m":0.25,"rate_24h":0.01}],"hosts":[{"host":"web-01","severity":"critical",
 * "firing":["cpu"],"top_metric":"cpu","anomalies_15m":9,"samples_15m":60,"rate_15m":0.15,
 * "rate_1m":0.25,"rate_24h":0.01,"learning":false,"learning_left_ms":0,
 * "learning_samples_left":0}]}}. Every key is always there: what is unknown is null.
 */
public final class FleetJson {
    private FleetJson() {}

    public static byte[] fleet(Fleet f) {
        return Json.write(
                128 + 200 * f.metrics().size() + 300 * f.hosts().size(),
                g -> {
                    g.writeStartObject();
                    Json.instant(g, "as_of", f.asOfMs());
                    g.writeArrayFieldStart("metrics");
                    for (MetricEntry m : f.metrics()) {
                        write(g, m);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("hosts");
                    for (HostEntry h : f.hosts()) {
                        write(g, h);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    private static void write(JsonGenerator g, MetricEntry m) throws IOException {
        g.writeStartObject();
        g.writeStringField("host", m.host());
        g.writeStringField("metric", m.metric());
        severity(g, m.severity());
        g.writeBooleanField("firing", m.firing());
        g.writeNumberField("anomalies_15m", m.anomalies15m());
        g.writeNumberField("samples_15m", m.samples15m());
        Json.numberOrNull(g, "rate_15m", m.rate15m());
        Json.numberOrNull(g, "rate_1m", m.rate1m());
        Json.numberOrNull(g, "rate_24h", m.rate24h());
        g.writeEndObject();
    }

    private static void write(JsonGenerator g, HostEntry h) throws IOException {
        g.writeStartObject();
        g.writeStringField("host", h.host());
        severity(g, h.severity());
        g.writeArrayFieldStart("firing");
        for (String cause : h.firing()) {
            g.writeString(cause);
        }
        g.writeEndArray();
        if (h.topMetric() == null) {
            g.writeNullField("top_metric");
        } else {
            g.writeStringField("top_metric", h.topMetric());
        }
        g.writeNumberField("anomalies_15m", h.anomalies15m());
        g.writeNumberField("samples_15m", h.samples15m());
        Json.numberOrNull(g, "rate_15m", h.rate15m());
        Json.numberOrNull(g, "rate_1m", h.rate1m());
        Json.numberOrNull(g, "rate_24h", h.rate24h());
        if (h.learning() == null) {
            g.writeNullField("learning");
            g.writeNullField("learning_left_ms");
            g.writeNullField("learning_samples_left");
        } else {
            g.writeBooleanField("learning", h.learning());
            nonNegativeOrNull(g, "learning_left_ms", h.learningLeftMs());
            nonNegativeOrNull(g, "learning_samples_left", h.learningSamplesLeft());
        }
        g.writeEndObject();
    }

    private static void severity(JsonGenerator g, Severity s) throws IOException {
        if (s.json() == null) {
            g.writeNullField("severity");
        } else {
            g.writeStringField("severity", s.json());
        }
    }

    private static void nonNegativeOrNull(JsonGenerator g, String name, long v) throws IOException {
        if (v < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
