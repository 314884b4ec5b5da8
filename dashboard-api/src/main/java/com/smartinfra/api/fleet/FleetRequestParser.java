package com.smartinfra.api.fleet;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The query string of {@code GET /fleet}: {@code limit}, the host-metric entries to answer (default
 * {@link #DEFAULT_LIMIT}), and {@code host_limit}, the hosts (default {@link #DEFAULT_HOST_LIMIT}).
 * Nothing else: the answer is about now, on the API's clock.
 */
public final class FleetRequestParser {
    public static final int DEFAULT_LIMIT = 10;
    public static final int DEFAULT_HOST_LIMIT = 1_000;
    public static final String HOST_LIMIT = "host_limit";

    private static final Set<String> PARAMETERS = Set.of(QueryParams.LIMIT, HOST_LIMIT);

    private final Clock clock;

    public FleetRequestParser(Clock clock) {
        this.clock = clock;
    }

    public FleetQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        int limit = params.limit(QueryParams.LIMIT, DEFAULT_LIMIT, FleetQuery.MAX_LIMIT);
        int hostLimit = params.limit(HOST_LIMIT, DEFAULT_HOST_LIMIT, FleetQuery.MAX_HOST_LIMIT);
        return new FleetQuery(clock.millis(), limit, hostLimit);
    }
}
