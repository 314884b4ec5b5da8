package com.smartinfra.api.ingest;

import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.RequestBody;
import com.smartinfra.schema.InvalidSampleException;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.SampleTimeBounds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code POST /ingest[?host=]}: one sample in the Kafka wire format, validated exactly as the job
 * validates it ({@link SampleJson#parse} and the job's default {@link SampleTimeBounds}: at most 7
 * days old, at most 5 minutes ahead), then produced to the metrics topic. {@code ?host=} names the
 * host when the body has none; when both are given they must agree.
 *
 * <p>202 {@code {"status":"accepted","host":..,"timestamp":..,"topic":..,"partition":..,
 * "offset":..}} once Kafka has it; 400 with the reason for bad input; 413 for a body over {@link
 * #MAX_BODY_BYTES}; 503 when Kafka is not configured or does not take it in time.
 */
public final class IngestRoute implements Route {
    private static final Logger LOG = LoggerFactory.getLogger(IngestRoute.class);

    public static final int MAX_BODY_BYTES = 64 * 1024;
    public static final String HOST = "host";

    private static final String DUPLICATE_HOST = "duplicate field 'host'";

    private final SampleProducer producer;
    private final Clock clock;

    /** {@code producer} is null when Kafka is not configured. */
    public IngestRoute(SampleProducer producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        if (producer == null) {
            return JsonResponses.send(
                    res,
                    503,
                    Json.error(
                            "ingest is not configured: set "
                                    + ApiConfig.KAFKA_BOOTSTRAP_SERVERS
                                    + " (and "
                                    + ApiConfig.METRICS_TOPIC
                                    + ") to enable POST /ingest"));
        }
        QueryParams params = QueryParams.fromQueryString(req.raw().getQueryString(), Set.of(HOST));
        String host = params.host(HOST);
        byte[] body = RequestBody.read(req, MAX_BODY_BYTES);
        if (body == null) {
            return JsonResponses.send(
                    res, 413, Json.error("body larger than " + MAX_BODY_BYTES + " bytes"));
        }
        Sample sample = parse(body, host);
        try {
            // the job's own bounds: what it would dead-letter is refused here already
            SampleTimeBounds.defaults().check(sample.timestamp, clock.millis());
        } catch (InvalidSampleException e) {
            throw new BadRequestException(e.getMessage());
        }
        SampleProducer.Delivery d;
        try {
            d = producer.send(sample);
        } catch (KafkaUnavailableException e) {
            LOG.warn("POST /ingest: Kafka unavailable: {}", e.getMessage());
            return JsonResponses.send(
                    res, 503, Json.error("Kafka is unavailable: " + e.getMessage()));
        }
        byte[] answer =
                Json.write(
                        200,
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("status", "accepted");
                            g.writeStringField("host", sample.host);
                            Json.instant(g, "timestamp", sample.timestamp);
                            g.writeStringField("topic", d.topic());
                            g.writeNumberField("partition", d.partition());
                            g.writeNumberField("offset", d.offset());
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, 202, answer);
    }

    /** The body validated by the one parser; {@code host} (already valid) fills a missing host. */
    static Sample parse(byte[] body, String host) throws BadRequestException {
        try {
            if (host == null) {
                return SampleJson.parse(body);
            }
            try {
                return SampleJson.parse(withHost(body, host));
            } catch (InvalidSampleException e) {
                if (!DUPLICATE_HOST.equals(e.getMessage())) {
                    throw e;
                }
                Sample s = SampleJson.parse(body);
                if (!s.host.equals(host)) {
                    throw new BadRequestException(
                            "host '" + s.host + "' in the body differs from ?host=" + host);
                }
                return s;
            }
        } catch (InvalidSampleException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /**
     * The body with {@code "host":"<host>",} inserted after its opening brace. The host passed
     * {@code HostName.isValid}: no character of it needs JSON escaping. A body that is not an
     * object is left as it is, for the parser to refuse.
     */
    static byte[] withHost(byte[] body, String host) {
        int i = 0;
        while (i < body.length
                && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i++;
        }
        if (i == body.length || body[i] != '{') {
            return body;
        }
        int j = i + 1;
        while (j < body.length
                && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r')) {
            j++;
        }
        boolean empty = j < body.length && body[j] == '}';
        byte[] field =
                ("\"host\":\"" + host + "\"" + (empty ? "" : ",")).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + field.length];
        System.arraycopy(body, 0, out, 0, i + 1);
        System.arraycopy(field, 0, out, i + 1, field.length);
        System.arraycopy(body, i + 1, out, i + 1 + field.length, body.length - i - 1);
        return out;
    }
}
