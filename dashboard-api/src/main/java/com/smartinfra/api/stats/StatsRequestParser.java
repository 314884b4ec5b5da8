package com.smartinfra.api.stats;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.TimeWindow;
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
    public static final String WINDOW = "window";

    private static final Set<String> PARAMETERS = QueryParams.listParameters(WINDOW);

    private final Clock clock;

    public StatsRequestParser(Clock clock) {
        this.clock = clock;
    }

    public StatsQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        String host = params.host(QueryParams.HOST);
        String length =
                params.single(WINDOW, InfluxQl.WINDOW, "be a window length such as 1m or 15m");
        TimeWindow window = params.window(clock.millis(), DEFAULT_WINDOW);
        int limit = params.limit(QueryParams.LIMIT, DEFAULT_LIMIT, StatsQuery.MAX_LIMIT);
        return new StatsQuery(window.sinceMs(), window.untilMs(), host, length, limit);
    }
}
