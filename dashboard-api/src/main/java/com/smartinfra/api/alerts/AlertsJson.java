package com.smartinfra.api.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.SampleJson;
import java.io.IOException;
import java.util.List;

/**
 * {@code {"alerts":[{"id":"web-01|cpu|1750783320000|0","host":"web-01","cause":"cpu",
 * "message_id":"web-01#1","kind":"firing","state":"firing","severity":"critical","status":"sent",
 * "delivered":true,"silenced":false,"flapping":false,"attempts":1,
 * "since":"2025-06-24T16:42:00Z","value":92.3,"threshold":85.0,"score":92.3,"explanation":"...",
 * "timestamp":"2025-06-24T16:42:00Z"}, ...]}}: the columns the job writes, under their own names;
 * fields the point lacks are left out.
 */
public final class AlertsJson {
    // field names of the alerts measurement (InfluxSchema.appendAlert writes them as literals)
    static final String ID = "id";
    static final String MESSAGE_ID = "message_id";
    static final String KIND = "kind";
    static final String STATE = "state";
    static final String SEVERITY = "severity";
    static final String STATUS = "status";
    static final String DELIVERED = "delivered";
    static final String SILENCED = "silenced";
    static final String FLAPPING = "flapping";
    static final String ATTEMPTS = "attempts";
    static final String SINCE = "since";
    static final String VALUE = "value";

    private AlertsJson() {}

    public static byte[] alerts(List<Alert> alerts) {
        return Json.list("alerts", alerts, 384, AlertsJson::write);
    }

    private static void write(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        Json.textIfPresent(g, ID, a.id());
        Json.textIfPresent(g, InfluxSchema.TAG_HOST, a.host());
        Json.textIfPresent(g, InfluxSchema.TAG_CAUSE, a.cause());
        Json.textIfPresent(g, MESSAGE_ID, a.messageId());
        Json.textIfPresent(g, KIND, a.kind());
        Json.textIfPresent(g, STATE, a.state());
        Json.textIfPresent(g, SEVERITY, a.severity());
        Json.textIfPresent(g, STATUS, a.status());
        booleanIfPresent(g, DELIVERED, a.delivered());
        booleanIfPresent(g, SILENCED, a.silenced());
        booleanIfPresent(g, FLAPPING, a.flapping());
        if (a.attempts() >= 0) {
            g.writeNumberField(ATTEMPTS, a.attempts());
        }
        if (a.since() >= 0) {
            Json.instant(g, SINCE, a.since());
        }
        Json.numberIfPresent(g, VALUE, a.value());
        Json.numberIfPresent(g, InfluxSchema.FIELD_THRESHOLD, a.threshold());
        Json.numberIfPresent(g, InfluxSchema.FIELD_SCORE, a.score());
        Json.textIfPresent(g, InfluxSchema.FIELD_EXPLANATION, a.explanation());
        Json.instant(g, SampleJson.TIMESTAMP, a.timestamp());
        g.writeEndObject();
    }

    private static void booleanIfPresent(JsonGenerator g, String name, Boolean value)
            throws IOException {
        if (value != null) {
            g.writeBooleanField(name, value);
        }
    }
}
