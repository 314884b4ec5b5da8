package com.smartinfra.api.metrics;

import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.influx.InfluxQl;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxRow;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads samples of {@code system_metrics}: raw, or downsampled to the mean of every numeric field
 * per host and step ({@code GROUP BY time(step), "host"}), so a 24-hour chart does not ship every
 * point. A downsampled sample is stamped with the start of its interval and has no {@code injected}
 * label.
 *
 * <p>Bounds: a raw read is one series, so InfluxQL's {@code LIMIT} bounds it. A downsampled read's
 * {@code LIMIT} applies per host: InfluxDB may answer up to hosts × {@link MetricsQuery#perHost()}
 * rows. For all hosts, one cheap query first counts the hosts with data in the window (their newest
 * point each); when hosts × per-host exceeds {@link MetricsQuery#MAX_POINTS} the read is refused
 * (400) before it runs, saying what to narrow. Within the bound, the newest {@code limit} samples
 * across hosts are answered (older ones trimmed).
 */
public final class MetricsReader {
    /** InfluxQL names the columns of {@code mean(*)} like this. */
    private static final String MEAN_PREFIX = "mean_";

    private final InfluxReader influx;

    public MetricsReader(InfluxReader influx) {
        this.influx = influx;
    }

    /** The samples of the query's window, oldest first (the newest {@code limit} of them). */
    public List<Sample> read(MetricsQuery query)
            throws InfluxUnavailableException, BadRequestException {
        if (query.downsampled() && query.host() == null) {
            refuseBeyondMaxPoints(query, influx.query(hostsInWindow(query)).size());
        }
        List<Sample> samples =
                influx.points(
                        influxQl(query), (row, time) -> toSample(row, time, query.downsampled()));
        // newest-first from InfluxDB so LIMIT keeps the latest; the dashboard wants time order
        samples.sort(
                Comparator.comparingLong((Sample s) -> s.timestamp)
                        .thenComparing(
                                s -> s.host, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (samples.size() > query.limit()) {
            // a downsampled LIMIT applies per host: keep the newest overall
            samples =
                    new ArrayList<>(
                            samples.subList(samples.size() - query.limit(), samples.size()));
        }
        return samples;
    }

    static void refuseBeyondMaxPoints(MetricsQuery q, int hosts) throws BadRequestException {
        long points = hosts * q.perHost();
        if (points > MetricsQuery.MAX_POINTS) {
            throw new BadRequestException(
                    "step "
                            + duration(q.stepMs())
                            + " gives up to "
                            + q.perHost()
                            + " intervals for each of "
                            + hosts
                            + " hosts ("
                            + points
                            + " points), at most "
                            + MetricsQuery.MAX_POINTS
                            + " in one answer: name a host, use a larger step or a shorter window,"
                            + " or lower limit");
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 1d}: the largest unit that divides it. */
    static String duration(long ms) {
        long[] units = {86_400_000, 3_600_000, 60_000, 1_000};
        String[] names = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms % units[i] == 0) {
                return ms / units[i] + names[i];
            }
        }
        return ms + "ms";
    }

    /** The newest point of each host with data in the query's window: one row per host. */
    static String hostsInWindow(MetricsQuery q) {
        StringBuilder sb =
                InfluxQl.select(
                        "\"" + SampleJson.CPU + "\"",
                        InfluxSchema.SYSTEM_METRICS,
                        q.sinceMs(),
                        q.untilMs());
        return InfluxQl.newestFirst(InfluxQl.groupByHost(sb), 1).toString();
    }

    /** The InfluxQL of a query (see {@link InfluxQl} for why nothing needs escaping). */
    static String influxQl(MetricsQuery q) {
        StringBuilder sb =
                InfluxQl.select(
                        q.downsampled() ? "mean(*)" : "*",
                        InfluxSchema.SYSTEM_METRICS,
                        q.sinceMs(),
                        q.untilMs());
        InfluxQl.andHost(sb, q.host());
        if (q.downsampled()) {
            sb.append(" GROUP BY time(").append(q.stepMs()).append("ms), \"");
            sb.append(InfluxSchema.TAG_HOST).append("\" fill(none)");
        }
        return InfluxQl.newestFirst(sb, (int) q.perHost()).toString();
    }

    /** Numeric columns become metrics, {@code injected} the label. */
    private static Sample toSample(InfluxRow row, long time, boolean downsampled) {
        Sample s =
                new Sample(
                        row.text(InfluxSchema.TAG_HOST), time, Double.NaN, Double.NaN, Double.NaN);
        for (String column : row.columns()) {
            String name = column;
            if (downsampled) {
                if (!column.startsWith(MEAN_PREFIX)) {
                    continue;
                }
                name = column.substring(MEAN_PREFIX.length());
            }
            switch (name) {
                case InfluxRow.TIME:
                case InfluxSchema.TAG_HOST:
                    break;
                case InfluxSchema.FIELD_INJECTED:
                    s.injected = row.text(column);
                    break;
                case SampleJson.CPU:
                    s.cpu = row.number(column);
                    break;
                case SampleJson.MEMORY:
                    s.memory = row.number(column);
                    break;
                case SampleJson.DISK:
                    s.disk = row.number(column);
                    break;
                default:
                    double d = row.number(column);
                    if (!Double.isNaN(d)) {
                        s.withExtra(name, d);
                    }
            }
        }
        return s;
    }
}
