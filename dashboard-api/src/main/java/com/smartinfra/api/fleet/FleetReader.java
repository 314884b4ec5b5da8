package com.smartinfra.api.fleet;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.api.rates.RateRow;
import com.smartinfra.schema.InfluxSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what {@link FleetRanking} ranks, in four small statements on {@code anomaly_rate} and
 * {@code alerts}:
 *
 * <ol>
 *   <li>each host's 1-minute rows that started in the last {@link #RECENT} summed (InfluxDB adds at
 *       most 15 rows a host);
 *   <li>each host's newest 1-minute row of the last {@link #MINUTE_LOOKBACK} ({@code GROUP BY
 *       "host" ORDER BY time DESC LIMIT 1}, answered from the end of each series);
 *   <li>each host's newest 24-hour row (stamped a day before the end of its quarter hour, so looked
 *       for within {@link #DAY_LOOKBACK});
 *   <li>the newest notification of each host and cause within {@link #ALERT_LOOKBACK}: the alert
 *       fires now when it says {@code firing} (a firing alert is repeated at {@code
 *       alert.repeat-interval}, 1 h by default, so one that fires is seen).
 * </ol>
 */
public final class FleetReader {
    public static final Duration RECENT = Duration.ofMinutes(15);
    public static final Duration MINUTE_LOOKBACK = Duration.ofMinutes(5);
    public static final Duration DAY_LOOKBACK = Duration.ofHours(25);
    public static final Duration ALERT_LOOKBACK = Duration.ofHours(25);

    private static final String MINUTE = "1m";
    private static final String DAY = "24h";
    private static final String FIRING = "firing";

    private final InfluxReader influx;

    public FleetReader(InfluxReader influx) {
        this.influx = influx;
    }

    public Fleet read(FleetQuery q) throws InfluxUnavailableException {
        long now = q.nowMs();
        Map<String, RateRow> recent = perHost(influx.query(recentSums(now)));
        Map<String, RateRow> minute = perHost(influx.query(newest(now, MINUTE_LOOKBACK, MINUTE)));
        Map<String, RateRow> day = perHost(influx.query(newest(now, DAY_LOOKBACK, DAY)));
        List<FiringAlert> firing = firing(influx.query(newestAlerts(now)));
        return FleetRanking.rank(now, recent, minute, day, firing, q.limit(), q.hostLimit());
    }

    static String recentSums(long nowMs) {
        StringBuilder sb =
                InfluxQl.select(
                        InfluxQl.sums(RateRow.countFields()),
                        InfluxSchema.ANOMALY_RATE,
                        since(nowMs, RECENT),
                        QueryParams.MAX_TIME_MS);
        InfluxQl.andWindow(sb, MINUTE);
        return InfluxQl.groupBy(sb, InfluxSchema.TAG_HOST).toString();
    }

    static String newest(long nowMs, Duration lookback, String window) {
        StringBuilder sb =
                InfluxQl.select(
                        "*",
                        InfluxSchema.ANOMALY_RATE,
                        since(nowMs, lookback),
                        QueryParams.MAX_TIME_MS);
        InfluxQl.andWindow(sb, window);
        InfluxQl.groupBy(sb, InfluxSchema.TAG_HOST);
        return InfluxQl.newestFirst(sb, 1).toString();
    }

    static String newestAlerts(long nowMs) {
        StringBuilder sb =
                InfluxQl.select(
                        "*",
                        InfluxSchema.ALERTS,
                        since(nowMs, ALERT_LOOKBACK),
                        QueryParams.MAX_TIME_MS);
        InfluxQl.groupBy(sb, InfluxSchema.TAG_HOST, InfluxSchema.TAG_CAUSE);
        return InfluxQl.newestFirst(sb, 1).toString();
    }

    private static long since(long nowMs, Duration back) {
        return Math.max(0, Math.min(nowMs, QueryParams.MAX_TIME_MS - 1) - back.toMillis());
    }

    private static Map<String, RateRow> perHost(List<InfluxRow> rows) {
        Map<String, RateRow> out = new HashMap<>();
        for (InfluxRow row : rows) {
            long time = row.time();
            RateRow r = RateRow.of(row, time);
            if (r.host() != null && time >= 0) {
                out.put(r.host(), r);
            }
        }
        return out;
    }

    private static List<FiringAlert> firing(List<InfluxRow> rows) {
        List<FiringAlert> out = new ArrayList<>();
        for (InfluxRow row : rows) {
            String host = row.text(InfluxSchema.TAG_HOST);
            String cause = row.text(InfluxSchema.TAG_CAUSE);
            if (host != null && cause != null && FIRING.equals(row.text("state"))) {
                out.add(
                        new FiringAlert(
                                host,
                                cause,
                                row.text("severity"),
                                row.integer("since", -1),
                                "true".equals(row.text("flapping"))));
            }
        }
        return out;
    }
}
