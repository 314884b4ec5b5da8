package com.smartinfra.api.health;

import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.influx.InfluxMetricsReader;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code GET /health}: 200 {@code {"status":"ok","influxdb":"ok"}} when InfluxDB answers a query,
 * else 503 {@code {"status":"unavailable","influxdb":"<reason>"}}.
 */
public final class HealthRoute implements Route {
    private final InfluxMetricsReader reader;

    public HealthRoute(InfluxMetricsReader reader) {
        this.reader = reader;
    }

    @Override
    public Object handle(Request req, Response res) {
        String problem = reader.probe();
        boolean ok = problem == null;
        byte[] body =
                Json.write(
                        96,
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("status", ok ? "ok" : "unavailable");
                            g.writeStringField("influxdb", ok ? "ok" : problem);
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, ok ? 200 : 503, body);
    }
}
