package com.smartinfra.api.stats;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The query string of {@code GET /stats}: {@code host}, {@code window} (a window length the job
 * writes, e.g. {@code 1m}; all when absent), {@code since} (window start, default {@link
 * #DEFAULT_WINDOW} ago), {@code until} (default open-ended) and {@code limit} (default {@link
 * #DEFAULT_LIMIT}, the newest win).
 */
public final class StatsRequestParser {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final int DEFAULT_LIMIT = 10_000;

    public static final String HOST = "host";
    public static final String WINDOW = "window";
    public static final String SINCE = "since";
    public static final String UNTIL = "until";
    public static final String LIMIT = "limit";

    private static final Set<String> PARAMETERS = Set.of(HOST, WINDOW, SINCE, UNTIL, LIMIT);

    private final Clock clock;

    public StatsRequestParser(Clock clock) {
        this.clock = clock;
    }

    public StatsQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        long now = clock.millis();
        String host = params.host(HOST);
        String window = params.single(WINDOW);
        if (window != null && !InfluxQl.WINDOW.matcher(window).matches()) {
            throw new BadRequestException(
                    "window must be a window length such as 1m or 15m, was '"
                            + QueryParams.echo(window)
                            + "'");
        }
        long since = params.time(SINCE, now, Math.max(0, now - DEFAULT_WINDOW.toMillis()));
        long until = params.time(UNTIL, now, QueryParams.MAX_TIME_MS);
        if (since >= until) {
            throw new BadRequestException("since must be before until");
        }
        int limit = params.limit(LIMIT, DEFAULT_LIMIT, StatsQuery.MAX_LIMIT);
        return new StatsQuery(since, until, host, window, limit);
    }
}
