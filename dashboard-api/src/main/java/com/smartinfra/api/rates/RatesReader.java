package com.smartinfra.api.rates;

import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.schema.InfluxSchema;
import java.util.Comparator;
import java.util.List;

/** Reads {@code anomaly_rate}, oldest window first. */
public final class RatesReader {
    private final InfluxReader influx;

    public RatesReader(InfluxReader influx) {
        this.influx = influx;
    }

    public List<RateRow> read(RatesQuery q) throws InfluxUnavailableException {
        List<RateRow> out = influx.points(influxQl(q), RateRow::of);
        out.sort(
                Comparator.comparingLong(RateRow::startMs)
                        .thenComparing(
                                RateRow::host, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(
                                RateRow::window, Comparator.nullsFirst(Comparator.naturalOrder())));
        return out;
    }

    static String influxQl(RatesQuery q) {
        StringBuilder sb =
                InfluxQl.select("*", InfluxSchema.ANOMALY_RATE, q.sinceMs(), q.untilMs());
        InfluxQl.andHost(sb, q.host());
        InfluxQl.andWindow(sb, q.window());
        return InfluxQl.newestFirst(sb, q.limit()).toString();
    }
}
