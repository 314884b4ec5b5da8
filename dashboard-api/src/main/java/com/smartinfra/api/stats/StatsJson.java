package com.smartinfra.api.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.schema.InfluxSchema;
import java.io.IOException;
import java.util.List;

/**
 * The {@code GET /stats} answer: {@code {"stats":[{"host":"web-01","window":"1m",
 * "start":"2025-06-24T16:42:00Z","end":"2025-06-24T16:43:00Z","count":20,
 * "cpu":{"mean":..,"min":..,"max":..,"stddev":..,"p95":..},"memory":{...},"disk":{...}}]}}.
 */
public final class StatsJson {
    private StatsJson() {}

    public static byte[] stats(List<WindowStats> stats) {
        return Json.list("stats", stats, 400, StatsJson::write);
    }

    private static void write(JsonGenerator g, WindowStats s) throws IOException {
        g.writeStartObject();
        Json.textIfPresent(g, "host", s.host());
        Json.textIfPresent(g, "window", s.window());
        Json.instant(g, "start", s.startMs());
        if (s.endMs() >= 0) {
            Json.instant(g, "end", s.endMs());
        }
        g.writeNumberField("count", s.count());
        for (int m = 0; m < InfluxSchema.STATS_METRICS.length; m++) {
            g.writeObjectFieldStart(InfluxSchema.STATS_METRICS[m]);
            for (int k = 0; k < InfluxSchema.STATISTICS.length; k++) {
                Json.numberIfPresent(g, InfluxSchema.STATISTICS[k], s.values()[m][k]);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
