package com.smartinfra.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The JSON form of a {@link SilenceCommand} on the alert control topic, and of the silence the
 * API's {@code POST /silences} takes. The API writes commands with {@link #toJson} and the job
 * reads them with {@link #parse}, so what the API accepts the job never skips.
 *
 * <p>Unknown fields are refused: a misspelt {@code "cause"} must not widen a silence to every cause
 * of the host. {@code until} is an ISO-8601 instant with a zone or epoch milliseconds, between
 * 1970-01-01 and {@link SampleJson#MAX_TIMESTAMP} (2100-01-01). Messages quote no user input beyond
 * a field name cut to 40 printable ASCII characters (a JSON syntax error carries the parser's
 * reason cut the same way), so an API may answer them as they are.
 */
public final class SilenceCommandJson {
    public static final String TYPE = "type";
    public static final String ID = "id";
    public static final String HOST = "host";
    public static final String CAUSE = "cause";
    public static final String UNTIL = "until";
    public static final String COMMENT = "comment";

    // a repeated field is refused: {"cause":"cpu","cause":null} must not widen a silence
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final int MAX_ECHO = 40;
    private static final int MAX_PARSER_MESSAGE = 60;
    private static final long NO_UNTIL = -1;

    private SilenceCommandJson() {}

    /** Parses and validates one control-topic record: a silence or an unsilence. */
    public static SilenceCommand parse(byte[] bytes) throws InvalidSilenceCommandException {
        SilenceCommand c = read(bytes, true);
        if (c.id == null || !SilenceCommand.ID.matcher(c.id).matches()) {
            throw new InvalidSilenceCommandException(
                    "field 'id' is required and must match " + SilenceCommand.ID.pattern());
        }
        if (SilenceCommand.UNSILENCE.equals(c.type)) {
            if (c.until == NO_UNTIL) {
                c.until = 0;
            }
            return c;
        }
        if (!SilenceCommand.SILENCE.equals(c.type)) {
            throw new InvalidSilenceCommandException(
                    "field 'type' must be 'silence' or 'unsilence'");
        }
        return validateSilence(c);
    }

    /**
     * Parses and validates the body of a silence request, {@code
     * {"host":..,"cause":..,"until":..,"comment":..}} (no {@code type}, no {@code id}: those fields
     * are refused), into the silence command with {@code id}.
     *
     * @throws IllegalArgumentException when {@code id} does not match {@link SilenceCommand#ID}
     */
    public static SilenceCommand parseSilenceRequest(byte[] body, String id)
            throws InvalidSilenceCommandException {
        if (id == null || !SilenceCommand.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("silence id must match " + SilenceCommand.ID);
        }
        SilenceCommand c = read(body, false);
        c.type = SilenceCommand.SILENCE;
        c.id = id;
        return validateSilence(c);
    }

    /** Reads the fields; a command record knows {@code type} and {@code id}, a request does not. */
    private static SilenceCommand read(byte[] bytes, boolean command)
            throws InvalidSilenceCommandException {
        String what = command ? "record" : "body";
        if (bytes == null || bytes.length == 0) {
            throw new InvalidSilenceCommandException("empty " + what);
        }
        SilenceCommand c = new SilenceCommand();
        c.until = NO_UNTIL;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidSilenceCommandException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (!command && (name.equals(TYPE) || name.equals(ID))) {
                    throw unknownField(name, false);
                }
                switch (name) {
                    case TYPE:
                        c.type = string(p, v, name);
                        break;
                    case ID:
                        c.id = string(p, v, name);
                        break;
                    case HOST:
                        c.host = string(p, v, name);
                        break;
                    case CAUSE:
                        c.cause = v == JsonToken.VALUE_NULL ? null : string(p, v, name);
                        break;
                    case UNTIL:
                        c.until = until(p, v);
                        break;
                    case COMMENT:
                        c.comment = v == JsonToken.VALUE_NULL ? null : string(p, v, name);
                        break;
                    default:
                        throw unknownField(name, command);
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidSilenceCommandException("not a single JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidSilenceCommandException(
                    "not valid JSON: " + Echo.bounded(e.getOriginalMessage(), MAX_PARSER_MESSAGE));
        } catch (IOException e) {
            throw new InvalidSilenceCommandException(
                    "unreadable " + what + ": " + Echo.bounded(e.getMessage(), MAX_PARSER_MESSAGE));
        }
        return c;
    }

    private static InvalidSilenceCommandException unknownField(String name, boolean command) {
        return new InvalidSilenceCommandException(
                "unknown field '"
                        + Echo.bounded(name, MAX_ECHO)
                        + (command
                                ? "' (known: type, id, host, cause, until, comment)"
                                : "' (known: host, cause, until, comment)"));
    }

    /** The rules of a silence past its type and id. */
    private static SilenceCommand validateSilence(SilenceCommand c)
            throws InvalidSilenceCommandException {
        if (c.host == null
                || !(c.host.equals(SilenceCommand.EVERY_HOST) || HostName.isValid(c.host))) {
            throw new InvalidSilenceCommandException(
                    "field 'host' is required: a host name or '*' for every host");
        }
        if (c.cause != null && !SilenceCommand.CAUSE.matcher(c.cause).matches()) {
            throw new InvalidSilenceCommandException(
                    "field 'cause' must be a cause such as cpu, memory, disk, model or nodata");
        }
        if (c.until == NO_UNTIL) {
            throw new InvalidSilenceCommandException(
                    "field 'until' is required (an ISO-8601 instant such as"
                            + " 2025-06-24T18:00:00Z)");
        }
        if (c.comment != null && c.comment.length() > SilenceCommand.MAX_COMMENT) {
            throw new InvalidSilenceCommandException(
                    "field 'comment' is longer than " + SilenceCommand.MAX_COMMENT + " characters");
        }
        return c;
    }

    private static String string(JsonParser p, JsonToken v, String name)
            throws IOException, InvalidSilenceCommandException {
        if (v != JsonToken.VALUE_STRING) {
            throw new InvalidSilenceCommandException("field '" + name + "' must be a string");
        }
        return p.getText();
    }

    /** Epoch milliseconds of an ISO-8601 instant with a zone, or of a non-negative integer. */
    private static long until(JsonParser p, JsonToken v)
            throws IOException, InvalidSilenceCommandException {
        long ms;
        if (v == JsonToken.VALUE_NUMBER_INT) {
            JsonParser.NumberType type = p.getNumberType();
            // a BIG_INTEGER is out of range; asking for its long value would throw
            ms =
                    type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
                            ? p.getLongValue()
                            : Long.MAX_VALUE;
        } else if (v == JsonToken.VALUE_STRING) {
            ms = isoInstant(p.getText());
        } else {
            throw new InvalidSilenceCommandException(
                    "field 'until' must be an ISO-8601 instant with a zone, such as"
                            + " 2025-06-24T18:00:00Z");
        }
        if (ms < 0 || ms > SampleJson.MAX_TIMESTAMP) {
            throw new InvalidSilenceCommandException(
                    "field 'until' is out of range (1970-01-01 to 2100-01-01)");
        }
        return ms;
    }

    private static long isoInstant(String text) throws InvalidSilenceCommandException {
        try {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            throw new InvalidSilenceCommandException(
                    "field 'until' must be an ISO-8601 instant with a zone, such as"
                            + " 2025-06-24T18:00:00Z");
        } catch (ArithmeticException e) {
            // beyond a long of epoch milliseconds
            return Long.MAX_VALUE;
        }
    }

    /**
     * Encodes a command as the job reads it: {@code until} as an ISO-8601 instant (UTC), absent
     * {@code cause} and {@code comment} left out; an unsilence carries only its type and id.
     */
    public static byte[] toJson(SilenceCommand c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(TYPE, c.type);
            g.writeStringField(ID, c.id);
            if (!SilenceCommand.UNSILENCE.equals(c.type)) {
                g.writeStringField(HOST, c.host);
                if (c.cause != null) {
                    g.writeStringField(CAUSE, c.cause);
                }
                g.writeStringField(UNTIL, Instant.ofEpochMilli(c.until).toString());
                if (c.comment != null) {
                    g.writeStringField(COMMENT, c.comment);
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            // only a bug can get here: the target is memory
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
