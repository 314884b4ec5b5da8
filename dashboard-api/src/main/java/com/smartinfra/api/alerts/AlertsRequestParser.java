package com.smartinfra.api.alerts;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.http.TimeWindow;
import com.smartinfra.api.influx.InfluxQl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The query string of {@code GET /alerts}: {@code host}, {@code cause} ({@code cpu}, {@code model},
 * {@code nodata}...), {@code state} ({@code firing}, {@code resolved}), {@code status} ({@code
 * sent}, {@code pending}, {@code silenced}...), {@code since} (default {@link #DEFAULT_WINDOW}
 * ago), {@code until} (default open-ended) and {@code limit} (default {@link #DEFAULT_LIMIT}, the
 * newest win).
 */
public final class AlertsRequestParser {
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final int DEFAULT_LIMIT = 1_000;
    public static final String CAUSE = "cause";
    public static final String STATE = "state";
    public static final String STATUS = "status";

    private static final Set<String> PARAMETERS = QueryParams.listParameters(CAUSE, STATE, STATUS);

    private final Clock clock;

    public AlertsRequestParser(Clock clock) {
        this.clock = clock;
    }

    public AlertsQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        String host = params.host(QueryParams.HOST);
        String cause =
                params.single(
                        CAUSE,
                        InfluxQl.CAUSE,
                        "match "
                                + InfluxQl.CAUSE.pattern()
                                + " (cpu, memory, disk, model, nodata...)");
        String state = params.single(STATE, AlertsQuery.STATE, "be " + AlertsQuery.STATE.pattern());
        String status =
                params.single(STATUS, AlertsQuery.STATUS, "be " + AlertsQuery.STATUS.pattern());
        TimeWindow window = params.window(clock.millis(), DEFAULT_WINDOW);
        int limit = params.limit(QueryParams.LIMIT, DEFAULT_LIMIT, AlertsQuery.MAX_LIMIT);
        return new AlertsQuery(
                window.sinceMs(), window.untilMs(), host, cause, state, status, limit);
    }
}
