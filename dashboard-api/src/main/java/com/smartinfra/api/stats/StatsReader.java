package com.smartinfra.api.stats;

import com.smartinfra.api.http.QueryParams;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.schema.InfluxSchema;
import java.util.Comparator;
import java.util.List;

/** Reads {@code host_stats}, oldest window first. */
public final class StatsReader {
    private final InfluxReader influx;

    public StatsReader(InfluxReader influx) {
        this.influx = influx;
    }

    public List<WindowStats> read(StatsQuery q) throws InfluxUnavailableException {
        List<WindowStats> out = influx.points(influxQl(q), StatsReader::toWindowStats);
        out.sort(
                Comparator.comparingLong(WindowStats::startMs)
                        .thenComparing(
                                WindowStats::host, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(
                                WindowStats::window,
                                Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    static String influxQl(StatsQuery q) {
        StringBuilder sb = InfluxQl.select("*", InfluxSchema.HOST_STATS, q.sinceMs(), q.untilMs());
        InfluxQl.andHost(sb, q.host());
        InfluxQl.andWindow(sb, q.window());
        return InfluxQl.newestFirst(sb, q.limit()).toString();
    }

    private static WindowStats toWindowStats(InfluxRow row, long start) {
        String window = row.text(InfluxSchema.TAG_WINDOW);
        long length = window == null ? -1 : QueryParams.durationMillis(window);
        double[][] values =
                new double[InfluxSchema.STATS_METRICS.length][InfluxSchema.STATISTICS.length];
        for (int m = 0; m < values.length; m++) {
            for (int k = 0; k < values[m].length; k++) {
                values[m][k] =
                        row.number(
                                InfluxSchema.STATS_METRICS[m] + "_" + InfluxSchema.STATISTICS[k]);
            }
        }
        return new WindowStats(
                row.text(InfluxSchema.TAG_HOST),
                window,
                start,
                length > 0 ? start + length : -1,
                row.integer(InfluxSchema.FIELD_COUNT, 0),
                values);
    }
}
