package com.smartinfra.api.alerts;

import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.schema.InfluxSchema;
import java.util.List;

/** Reads the {@code alerts} measurement, newest first. */
public final class AlertsReader {
    private final InfluxReader influx;

    public AlertsReader(InfluxReader influx) {
        this.influx = influx;
    }

    public List<Alert> read(AlertsQuery q) throws InfluxUnavailableException {
        return influx.points(influxQl(q), AlertsReader::toAlert);
    }

    static String influxQl(AlertsQuery q) {
        StringBuilder sb = InfluxQl.select("*", InfluxSchema.ALERTS, q.sinceMs(), q.untilMs());
        InfluxQl.andHost(sb, q.host());
        InfluxQl.andEquals(sb, InfluxSchema.TAG_CAUSE, q.cause(), InfluxQl.CAUSE);
        InfluxQl.andEquals(sb, AlertsJson.STATE, q.state(), AlertsQuery.STATE);
        InfluxQl.andEquals(sb, AlertsJson.STATUS, q.status(), AlertsQuery.STATUS);
        return InfluxQl.newestFirst(sb, q.limit()).toString();
    }

    private static Alert toAlert(InfluxRow row, long time) {
        return new Alert(
                time,
                row.text(InfluxSchema.TAG_HOST),
                row.text(InfluxSchema.TAG_CAUSE),
                row.text(AlertsJson.ID),
                row.text(AlertsJson.MESSAGE_ID),
                row.text(AlertsJson.KIND),
                row.text(AlertsJson.STATE),
                row.text(AlertsJson.SEVERITY),
                row.text(AlertsJson.STATUS),
                bool(row, AlertsJson.DELIVERED),
                bool(row, AlertsJson.SILENCED),
                bool(row, AlertsJson.FLAPPING),
                row.integer(AlertsJson.ATTEMPTS, -1),
                row.integer(AlertsJson.SINCE, -1),
                row.number(AlertsJson.VALUE),
                row.number(InfluxSchema.FIELD_THRESHOLD),
                row.number(InfluxSchema.FIELD_SCORE),
                row.text(InfluxSchema.FIELD_EXPLANATION));
    }

    /** A boolean field; null when absent or not a boolean. */
    private static Boolean bool(InfluxRow row, String name) {
        String v = row.text(name);
        return "true".equals(v) ? Boolean.TRUE : "false".equals(v) ? Boolean.FALSE : null;
    }
}
