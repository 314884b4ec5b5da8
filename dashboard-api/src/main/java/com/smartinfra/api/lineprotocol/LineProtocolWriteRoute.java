package com.smartinfra.api.lineprotocol;

import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.ingest.KafkaUnavailableException;
import com.smartinfra.api.ingest.SampleProducer;
import com.smartinfra.schema.InvalidSampleException;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleTimeBounds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code POST /api/v2/write?org=&bucket=&precision=}: InfluxDB line protocol in, as InfluxDB v2
 * takes it from Telegraf's {@code outputs.influxdb_v2} and the InfluxDB client libraries (gzip
 * bodies included). The points are parsed ({@link LineProtocol}), mapped to samples ({@link
 * TelegrafSamples}), checked against the job's time bounds and produced to the metrics topic as
 * {@code POST /ingest} does. {@code org} and {@code bucket} are required by the clients, not used
 * here: every sample goes to the metrics topic.
 *
 * <p>Answers in InfluxDB's format ({@code {"code":..,"message":..}}): 204 when every line was
 * taken; 400 {@code invalid} naming the lines that were not (bad syntax, a measurement not mapped,
 * a host second without cpu, mem or disk, a time out of bounds), the samples of the others being
 * produced all the same; 413 for a body over {@link #MAX_BODY_BYTES}; 503 when Kafka does not take
 * them. Lines not mapped are counted ({@link #counts}) and logged.
 */
public final class LineProtocolWriteRoute implements Route {
    private static final Logger LOG = LoggerFactory.getLogger(LineProtocolWriteRoute.class);

    public static final String PATH = "/api/v2/write";

    /** The body after gzip: Telegraf's default batch (1,000 metrics) is about 200 KB. */
    public static final int MAX_BODY_BYTES = 8 << 20;

    /** How many refused lines an answer names; the count covers the rest. */
    static final int MAX_NAMED_ERRORS = 10;

    private final SampleProducer producer;
    private final Clock clock;
    private final TelegrafSamples mapping = new TelegrafSamples();
    private final Counts counts = new Counts();

    /** What went through this endpoint since start. */
    public static final class Counts {
        final AtomicLong samples = new AtomicLong();
        final AtomicLong unmappedLines = new AtomicLong();

        public long samples() {
            return samples.get();
        }

        public long unmappedLines() {
            return unmappedLines.get();
        }
    }

    /** {@code producer} is null when Kafka is not configured. */
    public LineProtocolWriteRoute(SampleProducer producer, Clock clock) {
        this.producer = producer;
        this.clock = clock;
    }

    public Counts counts() {
        return counts;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        if (producer == null) {
            return influxError(
                    res,
                    503,
                    "unavailable",
                    "writes are not configured: set " + ApiConfig.KAFKA_BOOTSTRAP_SERVERS);
        }
        Map<String, String[]> params;
        try {
            params = QueryParams.decode(req.raw().getQueryString());
        } catch (BadRequestException e) {
            return influxError(res, 400, "invalid", e.getMessage());
        }
        String bucket = first(params, "bucket");
        if (bucket == null || bucket.isEmpty()) {
            return influxError(res, 400, "invalid", "bucket is required (?bucket=)");
        }
        LineProtocol.Precision precision;
        try {
            precision = LineProtocol.Precision.of(first(params, "precision"));
        } catch (IllegalArgumentException e) {
            return influxError(res, 400, "invalid", e.getMessage());
        }
        byte[] body;
        try {
            body = body(req);
        } catch (BadBody e) {
            return influxError(res, e.status, e.code, e.getMessage());
        }
        if (body == null) {
            return influxError(
                    res,
                    413,
                    "request too large",
                    "body larger than " + MAX_BODY_BYTES + " bytes (after gzip)");
        }
        long now = clock.millis();
        LineProtocol.Parsed parsed =
                LineProtocol.parse(new String(body, StandardCharsets.UTF_8), precision);
        List<LineError> errors = new ArrayList<>(parsed.errors());
        List<LinePoint> inBounds = new ArrayList<>();
        for (LinePoint p : parsed.points()) {
            try {
                // the job's own bounds: what it would dead-letter is refused here already
                SampleTimeBounds.defaults()
                        .check(p.timestampMs() == null ? now : p.timestampMs(), now);
                inBounds.add(p);
            } catch (InvalidSampleException e) {
                errors.add(new LineError(p.line(), e.getMessage()));
            }
        }
        TelegrafSamples.Mapped mapped = mapping.map(inBounds, now);
        errors.addAll(mapped.unmapped());
        errors.sort((a, b) -> Integer.compare(a.line(), b.line()));
        for (Sample s : mapped.samples()) {
            try {
                producer.send(s);
                counts.samples.incrementAndGet();
            } catch (KafkaUnavailableException e) {
                LOG.warn("POST {}: Kafka unavailable: {}", PATH, e.getMessage());
                res.header("Retry-After", "10");
                return influxError(
                        res, 503, "unavailable", "Kafka is unavailable: " + e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            res.status(204);
            res.header("Cache-Control", "no-store");
            return "";
        }
        long total = counts.unmappedLines.addAndGet(errors.size());
        String message = message(errors, mapped.samples().size());
        LOG.warn("POST {}: {} ({} lines not mapped since start)", PATH, message, total);
        return influxError(res, 400, "invalid", message);
    }

    /** "partial write: 2 lines not mapped, 1 sample accepted: line 3: ...; line 7: ...". */
    static String message(List<LineError> errors, int samples) {
        StringBuilder sb =
                new StringBuilder("partial write: ")
                        .append(errors.size())
                        .append(errors.size() == 1 ? " line" : " lines")
                        .append(" not mapped, ")
                        .append(samples)
                        .append(samples == 1 ? " sample" : " samples")
                        .append(" accepted: ");
        for (int i = 0; i < Math.min(errors.size(), MAX_NAMED_ERRORS); i++) {
            sb.append(i == 0 ? "" : "; ").append(errors.get(i));
        }
        if (errors.size() > MAX_NAMED_ERRORS) {
            sb.append("; ... and ").append(errors.size() - MAX_NAMED_ERRORS).append(" more");
        }
        return sb.toString();
    }

    private static String first(Map<String, String[]> params, String name) {
        String[] v = params.get(name);
        return v == null || v.length == 0 ? null : v[0];
    }

    /** A body that cannot be read: its status and InfluxDB error code. */
    private static final class BadBody extends Exception {
        final int status;
        final String code;

        BadBody(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** The body, gunzipped when sent so; null when over {@link #MAX_BODY_BYTES}. */
    private static byte[] body(Request req) throws IOException, BadBody {
        String encoding = req.headers("Content-Encoding");
        encoding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
        if (!encoding.equals("identity") && !encoding.equals("gzip")) {
            throw new BadBody(
                    415,
                    "unsupported media type",
                    "Content-Encoding '" + encoding + "' is not supported (gzip or identity)");
        }
        long declared = req.raw().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            return null;
        }
        try (InputStream raw = req.raw().getInputStream()) {
            byte[] sent = raw.readNBytes(MAX_BODY_BYTES + 1);
            if (sent.length > MAX_BODY_BYTES) {
                return null;
            }
            if (encoding.equals("identity")) {
                return sent;
            }
            // bounded after inflating too: a small gzip bomb cannot fill the heap
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(sent))) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                return body.length > MAX_BODY_BYTES ? null : body;
            } catch (IOException e) {
                throw new BadBody(400, "invalid", "the body is not valid gzip: " + e.getMessage());
            }
        }
    }

    /** InfluxDB's error answer: {@code {"code":"invalid","message":"..."}}. */
    static byte[] influxError(Response res, int status, String code, String message) {
        byte[] body =
                Json.write(
                        64 + message.length(),
                        g -> {
                            g.writeStartObject();
                            g.writeStringField("code", code);
                            g.writeStringField("message", message);
                            g.writeEndObject();
                        });
        return JsonResponses.send(res, status, body);
    }
}
