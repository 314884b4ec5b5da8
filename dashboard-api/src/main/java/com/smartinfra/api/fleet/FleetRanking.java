package com.smartinfra.api.fleet;

import com.smartinfra.api.fleet.Fleet.HostEntry;
import com.smartinfra.api.fleet.Fleet.MetricEntry;
import com.smartinfra.api.rates.RateRow;
import com.smartinfra.schema.InfluxSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Ranks hosts and their metrics, worst first, from what {@link FleetReader} read: each host's
 * anomaly counts of the last 15 minutes, its newest minute and day, and the alerts firing now.
 *
 * <ul>
 *   <li>Severity of a metric: {@code critical} when its threshold rule reported an anomaly in the
 *       last 15 minutes or an alert on it fires as critical; {@code warning} when the model named
 *       it in an anomaly of the last 15 minutes or an alert on it fires with another severity; none
 *       otherwise. A host's is the worst of its metrics, of its other firing alerts ({@code model},
 *       {@code nodata}…) and of its anomalies that named no metric.
 *   <li>Order: severity, then the rate of the last 15 minutes, of the last minute, of the last 24
 *       hours (anomalies / samples; none counts below 0), then by name.
 *   <li>Metric entries are only those with a severity; hosts are every host with a count or an
 *       alert, calm ones last.
 * </ul>
 */
public final class FleetRanking {
    private static final Comparator<Severity> WORST_FIRST = Comparator.reverseOrder();

    private static final Comparator<MetricEntry> METRICS =
            Comparator.comparing(MetricEntry::severity, WORST_FIRST)
                    .thenComparing(MetricEntry::rate15m, FleetRanking::higherFirst)
                    .thenComparing(MetricEntry::rate1m, FleetRanking::higherFirst)
                    .thenComparing(MetricEntry::rate24h, FleetRanking::higherFirst)
                    .thenComparing(MetricEntry::host)
                    .thenComparing(e -> metricIndex(e.metric()));

    private static final Comparator<HostEntry> HOSTS =
            Comparator.comparing(HostEntry::severity, WORST_FIRST)
                    .thenComparing(HostEntry::rate15m, FleetRanking::higherFirst)
                    .thenComparing(HostEntry::rate1m, FleetRanking::higherFirst)
                    .thenComparing(HostEntry::rate24h, FleetRanking::higherFirst)
                    .thenComparing(HostEntry::host);

    private FleetRanking() {}

    /**
     * @param last15m per host, its 1-minute rows of the last 15 minutes summed
     * @param lastMinute per host, its newest 1-minute row
     * @param lastDay per host, its newest 24-hour row
     * @param firing the alerts firing now
     */
    public static Fleet rank(
            long nowMs,
            Map<String, RateRow> last15m,
            Map<String, RateRow> lastMinute,
            Map<String, RateRow> lastDay,
            List<FiringAlert> firing,
            int limit,
            int hostLimit) {
        Map<String, List<FiringAlert>> firingByHost = new TreeMap<>();
        for (FiringAlert a : firing) {
            firingByHost.computeIfAbsent(a.host(), h -> new ArrayList<>()).add(a);
        }
        TreeSet<String> hosts = new TreeSet<>();
        hosts.addAll(last15m.keySet());
        hosts.addAll(lastMinute.keySet());
        hosts.addAll(lastDay.keySet());
        hosts.addAll(firingByHost.keySet());

        List<MetricEntry> metrics = new ArrayList<>();
        List<HostEntry> hostEntries = new ArrayList<>(hosts.size());
        for (String host : hosts) {
            RateRow quarter = last15m.get(host);
            RateRow minute = lastMinute.get(host);
            RateRow day = lastDay.get(host);
            List<FiringAlert> alerts = firingByHost.getOrDefault(host, List.of());

            Severity hostSeverity = Severity.NONE;
            List<MetricEntry> own = new ArrayList<>();
            for (int m = 0; m < InfluxSchema.STATS_METRICS.length; m++) {
                String metric = InfluxSchema.STATS_METRICS[m];
                Severity s = Severity.NONE;
                if (quarter != null && quarter.metricRuleAnomalies()[m] > 0) {
                    s = Severity.CRITICAL;
                } else if (quarter != null && quarter.metricAnomalies()[m] > 0) {
                    s = Severity.WARNING;
                }
                boolean metricFiring = false;
                for (FiringAlert a : alerts) {
                    if (a.cause().equals(metric)) {
                        s = s.worst(Severity.ofAlert(a.severity()));
                        metricFiring = true;
                    }
                }
                if (s != Severity.NONE) {
                    own.add(
                            new MetricEntry(
                                    host,
                                    metric,
                                    s,
                                    metricFiring,
                                    quarter == null ? 0 : quarter.metricAnomalies()[m],
                                    quarter == null ? 0 : quarter.samples(),
                                    quarter == null ? Double.NaN : quarter.metricRate(m),
                                    minute == null ? Double.NaN : minute.metricRate(m),
                                    day == null ? Double.NaN : day.metricRate(m)));
                }
                hostSeverity = hostSeverity.worst(s);
            }
            for (FiringAlert a : alerts) {
                hostSeverity = hostSeverity.worst(Severity.ofAlert(a.severity()));
            }
            if (quarter != null && quarter.ruleAnomalies() > 0) {
                hostSeverity = hostSeverity.worst(Severity.CRITICAL);
            } else if (quarter != null && quarter.anomalies() > 0) {
                hostSeverity = hostSeverity.worst(Severity.WARNING);
            }
            own.sort(METRICS);
            metrics.addAll(own);
            TreeSet<String> causes = new TreeSet<>();
            alerts.forEach(a -> causes.add(a.cause()));
            hostEntries.add(
                    new HostEntry(
                            host,
                            hostSeverity,
                            List.copyOf(causes),
                            quarter == null ? 0 : quarter.anomalies(),
                            quarter == null ? 0 : quarter.samples(),
                            quarter == null ? Double.NaN : quarter.rate(),
                            minute == null ? Double.NaN : minute.rate(),
                            day == null ? Double.NaN : day.rate(),
                            own.isEmpty() ? null : own.get(0).metric(),
                            minute == null ? null : minute.learning(),
                            minute == null ? -1 : minute.learningLeftMs(),
                            minute == null ? -1 : minute.learningSamplesLeft()));
        }
        metrics.sort(METRICS);
        hostEntries.sort(HOSTS);
        return new Fleet(
                nowMs,
                List.copyOf(metrics.subList(0, Math.min(limit, metrics.size()))),
                List.copyOf(hostEntries.subList(0, Math.min(hostLimit, hostEntries.size()))));
    }

    /** Higher rates first; no rate (NaN) after every rate. */
    private static int higherFirst(double a, double b) {
        return Double.compare(Double.isNaN(b) ? -1 : b, Double.isNaN(a) ? -1 : a);
    }

    private static int metricIndex(String metric) {
        for (int m = 0; m < InfluxSchema.STATS_METRICS.length; m++) {
            if (InfluxSchema.STATS_METRICS[m].equals(metric)) {
                return m;
            }
        }
        return Integer.MAX_VALUE;
    }
}
