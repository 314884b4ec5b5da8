package com.smartinfra.api.metrics;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.TimeWindow;
import com.smartinfra.schema.HostName;
import com.smartinfra.schema.SampleTimeBounds;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the query string of {@code GET /metrics} into a {@link MetricsQuery}, or says precisely
 * what is wrong with it.
 *
 * <ul>
 *   <li>{@code host}: one host name ({@link HostName#PATTERN}); all hosts when absent.
 *   <li>{@code since}: start of the window (inclusive); default {@link #DEFAULT_WINDOW} ago.
 *   <li>{@code until}: end of the window (exclusive); default open-ended, so samples stamped a
 *       little in the future by a host with a fast clock still show.
 *   <li>{@code limit}: at most this many samples, the newest ones across hosts; default {@link
 *       #DEFAULT_LIMIT}.
 *   <li>{@code step}: downsample to the mean of each {@code step} interval ({@code 30s}, {@code
 *       5m}, {@code 1h}; 1 s to 1 d, at most {@link #MAX_STEPS} intervals in the window up to now;
 *       over all hosts at most {@link MetricsQuery#MAX_POINTS} samples, see {@link MetricsReader}).
 * </ul>
 *
 * Times: see {@link QueryParams}.
 */
public final class MetricsRequestParser {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    public static final int DEFAULT_LIMIT = 10_000;

    /** Most intervals a downsampled window may have (per host): 24 h at a 10 s step is 8640. */
    public static final long MAX_STEPS = 10_000;

    public static final String STEP = "step";

    private static final Set<String> PARAMETERS = QueryParams.listParameters(STEP);
    private static final Pattern STEP_SYNTAX = Pattern.compile("([0-9]{1,6})(s|m|h|d)");

    private final Clock clock;

    public MetricsRequestParser(Clock clock) {
        this.clock = clock;
    }

    public MetricsQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        long now = clock.millis();
        String host = params.host(QueryParams.HOST);
        TimeWindow window = params.window(now, DEFAULT_WINDOW);
        int limit = params.limit(QueryParams.LIMIT, DEFAULT_LIMIT, MetricsQuery.MAX_LIMIT);
        String stepText = params.single(STEP);
        if (stepText == null) {
            return new MetricsQuery(window.sinceMs(), window.untilMs(), host, limit);
        }
        long step = step(stepText, window.sinceMs(), Math.min(window.untilMs(), now));
        // data may lie up to the job's limit ahead of now (a fast host clock): count those too
        long dataEnd =
                Math.min(
                        window.untilMs(),
                        now + SampleTimeBounds.DEFAULT_MAX_FUTURE_SKEW.toMillis());
        return new MetricsQuery(
                window.sinceMs(),
                window.untilMs(),
                host,
                limit,
                step,
                MetricsQuery.intervals(window.sinceMs(), dataEnd, step));
    }

    private static long step(String text, long since, long end) throws BadRequestException {
        Matcher m = STEP_SYNTAX.matcher(text);
        long ms = m.matches() ? QueryParams.durationMillis(text) : -1;
        if (ms < MetricsQuery.MIN_STEP_MS || ms > MetricsQuery.MAX_STEP_MS) {
            throw QueryParams.refused(
                    STEP, "be a duration from 1s to 1d such as 30s, 5m or 1h", text);
        }
        long steps = MetricsQuery.intervals(since, end, ms);
        if (steps > MAX_STEPS) {
            throw new BadRequestException(
                    "step "
                            + text
                            + " gives "
                            + steps
                            + " intervals in this window, at most "
                            + MAX_STEPS
                            + ": use a larger step or a shorter window");
        }
        return ms;
    }
}
