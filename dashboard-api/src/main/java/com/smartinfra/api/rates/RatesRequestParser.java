package com.smartinfra.api.rates;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.TimeWindow;
import com.smartinfra.schema.InfluxSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query string of {@code GET /anomaly-rates}: {@code host}, {@code window} ({@code 1m}, {@code
 * 15m} or {@code 24h}; all when absent), {@code since} (window start, default {@link
 * #DEFAULT_WINDOW} ago), {@code until} (default open-ended) and {@code limit} (default {@link
 * #DEFAULT_LIMIT}, the newest win).
 */
public final class RatesRequestParser {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final int DEFAULT_LIMIT = 10_000;
    public static final String WINDOW = "window";

    /** The windows the job writes. */
    public static final Pattern WINDOWS =
            Pattern.compile(String.join("|", InfluxSchema.RATE_WINDOWS));

    private static final Set<String> PARAMETERS = QueryParams.listParameters(WINDOW);

    private final Clock clock;

    public RatesRequestParser(Clock clock) {
        this.clock = clock;
    }

    public RatesQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        String host = params.host(QueryParams.HOST);
        String window = params.single(WINDOW, WINDOWS, "be one of " + WINDOWS.pattern());
        TimeWindow span = params.window(clock.millis(), DEFAULT_WINDOW);
        int limit = params.limit(QueryParams.LIMIT, DEFAULT_LIMIT, RatesQuery.MAX_LIMIT);
        return new RatesQuery(span.sinceMs(), span.untilMs(), host, window, limit);
    }
}
