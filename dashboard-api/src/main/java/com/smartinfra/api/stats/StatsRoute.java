package com.smartinfra.api.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.schema.InfluxSchema;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code GET /stats}: {@code {"stats":[{"host":"web-01","window":"1m",
 * "start":"2025-06-24T16:42:00Z","end":"2025-06-24T16:43:00Z","count":20,
 * "cpu":{"mean":..,"min":..,"max":..,"stddev":..,"p95":..},"memory":{...},"disk":{...}}]}}.
 */
public final class StatsRoute implements Route {
    private final StatsRequestParser parser;
    private final StatsReader reader;

    public StatsRoute(StatsRequestParser parser, StatsReader reader) {
        this.parser = parser;
        this.reader = reader;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        StatsQuery query = parser.parse(req.raw().getParameterMap());
        return JsonResponses.send(res, 200, json(reader.read(query)));
    }

    static byte[] json(List<WindowStats> stats) {
        return Json.write(
                64 + stats.size() * 400,
                g -> {
                    g.writeStartObject();
                    g.writeArrayFieldStart("stats");
                    for (WindowStats s : stats) {
                        write(g, s);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                });
    }

    private static void write(JsonGenerator g, WindowStats s) throws IOException {
        g.writeStartObject();
        if (s.host() != null) {
            g.writeStringField("host", s.host());
        }
        if (s.window() != null) {
            g.writeStringField("window", s.window());
        }
        g.writeStringField("start", Instant.ofEpochMilli(s.startMs()).toString());
        if (s.endMs() >= 0) {
            g.writeStringField("end", Instant.ofEpochMilli(s.endMs()).toString());
        }
        g.writeNumberField("count", s.count());
        for (int m = 0; m < InfluxSchema.STATS_METRICS.length; m++) {
            g.writeObjectFieldStart(InfluxSchema.STATS_METRICS[m]);
            for (int k = 0; k < InfluxSchema.STATISTICS.length; k++) {
                double v = s.values()[m][k];
                if (!Double.isNaN(v)) {
                    g.writeNumberField(InfluxSchema.STATISTICS[k], v);
                }
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
