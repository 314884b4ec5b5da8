package com.smartinfra.api.anomalies;

import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.SampleJson;
import java.util.List;

/** Reads the {@code anomalies} measurement, newest first. */
public final class AnomaliesReader {
    private final InfluxReader influx;

    public AnomaliesReader(InfluxReader influx) {
        this.influx = influx;
    }

    public List<Anomaly> read(AnomaliesQuery q) throws InfluxUnavailableException {
        return influx.points(influxQl(q), AnomaliesReader::toAnomaly);
    }

    static String influxQl(AnomaliesQuery q) {
        StringBuilder sb = InfluxQl.select("*", InfluxSchema.ANOMALIES, q.sinceMs(), q.untilMs());
        InfluxQl.andHost(sb, q.host());
        InfluxQl.andReason(sb, q.reason());
        return InfluxQl.newestFirst(sb, q.limit()).toString();
    }

    private static Anomaly toAnomaly(InfluxRow row, long time) {
        return new Anomaly(
                row.text(InfluxSchema.TAG_HOST),
                time,
                row.number(SampleJson.CPU),
                row.number(SampleJson.MEMORY),
                row.number(SampleJson.DISK),
                row.text(InfluxSchema.FIELD_REASON),
                row.number(InfluxSchema.FIELD_SCORE),
                row.number(InfluxSchema.FIELD_THRESHOLD),
                row.integer(InfluxSchema.FIELD_MODEL_VERSION, -1),
                row.text(InfluxSchema.FIELD_EXPLANATION));
    }
}
