package com.smartinfra.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The JSON wire format of a {@link Sample}: one object per Kafka record, for example {@code
 * {"host":"web-01","timestamp":"2025-06-24T16:42:00Z","cpu":92.3,"memory":88.1,"disk":95.6}}.
 *
 * <p>Parsing validates completely and says why a record is refused; the job, the API's ingest
 * endpoint and the tests all use this one parser, so "valid" means the same everywhere. It streams
 * over the bytes with Jackson's core parser (no tree, no reflection).
 */
public final class SampleJson {
    public static final String HOST = "host";
    public static final String TIMESTAMP = "timestamp";
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String DISK = "disk";
    public static final String INJECTED = "injected";

    /** At most this many optional numeric metrics per sample. */
    public static final int MAX_EXTRA_FIELDS = 32;

    /** Earliest accepted event time: 2000-01-01T00:00:00Z (catches epoch seconds sent as ms). */
    public static final long MIN_TIMESTAMP = 946_684_800_000L;

    /** Latest accepted event time (exclusive): 2100-01-01T00:00:00Z. */
    public static final long MAX_TIMESTAMP = 4_102_444_800_000L;

    private static final Instant MIN_INSTANT = Instant.ofEpochMilli(MIN_TIMESTAMP);
    private static final Instant MAX_INSTANT = Instant.ofEpochMilli(MAX_TIMESTAMP);

    /** Most characters of input (or of a parser's message about it) quoted in a reason. */
    private static final int MAX_ECHO = 300;

    private static final JsonFactory JSON = new JsonFactory();

    private static final int SEEN_HOST = 1;
    private static final int SEEN_TIMESTAMP = 2;
    private static final int SEEN_CPU = 4;
    private static final int SEEN_MEMORY = 8;
    private static final int SEEN_DISK = 16;
    private static final int SEEN_INJECTED = 32;

    private SampleJson() {}

    /** Parses and validates one record's value. */
    public static Sample parse(byte[] bytes) throws InvalidSampleException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidSampleException("empty record");
        }
        try (JsonParser p = JSON.createParser(bytes)) {
            return read(p);
        } catch (JsonProcessingException e) {
            // also Jackson's constraint errors (nesting, token lengths) and invalid UTF-8
            throw new InvalidSampleException(
                    "not valid JSON: " + Echo.bounded(e.getOriginalMessage(), MAX_ECHO));
        } catch (IOException e) {
            throw new InvalidSampleException(
                    "unreadable record: " + Echo.bounded(e.getMessage(), MAX_ECHO));
        } catch (RuntimeException e) {
            // whatever a record can provoke is a reason, never an escape that fails the caller
            // (the job's Kafka source, the API's 400 path)
            throw new InvalidSampleException(
                    "unreadable record: " + Echo.bounded(e.toString(), MAX_ECHO));
        }
    }

    private static Sample read(JsonParser p) throws IOException, InvalidSampleException {
        JsonToken first = p.nextToken();
        if (first == null) {
            throw new InvalidSampleException("empty record");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidSampleException("not a JSON object");
        }
        Sample s = new Sample();
        int seen = 0;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = bitOf(name);
            if (bit != 0 && (seen & bit) != 0) {
                throw new InvalidSampleException("duplicate field '" + name + "'");
            }
            seen |= bit;
            switch (name) {
                case HOST:
                    s.host = readHost(p, v);
                    break;
                case TIMESTAMP:
                    s.timestamp = readTimestamp(p, v);
                    break;
                case CPU:
                    s.cpu = readPercent(p, v, CPU);
                    break;
                case MEMORY:
                    s.memory = readPercent(p, v, MEMORY);
                    break;
                case DISK:
                    s.disk = readPercent(p, v, DISK);
                    break;
                case INJECTED:
                    s.injected = readLabel(p, v);
                    break;
                default:
                    readExtra(p, v, name, s);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new InvalidSampleException("not valid JSON: unterminated object");
        }
        if (p.nextToken() != null) {
            throw new InvalidSampleException("trailing content after the JSON object");
        }
        requirePresent(seen, SEEN_HOST, HOST);
        requirePresent(seen, SEEN_TIMESTAMP, TIMESTAMP);
        requirePresent(seen, SEEN_CPU, CPU);
        requirePresent(seen, SEEN_MEMORY, MEMORY);
        requirePresent(seen, SEEN_DISK, DISK);
        return s;
    }

    private static int bitOf(String name) {
        switch (name) {
            case HOST:
                return SEEN_HOST;
            case TIMESTAMP:
                return SEEN_TIMESTAMP;
            case CPU:
                return SEEN_CPU;
            case MEMORY:
                return SEEN_MEMORY;
            case DISK:
                return SEEN_DISK;
            case INJECTED:
                return SEEN_INJECTED;
            default:
                return 0;
        }
    }

    private static void requirePresent(int seen, int bit, String name)
            throws InvalidSampleException {
        if ((seen & bit) == 0) {
            throw new InvalidSampleException("missing required field '" + name + "'");
        }
    }

    private static String readHost(JsonParser p, JsonToken v)
            throws IOException, InvalidSampleException {
        if (v == JsonToken.VALUE_STRING) {
            String host = p.getText();
            if (HostName.isValid(host)) {
                return host;
            }
        }
        throw new InvalidSampleException(
                "field 'host' must be a string matching " + HostName.PATTERN.pattern());
    }

    private static long readTimestamp(JsonParser p, JsonToken v)
            throws IOException, InvalidSampleException {
        long millis;
        if (v == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.INT
                    && p.getNumberType() != JsonParser.NumberType.LONG) {
                throw new InvalidSampleException("field 'timestamp' is out of range");
            }
            millis = p.getLongValue();
        } else if (v == JsonToken.VALUE_STRING) {
            millis = parseIsoInstant(p.getText());
        } else {
            throw new InvalidSampleException(
                    "field 'timestamp' must be an ISO-8601 string or epoch milliseconds");
        }
        if (millis < MIN_TIMESTAMP || millis >= MAX_TIMESTAMP) {
            throw outOfRange();
        }
        return millis;
    }

    private static InvalidSampleException outOfRange() {
        return new InvalidSampleException(
                "field 'timestamp' is out of range (2000-01-01 to 2100-01-01; epoch"
                        + " milliseconds, not seconds)");
    }

    private static long parseIsoInstant(String text) throws InvalidSampleException {
        long fast = parseUtcInstant(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeException e) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException e2) {
                throw new InvalidSampleException(
                        "field 'timestamp' is not an ISO-8601 instant with a zone: '"
                                + Echo.bounded(text, 64)
                                + "'");
            }
        }
        // compared as instants: java.time reads years up to +-999999999, whose epoch
        // milliseconds overflow a long
        if (instant.isBefore(MIN_INSTANT) || !instant.isBefore(MAX_INSTANT)) {
            throw outOfRange();
        }
        return instant.toEpochMilli();
    }

    /**
     * The common form {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z} without java.time's parser (which
     * allocates kilobytes per call on the hot path); {@code Long.MIN_VALUE} when the text has any
     * other form, for the full parser to judge.
     */
    static long parseUtcInstant(String t) {
        int n = t.length();
        if (n < 20
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(n - 1) != 'Z') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > daysInMonth(year, month)
                || hour > 23
                || minute > 59
                || second > 59) {
            return Long.MIN_VALUE;
        }
        int millis = 0;
        if (n > 20) {
            // ".f" to ".fffffffff": milliseconds are the first three digits
            if (t.charAt(19) != '.' || n - 21 < 1 || n - 21 > 9) {
                return Long.MIN_VALUE;
            }
            for (int i = 20; i < n - 1; i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return Long.MIN_VALUE;
                }
                if (i < 23) {
                    millis = millis * 10 + (c - '0');
                }
            }
            for (int i = Math.min(n - 1, 23); i < 23; i++) {
                millis *= 10;
            }
        }
        long days = daysFromCivil(year, month, day);
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + millis;
    }

    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        if (month == 2) {
            boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            return leap ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yoe = y - era * 400;
        int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468;
    }

    private static double readPercent(JsonParser p, JsonToken v, String name)
            throws IOException, InvalidSampleException {
        double d = readNumber(p, v, name);
        if (d < 0.0 || d > 100.0) {
            throw new InvalidSampleException(
                    "field '" + name + "' must be a percentage between 0 and 100, was " + d);
        }
        return d;
    }

    private static double readNumber(JsonParser p, JsonToken v, String name)
            throws IOException, InvalidSampleException {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidSampleException("field '" + name + "' must be a number");
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
            throw new InvalidSampleException("field '" + name + "' must be a finite number");
        }
        return d;
    }

    private static String readLabel(JsonParser p, JsonToken v)
            throws IOException, InvalidSampleException {
        if (v == JsonToken.VALUE_STRING) {
            String label = p.getText();
            if (isMetricName(label)) {
                return label;
            }
        }
        throw new InvalidSampleException(
                "field 'injected' must be a string matching [A-Za-z][A-Za-z0-9_]{0,63}");
    }

    private static void readExtra(JsonParser p, JsonToken v, String name, Sample s)
            throws IOException, InvalidSampleException {
        if (!isMetricName(name)) {
            throw new InvalidSampleException(
                    "field name '"
                            + Echo.bounded(name, 64)
                            + "' is not allowed (optional metrics match"
                            + " [A-Za-z][A-Za-z0-9_]{0,63})");
        }
        double d = readNumber(p, v, name);
        if (!Double.isNaN(s.extra(name))) {
            throw new InvalidSampleException("duplicate field '" + name + "'");
        }
        if (s.extraNames.length == MAX_EXTRA_FIELDS) {
            throw new InvalidSampleException(
                    "too many optional metrics (at most " + MAX_EXTRA_FIELDS + ")");
        }
        s.withExtra(name, d);
    }

    /** Names of optional metrics: also safe as InfluxDB field names without escaping. */
    public static boolean isMetricName(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) {
            return false;
        }
        char c0 = s.charAt(0);
        if (!((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z'))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Encodes a sample in the wire format (timestamp as an ISO-8601 instant). */
    public static byte[] toJson(Sample s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField(HOST, s.host);
            g.writeStringField(TIMESTAMP, Instant.ofEpochMilli(s.timestamp).toString());
            g.writeNumberField(CPU, s.cpu);
            g.writeNumberField(MEMORY, s.memory);
            g.writeNumberField(DISK, s.disk);
            for (int i = 0; i < s.extraNames.length; i++) {
                g.writeNumberField(s.extraNames[i], s.extraValues[i]);
            }
            if (s.injected != null) {
                g.writeStringField(INJECTED, s.injected);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
