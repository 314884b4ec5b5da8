package com.smartinfra.api.lineprotocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of InfluxDB line protocol as the v2 write API takes it
 * (https://docs.influxdata.com/influxdb/v2/reference/syntax/line-protocol/). No maintained Java
 * parser is published on Maven Central (the InfluxDB clients only write it), so this follows the
 * specification:
 *
 * <pre>measurement[,tag=value...] field=value[,field=value...] [timestamp]</pre>
 *
 * <ul>
 *   <li>escapes: a backslash before a comma or space in a measurement; before a comma, equals sign
 *       or space in tag keys, tag values and field keys; before a double quote or backslash in a
 *       string field value; any other backslash is itself;
 *   <li>field values: float ({@code 1}, {@code -1.5e3}), integer ({@code 1i}), unsigned ({@code
 *       1u}), string ({@code "a b"}, may span lines), boolean ({@code t T true True TRUE f F false
 *       False FALSE});
 *   <li>the timestamp, optional, is an integer in the write's precision ({@code ns} by default);
 *   <li>empty lines and lines starting with {@code #} are skipped; {@code \r\n} line ends are
 *       taken.
 * </ul>
 *
 * A bad line is reported with its number and the others are still parsed, as InfluxDB does.
 */
public final class LineProtocol {
    private final String text;
    private int pos;
    private int line = 1;

    private LineProtocol(String text) {
        this.text = text;
    }

    /** The result of one body: the points that parsed and the lines that did not. */
    public record Parsed(List<LinePoint> points, List<LineError> errors) {}

    /** Parses {@code body}, timestamps in {@code precision}. */
    public static Parsed parse(String body, Precision precision) {
        return new LineProtocol(body).all(precision);
    }

    /** The v2 write API's {@code precision} parameter. */
    public enum Precision {
        NS,
        US,
        MS,
        S;

        /** {@code ns}, {@code us}, {@code ms}, {@code s}; null (absent) is {@code ns}. */
        public static Precision of(String parameter) {
            if (parameter == null || parameter.isEmpty()) {
                return NS;
            }
            return switch (parameter) {
                case "ns" -> NS;
                case "us" -> US;
                case "ms" -> MS;
                case "s" -> S;
                default ->
                        throw new IllegalArgumentException(
                                "precision must be one of ns, us, ms, s; was '" + parameter + "'");
            };
        }

        long toMillis(long t) {
            return switch (this) {
                case NS -> Math.floorDiv(t, 1_000_000L);
                case US -> Math.floorDiv(t, 1_000L);
                case MS -> t;
                case S -> Math.multiplyExact(t, 1_000L);
            };
        }
    }

    private static final class BadLine extends Exception {
        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private Parsed all(Precision precision) {
        List<LinePoint> points = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        while (pos < text.length()) {
            int startLine = line;
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
                // empty line, or blanks before the next line
                if (c == '\n') {
                    line++;
                }
                pos++;
                continue;
            }
            if (c == '#') {
                skipToLineEnd();
                continue;
            }
            try {
                points.add(point(startLine, precision));
            } catch (BadLine e) {
                errors.add(new LineError(startLine, e.getMessage()));
                skipToLineEnd();
            }
        }
        return new Parsed(points, errors);
    }

    private void skipToLineEnd() {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length() : nl;
    }

    private boolean atLineEnd() {
        return pos >= text.length()
                || text.charAt(pos) == '\n'
                || (text.charAt(pos) == '\r'
                        && (pos + 1 == text.length() || text.charAt(pos + 1) == '\n'));
    }

    private LinePoint point(int startLine, Precision precision) throws BadLine {
        String measurement = token(", ", ", ", "measurement");
        if (measurement.isEmpty()) {
            throw new BadLine("missing measurement");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        while (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
            String key = token("=, ", ",= ", "tag key");
            expect('=', "tag key '" + key + "' without '='");
            String value = token(", ", ",= ", "tag value");
            if (key.isEmpty() || value.isEmpty()) {
                throw new BadLine("empty tag key or value in measurement '" + measurement + "'");
            }
            tags.put(key, value);
        }
        expect(' ', "missing fields after '" + measurement + "'");
        Map<String, Object> fields = new LinkedHashMap<>();
        do {
            if (!fields.isEmpty()) {
                pos++; // the comma
            }
            String key = token("=, ", ",= ", "field key");
            if (key.isEmpty()) {
                throw new BadLine("empty field key");
            }
            expect('=', "field key '" + key + "' without '='");
            fields.put(key, fieldValue(key));
        } while (pos < text.length() && text.charAt(pos) == ',');
        Long timestamp = null;
        if (!atLineEnd()) {
            expect(' ', "unexpected '" + text.charAt(pos) + "' after the fields");
            int start = pos;
            while (!atLineEnd() && text.charAt(pos) != ' ') {
                pos++;
            }
            String t = text.substring(start, pos);
            while (!atLineEnd() && text.charAt(pos) == ' ') {
                pos++; // trailing blanks
            }
            if (!atLineEnd()) {
                throw new BadLine("unexpected text after the timestamp");
            }
            if (!t.isEmpty()) {
                try {
                    timestamp = precision.toMillis(Long.parseLong(t));
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new BadLine("timestamp '" + t + "' is not an integer");
                }
            }
        }
        if (pos < text.length() && text.charAt(pos) == '\r') {
            pos++;
        }
        return new LinePoint(startLine, measurement, tags, fields, timestamp);
    }

    private void expect(char c, String message) throws BadLine {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new BadLine(message);
        }
        pos++;
    }

    /**
     * Reads up to (not including) an unescaped character of {@code ends} or the line end; a
     * backslash before a character of {@code escapable} stands for that character.
     */
    private String token(String ends, String escapable, String what) throws BadLine {
        StringBuilder sb = new StringBuilder();
        while (!atLineEnd()) {
            char c = text.charAt(pos);
            if (c == '\\'
                    && pos + 1 < text.length()
                    && escapable.indexOf(text.charAt(pos + 1)) >= 0) {
                sb.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (ends.indexOf(c) >= 0) {
                break;
            }
            if (c == '\n') {
                throw new BadLine("line ends inside a " + what);
            }
            sb.append(c);
            pos++;
        }
        return sb.toString();
    }

    private Object fieldValue(String key) throws BadLine {
        if (pos < text.length() && text.charAt(pos) == '"') {
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw new BadLine("string value of '" + key + "' has no closing quote");
                }
                char c = text.charAt(pos);
                if (c == '\\'
                        && pos + 1 < text.length()
                        && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\\')) {
                    sb.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (c == '"') {
                    pos++;
                    return sb.toString();
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    sb.append(c);
                    pos++;
                }
            }
        }
        int start = pos;
        while (!atLineEnd() && text.charAt(pos) != ',' && text.charAt(pos) != ' ') {
            pos++;
        }
        String v = text.substring(start, pos);
        if (v.isEmpty()) {
            throw new BadLine("field '" + key + "' has no value");
        }
        switch (v) {
            case "t", "T", "true", "True", "TRUE":
                return Boolean.TRUE;
            case "f", "F", "false", "False", "FALSE":
                return Boolean.FALSE;
            default:
                break;
        }
        char last = v.charAt(v.length() - 1);
        try {
            if (last == 'i') {
                return Long.parseLong(v.substring(0, v.length() - 1));
            }
            if (last == 'u') {
                String digits = v.substring(0, v.length() - 1);
                if (digits.startsWith("-") || digits.startsWith("+")) {
                    throw new NumberFormatException();
                }
                // up to 2^64-1: above Long.MAX_VALUE a double keeps what a metric needs of it
                long u = Long.parseUnsignedLong(digits);
                return u >= 0 ? (Object) u : (Object) Double.parseDouble(digits);
            }
            if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException();
            }
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new BadLine(
                    "field '"
                            + key
                            + "' has no valid value: '"
                            + (v.length() > 40 ? v.substring(0, 40) + "..." : v)
                            + "' (float, 1i, 1u, \"string\" or true/false)");
        }
    }
}
