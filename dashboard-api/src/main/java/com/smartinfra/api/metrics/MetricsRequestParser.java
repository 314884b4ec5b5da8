package com.smartinfra.api.metrics;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.schema.HostName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the query string of {@code GET /metrics} into a {@link MetricsQuery}, or says precisely
 * what is wrong with it. Framework-free: it takes the servlet-style parameter map.
 *
 * <ul>
 *   <li>{@code host}: one host name ({@link HostName#PATTERN}); all hosts when absent.
 *   <li>{@code since}: start of the window (inclusive); default {@link #DEFAULT_WINDOW} ago.
 *   <li>{@code until}: end of the window (exclusive); default open-ended, so samples stamped a
 *       little in the future by a host with a fast clock still show.
 *   <li>{@code limit}: at most this many samples, the newest ones; default {@link #DEFAULT_LIMIT}.
 * </ul>
 *
 * Times are an ISO-8601 instant ({@code 2025-06-24T16:42:00Z}, an offset is allowed), epoch
 * milliseconds ({@code 1750783320000}), {@code now}, or a duration before now ({@code 90s}, {@code
 * 15m}, {@code 1h}, {@code 2d}).
 */
public final class MetricsRequestParser {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_LIMIT = 10_000;

    public static final String HOST = "host";
    public static final String SINCE = "since";
    public static final String UNTIL = "until";
    public static final String LIMIT = "limit";

    private static final Set<String> PARAMETERS = new TreeSet<>(Set.of(HOST, SINCE, UNTIL, LIMIT));
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");
    private static final Pattern AGO = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");
    private static final int MAX_ECHO = 64;

    private final Clock clock;

    public MetricsRequestParser(Clock clock) {
        this.clock = clock;
    }

    public MetricsQuery parse(Map<String, String[]> params) throws BadRequestException {
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadRequestException(
                        "unknown parameter '" + echo(name) + "' (known: " + PARAMETERS + ")");
            }
        }
        long now = clock.millis();
        String host = single(params, HOST);
        if (host != null && !HostName.isValid(host)) {
            throw new BadRequestException(
                    "host must match " + HostName.PATTERN.pattern() + ", was '" + echo(host) + "'");
        }
        String sinceText = single(params, SINCE);
        long since =
                sinceText == null
                        ? Math.max(0, now - DEFAULT_WINDOW.toMillis())
                        : time(SINCE, sinceText, now);
        String untilText = single(params, UNTIL);
        long until = untilText == null ? MetricsQuery.MAX_TIME_MS : time(UNTIL, untilText, now);
        if (since >= until) {
            throw new BadRequestException("since must be before until");
        }
        String limitText = single(params, LIMIT);
        int limit = limitText == null ? DEFAULT_LIMIT : limit(limitText);
        return new MetricsQuery(since, until, host, limit);
    }

    private static String single(Map<String, String[]> params, String name)
            throws BadRequestException {
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

    /** Parses a time parameter to epoch milliseconds in {@code [0, MAX_TIME_MS]}. */
    static long time(String name, String text, long now) throws BadRequestException {
        long ms;
        Matcher ago = AGO.matcher(text);
        if (text.equals("now")) {
            ms = now;
        } else if (EPOCH_MILLIS.matcher(text).matches()) {
            ms = Long.parseLong(text);
        } else if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            ms = now - agoMillis(amount, ago.group(2));
        } else {
            ms = isoInstant(name, text);
        }
        if (ms < 0 || ms > MetricsQuery.MAX_TIME_MS) {
            throw new BadRequestException(
                    name + " is out of range (1970-01-01 to 2100-01-01), was '" + echo(text) + "'");
        }
        return ms;
    }

    private static long agoMillis(long amount, String unit) {
        switch (unit) {
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
                throw new BadRequestException(
                        name
                                + " must be an ISO-8601 instant (2025-06-24T16:42:00Z), epoch"
                                + " milliseconds, 'now' or a duration ago like 15m, was '"
                                + echo(text)
                                + "'");
            }
        }
        if (instant.isBefore(Instant.EPOCH)
                || instant.isAfter(Instant.ofEpochMilli(MetricsQuery.MAX_TIME_MS))) {
            return -1;
        }
        return instant.toEpochMilli();
    }

    private static int limit(String text) throws BadRequestException {
        if (text.length() <= 6 && EPOCH_MILLIS.matcher(text).matches()) {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MetricsQuery.MAX_LIMIT) {
                return n;
            }
        }
        throw new BadRequestException(
                "limit must be an integer from 1 to "
                        + MetricsQuery.MAX_LIMIT
                        + ", was '"
                        + echo(text)
                        + "'");
    }

    /** Request text quoted back in an error: bounded, and only printable ASCII. */
    private static String echo(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_ECHO) + 3);
        for (int i = 0; i < s.length() && i < MAX_ECHO; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > MAX_ECHO) {
            sb.append("...");
        }
        return sb.toString();
    }
}
