package com.smartinfra.job.eval;

import static com.smartinfra.job.eval.AlertEvaluationResult.ratio;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of an {@link AlertEvaluation} run: a line per injected kind and the total, the false
 * alerts, the fleet line and last the {@code ALERTS} line.
 */
public final class AlertReport {
    private AlertReport() {}

    static void print(AlertEvaluationResult r, PrintStream out) {
        out.printf(
                Locale.ROOT,
                "%d samples, %d hosts, %.2f host-days, one sample every %s%n",
                r.samples,
                r.hosts,
                r.hostDays,
                seconds(r.interval));
        out.printf(
                Locale.ROOT,
                "%-12s %9s %16s %9s %9s %10s %16s %19s %19s%n",
                "kind",
                "incidents",
                "alerted",
                "recorded",
                "msgs/inc",
                "paging/inc",
                "resolves/alerted",
                "page delay p50/p95",
                "msg delay p50/p95");
        for (Map.Entry<String, IncidentFigures> e : r.byKind.entrySet()) {
            row(out, e.getKey(), e.getValue(), r.interval);
        }
        row(out, "incidents", r.total, r.interval);
        out.printf(
                Locale.ROOT,
                "all messages: %d (%.2f per incident), paging %d (%.2f per incident); of them"
                        + " outside any incident: %d, paging %d%n",
                r.total.messages + r.falseMessages,
                r.messagesPerIncident(),
                r.total.pagingMessages + r.falsePagingMessages,
                r.pagingPerIncident(),
                r.falseMessages,
                r.falsePagingMessages);
        out.printf(
                Locale.ROOT,
                "false alerts: %d (%.2f per host-day) by cause %s; paged alerts by cause %s;"
                        + " recorded, never paged: %s%n",
                r.falseAlerts(),
                r.falsePerHostDay(),
                r.falseByCause,
                r.pagedByCause,
                r.unpagedByCause);
        out.printf(
                Locale.ROOT,
                "notifications: %d sent, %d recorded only; alerts marked flapping: %d%n",
                r.itemsSent,
                r.itemsRecorded,
                r.flappingAlerts());
        printFleet(r, out);
        IncidentFigures t = r.total;
        out.printf(
                Locale.ROOT,
                "ALERTS incidents=%d alerted=%.4f messages_per_incident=%.2f"
                        + " paging_per_incident=%.2f false_per_host_day=%.2f"
                        + " resolves_per_alerted=%.2f flapping_alerts=%d page_delay_p95_s=%s"
                        + " message_delay_p95_s=%s%n",
                t.incidents,
                ratio(t.alerted, t.incidents),
                r.messagesPerIncident(),
                r.pagingPerIncident(),
                r.falsePerHostDay(),
                ratio(t.resolves, t.alerted),
                r.flappingAlerts(),
                seconds(percentile(t.pageDelays, 0.95)),
                seconds(percentile(t.messageDelays, 0.95)));
    }

    private static void printFleet(AlertEvaluationResult r, PrintStream out) {
        long one = 0;
        long messages = 0;
        long paging = 0;
        long hosts = 0;
        List<Long> first = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        for (FleetFigures f : r.fleet) {
            one += f.oneFleetAlert ? 1 : 0;
            messages += f.messages;
            paging += f.pagingMessages;
            hosts += f.hosts.size();
            if (f.firstMessage >= 0) {
                first.add(Math.max(0, f.firstMessage - f.start));
            }
            if (f.allHostsMessage >= 0) {
                all.add(Math.max(0, f.allHostsMessage - f.start));
            }
        }
        out.printf(
                Locale.ROOT,
                "FLEET incidents=%d hosts_per_incident=%.2f as_one_fleet_alert=%d"
                        + " messages_per_fleet_incident=%.2f paging_per_fleet_incident=%.2f"
                        + " first_message_delay_p50/p95_s=%s all_hosts_message_delay_p50/p95_s=%s"
                        + " fleet_alerts_opened=%d of_them_without_a_labelled_fleet_incident=%d%n",
                r.fleet.size(),
                ratio(hosts, r.fleet.size()),
                one,
                ratio(messages, r.fleet.size()),
                ratio(paging, r.fleet.size()),
                delays(first, 0),
                delays(all, 0),
                r.fleetOpened,
                r.fleetOpenedFalse);
    }

    private static void row(PrintStream out, String name, IncidentFigures f, long interval) {
        out.printf(
                Locale.ROOT,
                "%-12s %9d %8d (%5.1f%%) %9d %9.2f %10.2f %16.2f %19s %19s%n",
                name,
                f.incidents,
                f.alerted,
                100.0 * ratio(f.alerted, f.incidents),
                f.recorded,
                ratio(f.messages, f.incidents),
                ratio(f.pagingMessages, f.incidents),
                ratio(f.resolves, f.alerted),
                delays(f.pageDelays, interval),
                delays(f.messageDelays, interval));
    }

    private static String delays(List<Long> ms, long interval) {
        if (ms.isEmpty()) {
            return "-";
        }
        long p50 = percentile(ms, 0.5);
        long p95 = percentile(ms, 0.95);
        return seconds(p50) + "/" + seconds(p95) + (interval > 0 ? " s" : "");
    }

    /** Nearest-rank percentile; -1 when there are no values. */
    public static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    static String seconds(long ms) {
        if (ms < 0) {
            return "-";
        }
        return ms % 1000 == 0
                ? Long.toString(ms / 1000)
                : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
