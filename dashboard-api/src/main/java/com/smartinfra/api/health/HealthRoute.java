package com.smartinfra.api.health;

import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.ingest.SampleProducer;
import com.smartinfra.api.lineprotocol.LineProtocolWriteRoute;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code GET /health}: whether InfluxDB answers a query and Kafka (when configured for {@code POST
 * /ingest}) answers for the metrics topic.
 *
 * <ul>
 *   <li>200 {@code {"status":"ok","influxdb":"ok","kafka":"ok"}} (kafka {@code "not configured"}
 *       when ingest is off);
 *   <li>503 {@code {"status":"degraded",...,"kafka":"<reason>"}}: reading works, ingest does not;
 *   <li>503 {@code {"status":"unavailable","influxdb":"<reason>",...}}: InfluxDB does not answer.
 * </ul>
 *
 * Plus, when Kafka is configured, {@code "line_protocol":{"samples":N,"unmapped_lines":M}}: what
 * {@code POST /api/v2/write} produced and refused since start.
 */
public final class HealthRoute implements Route {
    public static final String NOT_CONFIGURED = "not configured";

    private final InfluxReader influx;
    private final SampleProducer kafka;
    private final LineProtocolWriteRoute.Counts lineProtocol;

    /** {@code kafka} is null when ingest is not configured. */
    public HealthRoute(InfluxReader influx, SampleProducer kafka) {
        this(influx, kafka, null);
    }

    /** {@code lineProtocol}: the counts of {@code POST /api/v2/write}, shown when not null. */
    public HealthRoute(
            InfluxReader influx, SampleProducer kafka, LineProtocolWriteRoute.Counts lineProtocol) {
        this.influx = influx;
        this.kafka = kafka;
        this.lineProtocol = lineProtocol;
    }

    @Override
    public Object handle(Request req, Response res) {
        String influxProblem = influx.probe();
        String kafkaProblem = kafka == null ? null : kafka.probe();
        String status =
                influxProblem != null ? "unavailable" : kafkaProblem != null ? "degraded" : "ok";
        byte[] body =
                Json.write(
                        128,
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("status", status);
                            g.writeStringField(
                                    "influxdb", influxProblem == null ? "ok" : influxProblem);
                            g.writeStringField(
                                    "kafka",
                                    kafka == null
                                            ? NOT_CONFIGURED
                                            : kafkaProblem == null ? "ok" : kafkaProblem);
                            if (lineProtocol != null) {
                                g.writeObjectFieldStart("line_protocol");
                                g.writeNumberField("samples", lineProtocol.samples());
                                g.writeNumberField("unmapped_lines", lineProtocol.unmappedLines());
                                g.writeEndObject();
                            }
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, status.equals("ok") ? 200 : 503, body);
    }
}
