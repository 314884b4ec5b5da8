package com.smartinfra.api.silences;

import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.RequestBody;
import com.smartinfra.api.http.RequestLog;
import com.smartinfra.api.ingest.KafkaUnavailableException;
import com.smartinfra.api.ingest.SampleProducer;
import com.smartinfra.schema.SilenceCommand;
import com.smartinfra.schema.SilenceCommandJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;

/**
 * {@code POST /silences} and {@code DELETE /silences/:id}: silence commands to the job's alert
 * control topic in the job's format ({@link SilenceCommandJson}), keyed by the silence id, through
 * the producer of {@code POST /ingest} (same settings, same bounded waits). The job applies them.
 * {@code GET /silences} lists the active ones as the API reads them back from the topic ({@link
 * ActiveSilences}), which also caps how many may be active.
 *
 * <ul>
 *   <li>POST: 201 {@code {"id":"sil-..","host":..,"cause":..,"until":..}} once Kafka has the
 *       command; 400 with the reason for a bad body ({@link SilenceRequestParser}); 409 when the
 *       cap of active silences is reached.
 *   <li>DELETE: 202 {@code {"id":..,"status":"unsilence requested"}}; 400 for a bad id.
 *   <li>GET: 200 {@code {"silences":[{"id":..,"host":..,"cause":..,"until":..,"comment":..}]}}, the
 *       soonest to end first.
 *   <li>503 when Kafka is not configured, does not take the command in time, or the active silences
 *       could not be read from the topic within {@link #LOAD_WAIT}.
 * </ul>
 */
public final class SilencesRoute {
    private static final Logger LOG = LoggerFactory.getLogger(SilencesRoute.class);

    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final String ID_PARAM = ":id";

    /** How long a request waits for the first read of the control topic (as for a produce). */
    public static final Duration LOAD_WAIT = Duration.ofSeconds(5);

    private final SampleProducer producer;
    private final ActiveSilences active;
    private final int maxActive;
    private final String topic;
    private final SilenceRequestParser parser;

    /** {@code producer} and {@code active} are null when Kafka is not configured. */
    public SilencesRoute(
            SampleProducer producer,
            ActiveSilences active,
            int maxActive,
            String topic,
            Clock clock) {
        this.producer = producer;
        this.active = active;
        this.maxActive = maxActive;
        this.topic = topic;
        this.parser = new SilenceRequestParser(clock);
    }

    public Object list(Request req, Response res) throws Exception {
        QueryParams.fromQueryString(req.raw().getQueryString(), Set.of());
        if (producer == null) {
            return notConfigured(res);
        }
        if (!active.awaitLoaded(LOAD_WAIT)) {
            return notLoaded(res, "GET /silences");
        }
        byte[] answer =
                Json.list(
                        "silences",
                        active.active(),
                        200,
                        (g, s) -> {
                            g.writeStartObject();
                            g.writeStringField(SilenceCommandJson.ID, s.id);
                            g.writeStringField(SilenceCommandJson.HOST, s.host);
                            g.writeStringField(SilenceCommandJson.CAUSE, s.cause);
                            Json.instant(g, SilenceCommandJson.UNTIL, s.until);
                            g.writeStringField(SilenceCommandJson.COMMENT, s.comment);
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, 200, answer);
    }

    public Object create(Request req, Response res) throws Exception {
        if (producer == null) {
            return notConfigured(res);
        }
        byte[] body = RequestBody.read(req, MAX_BODY_BYTES);
        if (body == null) {
            return JsonResponses.send(
                    res, 413, Json.error("body larger than " + MAX_BODY_BYTES + " bytes"));
        }
        String id = "sil-" + UUID.randomUUID();
        SilenceCommand s = parser.parse(body, id);
        if (!active.awaitLoaded(LOAD_WAIT)) {
            return notLoaded(res, "POST /silences");
        }
        // counted before it is produced, so concurrent requests cannot pass the cap together
        if (!active.reserve(s, maxActive)) {
            return JsonResponses.send(
                    res,
                    409,
                    Json.error(
                            "at most "
                                    + maxActive
                                    + " silences may be active at once ("
                                    + ApiConfig.API_MAX_SILENCES
                                    + "): lift one with DELETE /silences/{id} or wait for one to"
                                    + " end"));
        }
        try {
            producer.send(topic, id, SilenceCommandJson.toJson(s));
        } catch (KafkaUnavailableException e) {
            active.forget(id);
            return unavailable(res, "POST /silences", e);
        }
        // host and cause passed their charsets; the comment is free text: never raw into a log
        LOG.info(
                "silence {} requested by {}: host {} cause {} until {} comment {}",
                id,
                req.ip(),
                s.host,
                s.cause == null ? "(all)" : s.cause,
                Instant.ofEpochMilli(s.until),
                s.comment == null ? "(none)" : "'" + RequestLog.value(s.comment) + "'");
        byte[] answer =
                Json.write(
                        160,
                        g -> {
                            g.writeStartObject();
                            g.writeStringField(SilenceCommandJson.ID, id);
                            g.writeStringField(SilenceCommandJson.HOST, s.host);
                            g.writeStringField(SilenceCommandJson.CAUSE, s.cause);
                            Json.instant(g, SilenceCommandJson.UNTIL, s.until);
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, 201, answer);
    }

    public Object delete(Request req, Response res) throws Exception {
        if (producer == null) {
            return notConfigured(res);
        }
        String id = req.params(ID_PARAM);
        if (id == null || !SilenceCommand.ID.matcher(id).matches()) {
            throw QueryParams.refused(
                    "id", "match " + SilenceCommand.ID.pattern(), id == null ? "" : id);
        }
        try {
            producer.send(topic, id, SilenceCommandJson.toJson(SilenceCommand.unsilence(id)));
        } catch (KafkaUnavailableException e) {
            return unavailable(res, "DELETE /silences", e);
        }
        active.forget(id);
        LOG.info("unsilence {} requested by {}", id, req.ip());
        byte[] answer =
                Json.write(
                        96,
                        g -> {
                            g.writeStartObject();
                            g.writeStringField(SilenceCommandJson.ID, id);
                            g.writeStringField("status", "unsilence requested");
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, 202, answer);
    }

    private static Object unavailable(Response res, String what, KafkaUnavailableException e) {
        LOG.warn("{}: Kafka unavailable: {}", what, e.getMessage());
        return JsonResponses.send(res, 503, Json.error("Kafka is unavailable: " + e.getMessage()));
    }

    private Object notLoaded(Response res, String what) {
        String reason =
                "the active silences could not be read from topic "
                        + topic
                        + " ("
                        + active.problem()
                        + ")";
        LOG.warn("{}: Kafka unavailable: {}", what, reason);
        return JsonResponses.send(res, 503, Json.error("Kafka is unavailable: " + reason));
    }

    private static Object notConfigured(Response res) {
        return JsonResponses.send(
                res,
                503,
                Json.error(
                        "silences are not configured: set "
                                + ApiConfig.KAFKA_BOOTSTRAP_SERVERS
                                + " (and "
                                + ApiConfig.ALERT_CONTROL_TOPIC
                                + ") to enable /silences"));
    }
}
