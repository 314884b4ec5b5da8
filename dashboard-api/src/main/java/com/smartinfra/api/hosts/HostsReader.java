package com.smartinfra.api.hosts;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.SampleJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the host list from three small queries: the newest sample of every host seen since the
 * lookback ({@code ORDER BY time DESC LIMIT 1} per series, which InfluxDB answers from the end of
 * each series without scanning it), the count of each host's anomalies in the last hour, and each
 * host's newest anomaly in that hour.
 */
public final class HostsReader {
    public static final Duration ANOMALY_WINDOW = Duration.ofHours(1);

    private final InfluxReader influx;
    private final Duration silentAfter;

    /** {@code silentAfter}: how long without a sample makes a host {@code silent}. */
    public HostsReader(InfluxReader influx, Duration silentAfter) {
        this.influx = influx;
        this.silentAfter = silentAfter;
    }

    /** Every host with a sample since {@code sinceMs}, by name. */
    public List<HostSummary> read(long nowMs, long sinceMs) throws InfluxUnavailableException {
        Map<String, InfluxRow> newest =
                new TreeMap<>(
                        perHost(
                                influx.query(newestSamples(sinceMs)),
                                // a row without a time is no sample
                                row -> row.time() >= 0 ? row : null));
        if (newest.isEmpty()) {
            return List.of();
        }
        long hourAgo = Math.max(0, nowMs - ANOMALY_WINDOW.toMillis());
        Map<String, Long> counts =
                perHost(influx.query(anomalyCounts(hourAgo)), row -> row.integer("count", 0));
        Map<String, Long> lastAnomaly =
                perHost(influx.query(newestAnomalies(hourAgo)), InfluxRow::time);
        List<HostSummary> out = new ArrayList<>(newest.size());
        for (Map.Entry<String, InfluxRow> e : newest.entrySet()) {
            String host = e.getKey();
            InfluxRow row = e.getValue();
            long lastSeen = row.time();
            long anomalyAt = lastAnomaly.getOrDefault(host, -1L);
            out.add(
                    new HostSummary(
                            host,
                            lastSeen,
                            row.number(SampleJson.CPU),
                            row.number(SampleJson.MEMORY),
                            row.number(SampleJson.DISK),
                            HostState.of(nowMs, lastSeen, anomalyAt, silentAfter),
                            counts.getOrDefault(host, 0L),
                            anomalyAt));
        }
        return out;
    }

    /**
     * The value of each host's row in a per-host answer; rows without a host or value are skipped.
     */
    private static <V> Map<String, V> perHost(List<InfluxRow> rows, Function<InfluxRow, V> value) {
        Map<String, V> byHost = new HashMap<>();
        for (InfluxRow row : rows) {
            String host = row.text(InfluxSchema.TAG_HOST);
            V v = host == null ? null : value.apply(row);
            if (v != null) {
                byHost.put(host, v);
            }
        }
        return byHost;
    }

    static String newestSamples(long sinceMs) {
        return InfluxQl.newestFirst(
                        perHostSince(
                                "\"cpu\", \"memory\", \"disk\"",
                                InfluxSchema.SYSTEM_METRICS,
                                sinceMs),
                        1)
                .toString();
    }

    static String anomalyCounts(long sinceMs) {
        return perHostSince(
                        "count(\"" + InfluxSchema.FIELD_REASON + "\")",
                        InfluxSchema.ANOMALIES,
                        sinceMs)
                .toString();
    }

    static String newestAnomalies(long sinceMs) {
        return InfluxQl.newestFirst(
                        perHostSince(
                                "\"" + InfluxSchema.FIELD_REASON + "\"",
                                InfluxSchema.ANOMALIES,
                                sinceMs),
                        1)
                .toString();
    }

    /** {@code SELECT <what> FROM <measurement>} since {@code sinceMs}, one series per host. */
    private static StringBuilder perHostSince(String what, String measurement, long sinceMs) {
        return InfluxQl.groupByHost(
                InfluxQl.select(what, measurement, sinceMs, QueryParams.MAX_TIME_MS));
    }
}
