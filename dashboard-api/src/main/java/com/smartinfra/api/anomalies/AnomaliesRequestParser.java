package com.smartinfra.api.anomalies;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.QueryParams;
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

    public static final String HOST = "host";
    public static final String REASON = "reason";
    public static final String SINCE = "since";
    public static final String UNTIL = "until";
    public static final String LIMIT = "limit";

    private static final Set<String> PARAMETERS = Set.of(HOST, REASON, SINCE, UNTIL, LIMIT);

    private final Clock clock;

    public AnomaliesRequestParser(Clock clock) {
        this.clock = clock;
    }

    public AnomaliesQuery parse(Map<String, String[]> raw) throws BadRequestException {
        QueryParams params = QueryParams.of(raw, PARAMETERS);
        long now = clock.millis();
        String host = params.host(HOST);
        String reason = params.single(REASON);
        if (reason != null && !InfluxQl.REASON.matcher(reason).matches()) {
            throw new BadRequestException(
                    "reason must match "
                            + InfluxQl.REASON.pattern()
                            + " (a rule like cpu>85, a metric like cpu, or model), was '"
                            + QueryParams.echo(reason)
                            + "'");
        }
        long since = params.time(SINCE, now, Math.max(0, now - DEFAULT_WINDOW.toMillis()));
        long until = params.time(UNTIL, now, QueryParams.MAX_TIME_MS);
        if (since >= until) {
            throw new BadRequestException("since must be before until");
        }
        int limit = params.limit(LIMIT, DEFAULT_LIMIT, AnomaliesQuery.MAX_LIMIT);
        return new AnomaliesQuery(since, until, host, reason, limit);
    }
}
