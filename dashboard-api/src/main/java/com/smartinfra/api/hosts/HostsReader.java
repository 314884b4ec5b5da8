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

/**
 * Builds the host list from three small queries: the newest sample of every host seen since the
 * lookback ({@code ORDER BY time DESC LIMIT 1} per series, which InfluxDB answers from the end of
 * each series without scanning it), the count of each host's anomalies in the last hour, and each
 * host's newest anomaly in that hour.
 */
public final class HostsReader {
    public static final Duration ANOMALY_WINDOW = Duration.ofHours(1);

    private final InfluxReader influx;

    public HostsReader(InfluxReader influx) {
        this.influx = influx;
    }

    /** Every host with a sample since {@code sinceMs}, by name. */
    public List<HostSummary> read(long nowMs, long sinceMs) throws InfluxUnavailableException {
        Map<String, InfluxRow> newest = new TreeMap<>();
        for (InfluxRow row : influx.query(newestSamples(sinceMs))) {
            String host = row.text(InfluxSchema.TAG_HOST);
            if (host != null && row.time() >= 0) {
                newest.put(host, row);
            }
        }
        if (newest.isEmpty()) {
            return List.of();
        }
        long hourAgo = Math.max(0, nowMs - ANOMALY_WINDOW.toMillis());
        Map<String, Long> counts = new HashMap<>();
        for (InfluxRow row : influx.query(anomalyCounts(hourAgo))) {
            String host = row.text(InfluxSchema.TAG_HOST);
            if (host != null) {
                counts.put(host, row.integer("count", 0));
            }
        }
        Map<String, Long> lastAnomaly = new HashMap<>();
        for (InfluxRow row : influx.query(newestAnomalies(hourAgo))) {
            String host = row.text(InfluxSchema.TAG_HOST);
            if (host != null) {
                lastAnomaly.put(host, row.time());
            }
        }
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
                            HostState.of(nowMs, lastSeen, anomalyAt),
                            counts.getOrDefault(host, 0L),
                            anomalyAt));
        }
        return out;
    }

    static String newestSamples(long sinceMs) {
        return InfluxQl.select(
                        "\"cpu\", \"memory\", \"disk\"",
                        InfluxSchema.SYSTEM_METRICS,
                        sinceMs,
                        QueryParams.MAX_TIME_MS)
                .append(" GROUP BY \"")
                .append(InfluxSchema.TAG_HOST)
                .append("\" ORDER BY time DESC LIMIT 1")
                .toString();
    }

    static String anomalyCounts(long sinceMs) {
        return InfluxQl.select(
                        "count(\"" + InfluxSchema.FIELD_REASON + "\")",
                        InfluxSchema.ANOMALIES,
                        sinceMs,
                        QueryParams.MAX_TIME_MS)
                .append(" GROUP BY \"")
                .append(InfluxSchema.TAG_HOST)
                .append('"')
                .toString();
    }

    static String newestAnomalies(long sinceMs) {
        return InfluxQl.select(
                        "\"" + InfluxSchema.FIELD_REASON + "\"",
                        InfluxSchema.ANOMALIES,
                        sinceMs,
                        QueryParams.MAX_TIME_MS)
                .append(" GROUP BY \"")
                .append(InfluxSchema.TAG_HOST)
                .append("\" ORDER BY time DESC LIMIT 1")
                .toString();
    }
}
