package com.smartinfra.job.alert;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.smartinfra.schema.HostName;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses and validates one control-topic record into a {@link SilenceCommand}; refuses anything
 * else with the reason. Unknown fields are refused too: a misspelt {@code "cause"} must not widen a
 * silence to every cause of the host.
 */
public final class SilenceCommandParser {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern CAUSE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_COMMENT = 1000;

    private SilenceCommandParser() {}

    /** A control record that is not a valid command; the message says why. */
    public static final class InvalidCommandException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidCommandException(String reason) {
            super(reason, null, false, false);
        }
    }

    public static SilenceCommand parse(byte[] bytes) throws InvalidCommandException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidCommandException("empty record");
        }
        SilenceCommand c = new SilenceCommand();
        boolean untilSeen = false;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidCommandException("not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "type":
                        c.type = string(p, v, name);
                        break;
                    case "id":
                        c.id = string(p, v, name);
                        break;
                    case "host":
                        c.host = string(p, v, name);
                        break;
                    case "cause":
                        c.cause = v == JsonToken.VALUE_NULL ? null : string(p, v, name);
                        break;
                    case "until":
                        c.until = instant(p, v);
                        untilSeen = true;
                        break;
                    case "comment":
                        c.comment = v == JsonToken.VALUE_NULL ? null : string(p, v, name);
                        break;
                    default:
                        throw new InvalidCommandException(
                                "unknown field '"
                                        + (name.length() > 40 ? name.substring(0, 40) : name)
                                        + "' (known: type, id, host, cause, until, comment)");
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidCommandException("not a single JSON object");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidCommandException("unreadable record: " + e.getMessage());
        }
        if (c.id == null || !ID.matcher(c.id).matches()) {
            throw new InvalidCommandException(
                    "field 'id' is required and must match " + ID.pattern());
        }
        if (SilenceCommand.UNSILENCE.equals(c.type)) {
            return c;
        }
        if (!SilenceCommand.SILENCE.equals(c.type)) {
            throw new InvalidCommandException("field 'type' must be 'silence' or 'unsilence'");
        }
        if (c.host == null || !(c.host.equals("*") || HostName.isValid(c.host))) {
            throw new InvalidCommandException(
                    "field 'host' is required: a host name or '*' for every host");
        }
        if (c.cause != null && !CAUSE.matcher(c.cause).matches()) {
            throw new InvalidCommandException(
                    "field 'cause' must be a cause such as cpu, memory, disk, model or nodata");
        }
        if (!untilSeen) {
            throw new InvalidCommandException(
                    "field 'until' is required (an ISO-8601 instant such as"
                            + " 2025-06-24T18:00:00Z)");
        }
        if (c.comment != null && c.comment.length() > MAX_COMMENT) {
            throw new InvalidCommandException(
                    "field 'comment' is longer than " + MAX_COMMENT + " characters");
        }
        return c;
    }

    private static String string(JsonParser p, JsonToken v, String name)
            throws IOException, InvalidCommandException {
        if (v != JsonToken.VALUE_STRING) {
            throw new InvalidCommandException("field '" + name + "' must be a string");
        }
        return p.getText();
    }

    private static long instant(JsonParser p, JsonToken v)
            throws IOException, InvalidCommandException {
        if (v == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (v == JsonToken.VALUE_STRING) {
            String text = p.getText();
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant().toEpochMilli();
                } catch (DateTimeParseException e2) {
                    // fall through
                }
            }
        }
        throw new InvalidCommandException(
                "field 'until' must be an ISO-8601 instant with a zone, such as"
                        + " 2025-06-24T18:00:00Z");
    }
}
