package com.smartinfra.api.anomalies;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.TimeWindow;
import com.smartinfra.api.influx.InfluxQl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The query string of {@code GET /anomalies}: {@code host}, {@code reason} (a rule such as {@code
 * cpu>85}, a metric such as {@code cpu}, or {@code model}), {@code since} (default {@link
 * #DEFAULT_WINDOW} ago), {@code until} (default open-ended) and {@code limit} (default {@link
 * #DEFAULT_LIMIT}, the newest win).
 */
public final class AnomaliesRequestParser {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(30);
    public static final int DEFAULT_LIMIT = 1_000;
    public static final String REASON = "reason";

    private static final Set<String> PARAMETERS = QueryParams.listParameters(REASON);

    private final Clock clock;

    public AnomaliesRequestParser(Clock clock) {
        this.clock = clock;
    }

    public AnomaliesQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        String host = params.host(QueryParams.HOST);
        String reason =
                params.single(
                        REASON,
                        InfluxQl.REASON,
                        "match "
                                + InfluxQl.REASON.pattern()
                                + " (a rule like cpu>85, a metric like cpu, or model)");
        TimeWindow window = params.window(clock.millis(), DEFAULT_WINDOW);
        int limit = params.limit(QueryParams.LIMIT, DEFAULT_LIMIT, AnomaliesQuery.MAX_LIMIT);
        return new AnomaliesQuery(window.sinceMs(), window.untilMs(), host, reason, limit);
    }
}
