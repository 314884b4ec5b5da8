package com.smartinfra.api.http;

import com.smartinfra.schema.Echo;
import com.smartinfra.schema.HostName;
import com.smartinfra.schema.SampleJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validated query string of one request: every endpoint reads its parameters through this, so
 * they all refuse unknown, repeated and empty parameters the same way and quote bad input back the
 * same bounded way. Framework-free: it takes the servlet-style parameter map.
 *
 * <p>Times are an ISO-8601 instant ({@code 2025-06-24T16:42:00Z}, an offset is allowed), epoch
 * milliseconds ({@code 1750783320000}), {@code now}, or a duration before now ({@code 90s}, {@code
 * 15m}, {@code 1h}, {@code 2d}, also {@code ms}); they must lie in 1970..2100.
 */
public final class QueryParams {
    /** Latest instant a query may name (exclusive): the last timestamp the schema accepts. */
    public static final long MAX_TIME_MS = SampleJson.MAX_TIMESTAMP;

    // the parameters several endpoints share, read the same way everywhere
    public static final String HOST = "host";
    public static final String SINCE = "since";
    public static final String UNTIL = "until";
    public static final String LIMIT = "limit";

    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");
    private static final int MAX_ECHO = 64;

    private final Map<String, String[]> params;

    private QueryParams(Map<String, String[]> params) {
        this.params = params;
    }

    /**
     * The names a list endpoint knows: {@code host}, {@code since}, {@code until}, {@code limit},
     * and its own.
     */
    public static Set<String> listParameters(String... own) {
        Set<String> names = new HashSet<>(Set.of(own));
        names.addAll(Set.of(HOST, SINCE, UNTIL, LIMIT));
        return Set.copyOf(names);
    }

    /**
     * The parameters of a raw (still percent-encoded) query string, refusing any name not in {@code
     * known}. Only the query string: a form-encoded body is never read as parameters.
     */
    public static QueryParams fromQueryString(String rawQuery, Set<String> known)
            throws BadRequestException {
        return of(decode(rawQuery), known);
    }

    /**
     * A raw query string as a parameter map, in the servlet's shape. The servlet container's own
     * decoding throws on bad percent-encoding (a 500 from deep inside the framework); here it is a
     * 400 like any other bad input. Bytes that are not UTF-8 decode to U+FFFD, which no parameter
     * syntax accepts.
     */
    public static Map<String, String[]> decode(String rawQuery) throws BadRequestException {
        Map<String, String[]> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name =
                        URLDecoder.decode(
                                eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value =
                        eq < 0
                                ? ""
                                : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the query string is not valid percent-encoding");
            }
            String[] old = out.get(name);
            if (old == null) {
                out.put(name, new String[] {value});
            } else {
                String[] more = Arrays.copyOf(old, old.length + 1);
                more[old.length] = value;
                out.put(name, more);
            }
        }
        return out;
    }

    /** The parameters, refusing any name not in {@code known}. */
    public static QueryParams of(Map<String, String[]> params, Set<String> known)
            throws BadRequestException {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new BadRequestException(
                        "unknown parameter '"
                                + echo(name)
                                + "' (known: "
                                + new TreeSet<>(known)
                                + ")");
            }
        }
        return new QueryParams(params);
    }

    /** The one value of a parameter, or null when absent; repeated or empty is refused. */
    public String single(String name) throws BadRequestException {
        String[] values = params.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new BadRequestException("give " + name + " at most once");
        }
        if (values[0].isEmpty()) {
            throw new BadRequestException(name + " is empty");
        }
        return values[0];
    }

    /**
     * The one value of a parameter that must match {@code syntax}, or null when absent; otherwise
     * refused with {@code requirement} (see {@link #refused}).
     */
    public String single(String name, Pattern syntax, String requirement)
            throws BadRequestException {
        String text = single(name);
        if (text != null && !syntax.matcher(text).matches()) {
            throw refused(name, requirement, text);
        }
        return text;
    }

    /** A host name ({@link HostName#PATTERN}), or null when absent. */
    public String host(String name) throws BadRequestException {
        String host = single(name);
        if (host != null && !HostName.isValid(host)) {
            throw refused(name, "match " + HostName.PATTERN.pattern(), host);
        }
        return host;
    }

    /** A time parameter in epoch milliseconds, or {@code defaultMs} when absent. */
    public long time(String name, long now, long defaultMs) throws BadRequestException {
        String text = single(name);
        return text == null ? defaultMs : parseTime(name, text, now);
    }

    /** {@code since}, by default {@code defaultAgo} before now (but not before 1970). */
    public long since(long now, Duration defaultAgo) throws BadRequestException {
        return time(SINCE, now, Math.max(0, now - defaultAgo.toMillis()));
    }

    /**
     * The window {@code [since, until)}: {@code since} by default {@code defaultSpan} before now,
     * {@code until} by default open-ended (so samples a fast host clock stamps in the future show).
     */
    public TimeWindow window(long now, Duration defaultSpan) throws BadRequestException {
        long since = since(now, defaultSpan);
        long until = time(UNTIL, now, MAX_TIME_MS);
        if (since >= until) {
            throw new BadRequestException("since must be before until");
        }
        return new TimeWindow(since, until);
    }

    /** An integer 1..max, or {@code defaultValue} when absent. */
    public int limit(String name, int defaultValue, int max) throws BadRequestException {
        String text = single(name);
        if (text == null) {
            return defaultValue;
        }
        if (text.length() <= 6 && EPOCH_MILLIS.matcher(text).matches()) {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= max) {
                return n;
            }
        }
        throw refused(name, "be an integer from 1 to " + max, text);
    }

    /** Parses a time to epoch milliseconds in {@code [0, MAX_TIME_MS]}. */
    public static long parseTime(String name, String text, long now) throws BadRequestException {
        long ms;
        long ago = durationMillis(text);
        if (text.equals("now")) {
            ms = now;
        } else if (EPOCH_MILLIS.matcher(text).matches()) {
            ms = Long.parseLong(text);
        } else if (ago >= 0) {
            ms = now - ago;
        } else {
            ms = isoInstant(name, text);
        }
        if (ms < 0 || ms > MAX_TIME_MS) {
            throw new BadRequestException(
                    name + " is out of range (1970-01-01 to 2100-01-01), was '" + echo(text) + "'");
        }
        return ms;
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, {@code 250ms} in milliseconds; else -1. */
    public static long durationMillis(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return -1;
        }
        long amount = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return amount;
            case "s":
                return amount * 1_000L;
            case "m":
                return amount * 60_000L;
            case "h":
                return amount * 3_600_000L;
            default: // "d"; at most 999999999 days, no overflow
                return amount * 86_400_000L;
        }
    }

    /** Epoch milliseconds of an ISO-8601 instant, or -1 (out of range) when outside 1970..2100. */
    private static long isoInstant(String name, String text) throws BadRequestException {
        Instant instant;
        try {
            instant = Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                instant = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw refused(
                        name,
                        "be an ISO-8601 instant (2025-06-24T16:42:00Z), epoch milliseconds,"
                                + " 'now' or a duration ago like 15m",
                        text);
            }
        }
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(Instant.ofEpochMilli(MAX_TIME_MS))) {
            return -1;
        }
        return instant.toEpochMilli();
    }

    /**
     * A refused value, in the one form the endpoints share: {@code <name> must <requirement>, was
     * '<text>'}.
     */
    public static BadRequestException refused(String name, String requirement, String text) {
        return new BadRequestException(
                name + " must " + requirement + ", was '" + echo(text) + "'");
    }

    /** Request text quoted back in an error: bounded, and only printable ASCII. */
    public static String echo(String s) {
        return Echo.bounded(s, MAX_ECHO);
    }
}
