package com.smartinfra.api.hosts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.http.QueryParams;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * {@code GET /hosts[?since=]}: every host with a sample since {@code since} (default {@link
 * #DEFAULT_LOOKBACK} ago), by name: {@code {"hosts":[{"host":"web-01",
 * "last_seen":"2025-06-24T16:42:00Z","cpu":12.5,"memory":40.0,"disk":55.0,"state":"ok",
 * "anomalies_last_hour":0,"last_anomaly":null}]}}. {@link HostState} says how the state is found.
 */
public final class HostsRoute implements Route {
    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(7);

    private final HostsReader reader;
    private final Clock clock;

    public HostsRoute(HostsReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public Object handle(Request req, Response res) throws Exception {
        QueryParams params =
                QueryParams.fromQueryString(req.raw().getQueryString(), Set.of(QueryParams.SINCE));
        long now = clock.millis();
        long since = params.since(now, DEFAULT_LOOKBACK);
        if (since >= QueryParams.MAX_TIME_MS) {
            throw new BadRequestException("since must be before 2100-01-01");
        }
        return JsonResponses.send(res, 200, json(reader.read(now, since)));
    }

    static byte[] json(List<HostSummary> hosts) {
        return Json.list("hosts", hosts, 200, HostsRoute::write);
    }

    /** Every key is always there: a missing metric or anomaly is null. */
    private static void write(JsonGenerator g, HostSummary h) throws IOException {
        g.writeStartObject();
        g.writeStringField("host", h.host());
        Json.instant(g, "last_seen", h.lastSeenMs());
        Json.numberOrNull(g, "cpu", h.cpu());
        Json.numberOrNull(g, "memory", h.memory());
        Json.numberOrNull(g, "disk", h.disk());
        g.writeStringField("state", h.state().json());
        g.writeNumberField("anomalies_last_hour", h.anomaliesLastHour());
        if (h.lastAnomalyMs() >= 0) {
            Json.instant(g, "last_anomaly", h.lastAnomalyMs());
        } else {
            g.writeNullField("last_anomaly");
        }
        g.writeEndObject();
    }
}
