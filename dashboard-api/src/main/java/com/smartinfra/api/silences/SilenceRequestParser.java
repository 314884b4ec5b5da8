package com.smartinfra.api.silences;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.schema.HostName;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The body of {@code POST /silences}: {@code {"host":"web-01"|"*","cause":"cpu","until":
 * "2025-06-24T18:00:00Z"|1750788000000,"comment":"..."}}, checked with the job's rules ({@code
 * SilenceCommandParser}) so what the API accepts the job never skips. Unknown fields are refused,
 * as the job refuses them: a misspelt {@code cause} must not widen a silence. {@code until} must
 * lie in the future and at most {@link #MAX_DURATION} ahead.
 */
public final class SilenceRequestParser {
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    /** The job's limit on a comment. */
    public static final int MAX_COMMENT = 1000;

    public static final String HOST = "host";
    public static final String CAUSE = "cause";
    public static final String UNTIL = "until";
    public static final String COMMENT = "comment";

    /** {@code host} value that silences every host. */
    public static final String EVERY_HOST = "*";

    private final Clock clock;

    public SilenceRequestParser(Clock clock) {
        this.clock = clock;
    }

    public SilenceRequest parse(byte[] body) throws BadRequestException {
        if (body.length == 0) {
            throw new BadRequestException("empty body: send a JSON object");
        }
        String host = null;
        String cause = null;
        String comment = null;
        long until = -1;
        try (JsonParser p = Json.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case HOST:
                        host = string(p, v, name);
                        break;
                    case CAUSE:
                        cause = v == JsonToken.VALUE_NULL ? null : string(p, v, name);
                        break;
                    case UNTIL:
                        until = until(p, v);
                        break;
                    case COMMENT:
                        comment = v == JsonToken.VALUE_NULL ? null : string(p, v, name);
                        break;
                    default:
                        throw new BadRequestException(
                                "unknown field '"
                                        + QueryParams.echo(name)
                                        + "' (known: host, cause, until, comment)");
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new BadRequestException("not a single JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new BadRequestException(
                    "not valid JSON: " + QueryParams.echo(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequestException("unreadable body");
        }
        if (host == null || !(host.equals(EVERY_HOST) || HostName.isValid(host))) {
            throw new BadRequestException(
                    "field 'host' is required: a host name matching "
                            + HostName.PATTERN.pattern()
                            + " or '*' for every host");
        }
        if (cause != null && !InfluxQl.CAUSE.matcher(cause).matches()) {
            throw QueryParams.refused(
                    "field 'cause'",
                    "match " + InfluxQl.CAUSE.pattern() + " (cpu, memory, disk, model, nodata...)",
                    cause);
        }
        if (until < 0) {
            throw new BadRequestException(
                    "field 'until' is required: an ISO-8601 instant such as"
                            + " 2025-06-24T18:00:00Z, or epoch milliseconds");
        }
        long now = clock.millis();
        if (until <= now) {
            throw new BadRequestException("field 'until' must be in the future");
        }
        if (until > now + MAX_DURATION.toMillis()) {
            throw new BadRequestException(
                    "field 'until' must be at most " + MAX_DURATION.toDays() + " days ahead");
        }
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw new BadRequestException(
                    "field 'comment' is longer than " + MAX_COMMENT + " characters");
        }
        return new SilenceRequest(host, cause, until, comment);
    }

    private static String string(JsonParser p, JsonToken v, String name)
            throws IOException, BadRequestException {
        if (v != JsonToken.VALUE_STRING) {
            throw new BadRequestException("field '" + name + "' must be a string");
        }
        return p.getText();
    }

    /** Epoch milliseconds of an ISO-8601 instant (with a zone) or of a non-negative integer. */
    private static long until(JsonParser p, JsonToken v) throws IOException, BadRequestException {
        if (v == JsonToken.VALUE_NUMBER_INT
                && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long ms = p.getLongValue();
            if (ms >= 0 && ms <= QueryParams.MAX_TIME_MS) {
                return ms;
            }
        } else if (v == JsonToken.VALUE_STRING) {
            String text = p.getText();
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant().toEpochMilli();
                } catch (DateTimeParseException e2) {
                    // refused below
                }
            } catch (ArithmeticException e) {
                // beyond epoch milliseconds: refused below
            }
        }
        throw new BadRequestException(
                "field 'until' must be an ISO-8601 instant with a zone, such as"
                        + " 2025-06-24T18:00:00Z, or epoch milliseconds");
    }
}
