package com.smartinfra.simulator.scrape;

import com.smartinfra.schema.Echo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parser of the Prometheus text exposition format, version 0.0.4 (what node_exporter and every
 * Prometheus client library serve as {@code text/plain; version=0.0.4}), written to the format's
 * specification ("Exposition formats", text format details) as a single pass over the characters:
 *
 * <pre>
 * # HELP name docstring            (escapes \\ and \n)
 * # TYPE name counter|gauge|histogram|summary|untyped
 * # any other comment
 * name{label="value",...} value [timestamp]
 * </pre>
 *
 * Names are {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label names {@code [a-zA-Z_][a-zA-Z0-9_]*}, label
 * values escape {@code \\}, {@code \"} and {@code \n}; tokens are separated by blanks and tabs; a
 * trailing comma in the label set is allowed; values are Go floats including {@code NaN}, {@code
 * +Inf} and {@code -Inf}; the timestamp is optional integer milliseconds.
 *
 * <p>Why not a library: no maintained Java parser of this format is published on Maven Central.
 * Prometheus' own Java client ({@code io.prometheus:prometheus-metrics-exposition-textformats})
 * only writes it; the parsers that exist (Apache SkyWalking's, Hawkular's and its forks) are either
 * not published or unmaintained. Like Prometheus itself, a line that breaks the format fails the
 * whole scrape: a half-read target is worse than a skipped one.
 */
public final class PrometheusText {
    private static final Set<String> TYPES =
            Set.of("counter", "gauge", "histogram", "summary", "untyped");
    private static final int MAX_ECHO = 120;

    /** Receives each sample line. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param labels label names to values in the order given (unescaped)
         * @param timestamp epoch ms, or {@link Long#MIN_VALUE} when the line has none
         */
        void sample(String name, Map<String, String> labels, double value, long timestamp);
    }

    private final String text;
    private final Visitor visitor;
    private int pos;
    private int lineStart;
    private int lineNumber;
    private int lineEnd;

    private PrometheusText(String text, Visitor visitor) {
        this.text = text;
        this.visitor = visitor;
    }

    /** Parses {@code text}, handing every sample to {@code visitor} in order. */
    public static void parse(String text, Visitor visitor) throws PrometheusTextException {
        new PrometheusText(text, visitor).run();
    }

    private void run() throws PrometheusTextException {
        int n = text.length();
        lineStart = 0;
        while (lineStart < n) {
            lineNumber++;
            int nl = text.indexOf('\n', lineStart);
            lineEnd = nl < 0 ? n : nl;
            // lines end in \n; a \r\n from a proxy or a file edited on Windows is read the same
            if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            pos = lineStart;
            line();
            lineStart = nl < 0 ? n : nl + 1;
        }
    }

    private void line() throws PrometheusTextException {
        skipBlanks();
        if (pos == lineEnd) {
            return;
        }
        if (text.charAt(pos) == '#') {
            pos++;
            comment();
            return;
        }
        sample();
    }

    private void comment() throws PrometheusTextException {
        skipBlanks();
        int wordStart = pos;
        while (pos < lineEnd && !isBlank(text.charAt(pos))) {
            pos++;
        }
        String keyword = text.substring(wordStart, pos);
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return; // a plain comment
        }
        if (!skipBlanks()) {
            throw error("'# " + keyword + "' needs a metric name");
        }
        metricName();
        if (keyword.equals("HELP")) {
            // the docstring is free text (with \\ and \n escapes): nothing here reads it
            return;
        }
        if (!skipBlanks()) {
            throw error("'# TYPE' needs a type");
        }
        int typeStart = pos;
        while (pos < lineEnd && !isBlank(text.charAt(pos))) {
            pos++;
        }
        String type = text.substring(typeStart, pos);
        skipBlanks();
        if (!TYPES.contains(type) || pos != lineEnd) {
            throw error("unknown metric type '" + Echo.bounded(type, 40) + "'");
        }
    }

    private void sample() throws PrometheusTextException {
        String name = metricName();
        boolean blank = skipBlanks();
        Map<String, String> labels = Map.of();
        if (pos < lineEnd && text.charAt(pos) == '{') {
            pos++;
            labels = labels();
            blank = skipBlanks();
        }
        if (!blank || pos == lineEnd) {
            throw error(pos == lineEnd ? "missing value" : "expected a blank before the value");
        }
        double value = value(token());
        long timestamp = Long.MIN_VALUE;
        if (skipBlanks() && pos < lineEnd) {
            timestamp = timestamp(token());
            skipBlanks();
        }
        if (pos != lineEnd) {
            throw error("unexpected text after the value");
        }
        visitor.sample(name, labels, value, timestamp);
    }

    private Map<String, String> labels() throws PrometheusTextException {
        Map<String, String> labels = new LinkedHashMap<>();
        while (true) {
            skipBlanks();
            if (pos < lineEnd && text.charAt(pos) == '}') {
                pos++;
                return labels;
            }
            String label = labelName();
            skipBlanks();
            expect('=', "'=' after label name '" + label + "'");
            skipBlanks();
            expect('"', "'\"' to open the value of label '" + label + "'");
            String value = labelValue();
            if (labels.put(label, value) != null) {
                throw error("label '" + label + "' given twice");
            }
            skipBlanks();
            if (pos < lineEnd && text.charAt(pos) == ',') {
                pos++;
            } else if (pos >= lineEnd || text.charAt(pos) != '}') {
                throw error("expected ',' or '}' after the value of label '" + label + "'");
            }
        }
    }

    private String labelValue() throws PrometheusTextException {
        StringBuilder b = new StringBuilder();
        while (pos < lineEnd) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos == lineEnd) {
                    break;
                }
                char e = text.charAt(pos++);
                if (e == '\\' || e == '"') {
                    b.append(e);
                } else if (e == 'n') {
                    b.append('\n');
                } else {
                    throw error("invalid escape '\\" + Echo.bounded(String.valueOf(e), 1) + "'");
                }
            } else {
                b.append(c);
            }
        }
        throw error("unterminated label value");
    }

    private String metricName() throws PrometheusTextException {
        int start = pos;
        if (pos < lineEnd && isNameStart(text.charAt(pos))) {
            pos++;
            while (pos < lineEnd && (isNameStart(text.charAt(pos)) || isDigit(text.charAt(pos)))) {
                pos++;
            }
            return text.substring(start, pos);
        }
        throw error("expected a metric name");
    }

    private String labelName() throws PrometheusTextException {
        int start = pos;
        if (pos < lineEnd && isLabelStart(text.charAt(pos))) {
            pos++;
            while (pos < lineEnd && (isLabelStart(text.charAt(pos)) || isDigit(text.charAt(pos)))) {
                pos++;
            }
            return text.substring(start, pos);
        }
        throw error("expected a label name");
    }

    private String token() {
        int start = pos;
        while (pos < lineEnd && !isBlank(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private double value(String t) throws PrometheusTextException {
        switch (t) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        // Double.parseDouble alone would also take "1d", "Infinity", " 1" or hex: not this format
        boolean digit = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (isDigit(c)) {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                digit = false;
                break;
            }
        }
        if (digit) {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        throw error("invalid value '" + Echo.bounded(t, 40) + "'");
    }

    private long timestamp(String t) throws PrometheusTextException {
        int start = t.startsWith("-") || t.startsWith("+") ? 1 : 0;
        boolean ok = t.length() > start && t.length() <= 20;
        for (int i = start; ok && i < t.length(); i++) {
            ok = isDigit(t.charAt(i));
        }
        if (ok) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                // out of range: the error below
            }
        }
        throw error("invalid timestamp '" + Echo.bounded(t, 40) + "'");
    }

    private void expect(char c, String what) throws PrometheusTextException {
        if (pos < lineEnd && text.charAt(pos) == c) {
            pos++;
            return;
        }
        throw error("expected " + what);
    }

    /** Skips blanks and tabs; true when there was at least one. */
    private boolean skipBlanks() {
        int start = pos;
        while (pos < lineEnd && isBlank(text.charAt(pos))) {
            pos++;
        }
        return pos > start;
    }

    private PrometheusTextException error(String what) {
        return new PrometheusTextException(
                "line "
                        + lineNumber
                        + ", column "
                        + (pos - lineStart + 1)
                        + ": "
                        + what
                        + ": '"
                        + Echo.bounded(text.substring(lineStart, lineEnd), MAX_ECHO)
                        + "'");
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLabelStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameStart(char c) {
        return isLabelStart(c) || c == ':';
    }
}
