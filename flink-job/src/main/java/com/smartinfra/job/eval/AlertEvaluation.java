package com.smartinfra.job.eval;

import com.smartinfra.job.alert.AlertConfig;
import com.smartinfra.job.alert.AlertItem;
import com.smartinfra.job.alert.FleetIncidents;
import com.smartinfra.job.alert.FleetStage;
import com.smartinfra.job.alert.FleetState;
import com.smartinfra.job.alert.InProcessAlerting;
import com.smartinfra.job.alert.Notification;
import com.smartinfra.job.alert.NotificationKind;
import com.smartinfra.job.alert.Signal;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.Detector;
import com.smartinfra.job.detect.DetectorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * What an on-call engineer would get from a labelled stream: the simulator's samples go, in order
 * and in event time, through the job's {@link Detector} and the job's alert lifecycle ({@link
 * InProcessAlerting}, the same code as the Flink operator), and the notifications are scored
 * against the labels.
 *
 * <pre>
 * AlertEvaluation [--input FILE] [--set name=value]...
 * </pre>
 *
 * Reads standard input unless {@code --input} names a file. {@code --set} changes a detector
 * setting (as in {@link LabelledStreamEvaluation}) or, for names starting with {@code alert.}, an
 * alert setting of the job. The wall clock is the samples' time (a live replay).
 *
 * <ul>
 *   <li>An <b>incident</b> is a run of consecutive samples of one host labelled with the same
 *       injected kind.
 *   <li>An alert is <b>paged</b> when a notification of it is sent (not silenced, not a warning
 *       that is only recorded); its first such notification's time is when it paged. A paged alert
 *       belongs to the incident of its host whose span, widened by 1 min before and 2 min after,
 *       contains that time (the latest such incident to start); without one it is a <b>false
 *       alert</b>.
 *   <li>An incident is <b>alerted</b> when a paged alert of its host is firing during it (from its
 *       page to its resolve), <b>recorded</b> when any alert, paged or not, is.
 *   <li>A <b>message</b> is one notification with something to send (one Slack message); it
 *       <b>pages</b> when it sends a firing, repeat or flapping notification. A message belongs to
 *       the incident of its first sent notification that has one.
 *   <li><b>Delay</b>: from an incident's first sample to the first page of an alert that belongs to
 *       it (the detection), and to the message that carried it (plus the group wait).
 * </ul>
 *
 * Prints one line per injected kind and the total, then the false alerts, and last {@code ALERTS
 * incidents=… alerted=… messages_per_incident=… paging_per_incident=… false_per_host_day=…}.
 */
public final class AlertEvaluation {
    /** A page this long before an incident's first sample still belongs to it. */
    static final long BEFORE_MS = 60_000;

    /** A page this long after an incident's last sample still belongs to it. */
    static final long AFTER_MS = 120_000;

    /** The simulator's label of a correlated incident across hosts ({@code --fleet-every}). */
    static final String FLEET_KIND = "fleet";

    /** Host incidents of that kind starting this close together are one fleet incident. */
    static final long FLEET_SPREAD_MS = 60_000;

    private static final String ALERT_PREFIX = "alert.";
    private static final double DAY_MS = 86_400_000.0;

    private AlertEvaluation() {}

    /** One labelled incident and what the alerting made of it. */
    static final class Incident {
        final String host;
        final String kind;
        final long start;
        long end;
        int samples;
        boolean alerted;
        boolean recorded;
        int messages;
        int pagingMessages;
        int resolves;

        /** First page of an alert that belongs to it, and the time its message went out; -1. */
        long firstPage = -1;

        long firstMessage = -1;

        /** Indexes of the messages that carry a sent notification of an alert of it. */
        final Set<Integer> messageIndexes = new TreeSet<>();

        Incident(String host, String kind, long start) {
            this.host = host;
            this.kind = kind;
            this.start = start;
            this.end = start;
        }
    }

    /** One alert (host, cause, episode) as its notifications tell it. */
    static final class Alert {
        final String host;
        final String cause;
        final long since;

        /** First sent firing/repeat/flapping notification, and its message's time; -1: never. */
        long pagedAt = -1;

        long pagedMessageAt = -1;
        long resolvedAt = Long.MAX_VALUE;
        boolean flapping;
        Incident incident;

        Alert(String host, String cause, long since) {
            this.host = host;
            this.cause = cause;
            this.since = since;
        }

        boolean paged() {
            return pagedAt >= 0;
        }
    }

    /** Figures of one slice (an injected kind, or all). */
    static final class Figures {
        long incidents;
        long alerted;
        long recorded;
        long messages;
        long pagingMessages;
        long resolves;
        final List<Long> pageDelays = new ArrayList<>();
        final List<Long> messageDelays = new ArrayList<>();

        void add(Incident i) {
            incidents++;
            alerted += i.alerted ? 1 : 0;
            recorded += i.recorded ? 1 : 0;
            messages += i.messages;
            pagingMessages += i.pagingMessages;
            resolves += i.resolves;
            if (i.firstPage >= 0) {
                pageDelays.add(Math.max(0, i.firstPage - i.start));
                messageDelays.add(Math.max(0, i.firstMessage - i.start));
            }
        }
    }

    /** The outcome of one run. */
    static final class Result {
        final Map<String, Figures> byKind = new TreeMap<>();
        final Figures total = new Figures();
        final List<Incident> incidents = new ArrayList<>();
        final List<Alert> alerts = new ArrayList<>();
        long samples;
        int hosts;
        double hostDays;

        /** Time between two samples of a host (the smallest step seen). */
        long interval = Long.MAX_VALUE;

        /** Messages, and paging messages, that belong to no incident. */
        long falseMessages;

        long falsePagingMessages;

        /** Items sent, and items recorded without being sent. */
        long itemsSent;

        long itemsRecorded;

        final Map<String, Long> pagedByCause = new TreeMap<>();
        final Map<String, Long> falseByCause = new TreeMap<>();
        final Map<String, Long> unpagedByCause = new TreeMap<>();

        /** Correlated incidents of the simulator's fleet scenario, and what became of them. */
        final List<FleetFigures> fleet = new ArrayList<>();

        /** Fleet incidents the alerting opened, and of them those with no labelled one. */
        long fleetOpened;

        long fleetOpenedFalse;

        long falseAlerts() {
            long n = 0;
            for (Alert a : alerts) {
                n += a.paged() && a.incident == null ? 1 : 0;
            }
            return n;
        }

        long flappingAlerts() {
            long n = 0;
            for (Alert a : alerts) {
                n += a.flapping ? 1 : 0;
            }
            return n;
        }

        /** All messages (of incidents and false ones) per incident. */
        double messagesPerIncident() {
            return ratio(total.messages + falseMessages, total.incidents);
        }

        double pagingPerIncident() {
            return ratio(total.pagingMessages + falsePagingMessages, total.incidents);
        }

        double falsePerHostDay() {
            return hostDays == 0 ? 0 : falseAlerts() / hostDays;
        }
    }

    /** One labelled fleet incident: the host incidents of that kind starting together. */
    static final class FleetFigures {
        final long start;
        final List<Incident> hosts = new ArrayList<>();

        /** One fleet alert told every alerted host of it (and there was at least one). */
        boolean oneFleetAlert;

        int messages;
        int pagingMessages;

        /** Message times: the first one paging for any of its hosts, and for its last host. */
        long firstMessage = -1;

        long allHostsMessage = -1;

        FleetFigures(long start) {
            this.start = start;
        }
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.in, System.out));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("AlertEvaluation: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs with {@code args}; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out) throws IOException {
        EvalArgs opts = EvalArgs.parse(args, Set.of("--input", "--set"), usage());
        DetectorConfig detector =
                opts.applySettings(DetectorConfig.defaults().toBuilder(), ALERT_PREFIX).build();
        AlertConfig alert;
        try {
            alert = AlertConfig.fromMap(opts.settings(ALERT_PREFIX));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String input = opts.last("--input");
        Result r;
        if (input == null || input.equals("-")) {
            r = evaluate(stdin, detector, alert);
        } else {
            try (InputStream in = Files.newInputStream(Paths.get(input))) {
                r = evaluate(in, detector, alert);
            }
        }
        print(r, out);
        return 0;
    }

    /** Runs every sample of {@code in} through a fresh detector and alert lifecycle. */
    static Result evaluate(InputStream in, DetectorConfig detectorConfig, AlertConfig alertConfig)
            throws IOException {
        Detector detector = new Detector(detectorConfig);
        List<long[]> emittedAt = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        InProcessAlerting[] alerting = new InProcessAlerting[1];
        // the job's fleet stage after the lifecycle; its clock is the wall clock (sample time)
        FleetIncidents fleet = new FleetIncidents(alertConfig);
        FleetState fleetState = new FleetState();
        long[] fleetWake = {Long.MAX_VALUE};
        Consumer<Notification> atOnce =
                n -> {
                    notifications.add(n);
                    emittedAt.add(new long[] {alerting[0].watermark()});
                };
        long[] fleetNow = {Long.MIN_VALUE};
        Consumer<Notification> released =
                n -> {
                    notifications.add(n);
                    emittedAt.add(new long[] {fleetNow[0]});
                };
        alerting[0] =
                new InProcessAlerting(
                        alertConfig,
                        n ->
                                fleetWake[0] =
                                        fleet.onNotification(
                                                fleetState, n, alerting[0].now(), atOnce));
        Result r = new Result();
        Map<String, Incident> open = new HashMap<>();
        Map<String, long[]> span = new LinkedHashMap<>();
        long[] tick = {Long.MIN_VALUE};
        r.samples =
                LabelledSamples.forEach(
                        in,
                        s -> {
                            long t = s.timestamp;
                            try {
                                if (t >= fleetWake[0]) {
                                    fleetNow[0] = t;
                                    fleetWake[0] = fleet.onTime(fleetState, t, released);
                                }
                                if (t > tick[0]) {
                                    // every sample before t has arrived (the simulator's order)
                                    if (tick[0] != Long.MIN_VALUE) {
                                        alerting[0].advanceWatermark(tick[0], t);
                                    }
                                    tick[0] = t;
                                }
                                alerting[0].signal(Signal.of(s), t);
                                Anomaly a = detector.process(s);
                                if (a != null) {
                                    alerting[0].signal(Signal.of(a), t);
                                }
                            } catch (IOException | RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            long[] hs = span.get(s.host);
                            if (hs == null) {
                                span.put(s.host, new long[] {t, t});
                            } else {
                                if (t > hs[1]) {
                                    r.interval = Math.min(r.interval, t - hs[1]);
                                }
                                hs[1] = Math.max(hs[1], t);
                            }
                            Incident i = open.get(s.host);
                            if (i != null && !i.kind.equals(s.injected)) {
                                open.remove(s.host);
                                i = null;
                            }
                            if (s.injected != null) {
                                if (i == null) {
                                    i = new Incident(s.host, s.injected, t);
                                    open.put(s.host, i);
                                    r.incidents.add(i);
                                }
                                i.end = t;
                                i.samples++;
                            }
                        });
        try {
            alerting[0].advanceWatermark(Long.MAX_VALUE, tick[0]);
            // what the fleet stage still holds goes out after its wait
            fleetNow[0] = tick[0] + alertConfig.fleetWait.toMillis();
            fleet.onTime(fleetState, fleetNow[0], released);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (r.interval == Long.MAX_VALUE) {
            r.interval = 0;
        }
        r.hosts = span.size();
        for (long[] hs : span.values()) {
            r.hostDays += (hs[1] - hs[0] + r.interval) / DAY_MS;
        }
        score(r, notifications, emittedAt);
        return r;
    }

    /** Matches notifications with incidents and fills the figures. */
    private static void score(Result r, List<Notification> ns, List<long[]> emittedAt) {
        Map<String, List<Incident>> incidentsByHost = new HashMap<>();
        for (Incident i : r.incidents) {
            incidentsByHost.computeIfAbsent(i.host, h -> new ArrayList<>()).add(i);
        }
        // alerts, in the order their notifications were made
        Map<String, Alert> alerts = new LinkedHashMap<>();
        for (int k = 0; k < ns.size(); k++) {
            long at = emittedAt.get(k)[0];
            for (AlertItem item : ns.get(k).items) {
                Alert a =
                        alerts.computeIfAbsent(
                                item.alertId(), id -> new Alert(item.host, item.cause, item.since));
                boolean sent = sent(item);
                if (sent) {
                    r.itemsSent++;
                } else {
                    r.itemsRecorded++;
                }
                if (item.kind == NotificationKind.RESOLVED) {
                    a.resolvedAt = Math.min(a.resolvedAt, item.time);
                } else if (sent && a.pagedAt < 0) {
                    a.pagedAt = item.time;
                    a.pagedMessageAt = Math.max(at, item.time);
                }
                a.flapping |= sent && item.flapping;
            }
        }
        r.alerts.addAll(alerts.values());
        for (Alert a : r.alerts) {
            if (a.paged()) {
                a.incident = incidentAt(incidentsByHost.get(a.host), a.pagedAt);
                r.pagedByCause.merge(a.cause, 1L, Long::sum);
                if (a.incident == null) {
                    r.falseByCause.merge(a.cause, 1L, Long::sum);
                } else if (a.incident.firstPage < 0 || a.pagedAt < a.incident.firstPage) {
                    a.incident.firstPage = a.pagedAt;
                    a.incident.firstMessage = a.pagedMessageAt;
                }
            } else {
                r.unpagedByCause.merge(a.cause, 1L, Long::sum);
            }
        }
        // alerted: a paged alert of the host is firing during the incident
        Map<String, List<Alert>> alertsByHost = new HashMap<>();
        for (Alert a : r.alerts) {
            alertsByHost.computeIfAbsent(a.host, h -> new ArrayList<>()).add(a);
        }
        for (Incident i : r.incidents) {
            for (Alert a : alertsByHost.getOrDefault(i.host, List.of())) {
                if (a.resolvedAt > i.start && a.since <= i.end) {
                    i.recorded = true;
                    if (a.paged() && a.pagedAt <= i.end) {
                        i.alerted = true;
                        break;
                    }
                }
            }
        }
        // messages and resolves
        for (int k = 0; k < ns.size(); k++) {
            Notification n = ns.get(k);
            Incident owner = null;
            boolean any = false;
            boolean pages = false;
            for (AlertItem item : n.items) {
                if (!sent(item)) {
                    continue;
                }
                any = true;
                pages |= item.kind != NotificationKind.RESOLVED;
                Incident of = alerts.get(item.alertId()).incident;
                if (of != null) {
                    of.messageIndexes.add(k);
                }
                if (owner == null) {
                    owner = of;
                }
                if (item.kind == NotificationKind.RESOLVED && of != null) {
                    of.resolves++;
                }
            }
            if (!any) {
                continue;
            }
            if (owner == null) {
                r.falseMessages++;
                r.falsePagingMessages += pages ? 1 : 0;
            } else {
                owner.messages++;
                owner.pagingMessages += pages ? 1 : 0;
            }
        }
        for (Incident i : r.incidents) {
            r.byKind.computeIfAbsent(i.kind, k -> new Figures()).add(i);
            r.total.add(i);
        }
        scoreFleet(r, ns, emittedAt);
    }

    /**
     * Groups the host incidents labelled {@value #FLEET_KIND} that start within {@link
     * #FLEET_SPREAD_MS} of each other into fleet incidents, and counts their messages.
     */
    private static void scoreFleet(Result r, List<Notification> ns, List<long[]> emittedAt) {
        List<Incident> fleetHosts = new ArrayList<>();
        for (Incident i : r.incidents) {
            if (FLEET_KIND.equals(i.kind)) {
                fleetHosts.add(i);
            }
        }
        fleetHosts.sort((a, b) -> Long.compare(a.start, b.start));
        FleetFigures current = null;
        for (Incident i : fleetHosts) {
            if (current == null || i.start - current.start > FLEET_SPREAD_MS) {
                current = new FleetFigures(i.start);
                r.fleet.add(current);
            }
            current.hosts.add(i);
        }
        Set<String> labelledFleetIds = new TreeSet<>();
        for (FleetFigures f : r.fleet) {
            Set<Integer> messages = new TreeSet<>();
            Set<String> fleetIds = new TreeSet<>();
            boolean everyHostByFleet = true;
            int alerted = 0;
            long last = -1;
            for (Incident i : f.hosts) {
                messages.addAll(i.messageIndexes);
                if (!i.alerted) {
                    continue;
                }
                alerted++;
                last = Math.max(last, i.firstMessage);
                String fleetId = null;
                for (int k : i.messageIndexes) {
                    if (ns.get(k).fleetIncident != null) {
                        fleetId = ns.get(k).fleetIncident;
                        break;
                    }
                }
                everyHostByFleet &= fleetId != null;
                if (fleetId != null) {
                    fleetIds.add(fleetId);
                }
            }
            labelledFleetIds.addAll(fleetIds);
            f.oneFleetAlert = alerted > 0 && everyHostByFleet && fleetIds.size() == 1;
            for (int k : messages) {
                Notification n = ns.get(k);
                f.messages++;
                boolean pages = false;
                for (AlertItem item : n.items) {
                    pages |= item.sent() && item.kind != NotificationKind.RESOLVED;
                }
                if (pages) {
                    f.pagingMessages++;
                    long at = emittedAt.get(k)[0];
                    f.firstMessage = f.firstMessage < 0 ? at : Math.min(f.firstMessage, at);
                }
            }
            f.allHostsMessage = last;
        }
        Set<String> opened = new TreeSet<>();
        for (Notification n : ns) {
            if (n.fleetStage == FleetStage.OPENED) {
                opened.add(n.fleetIncident);
            }
        }
        r.fleetOpened = opened.size();
        opened.removeAll(labelledFleetIds);
        r.fleetOpenedFalse = opened.size();
    }

    /** Sent to Slack rather than only recorded (silenced, or a warning). */
    private static boolean sent(AlertItem i) {
        return i.sent();
    }

    /**
     * The incident of a host that a page at {@code t} belongs to: the latest one to start whose
     * widened span contains {@code t}, or null.
     */
    static Incident incidentAt(List<Incident> incidents, long t) {
        if (incidents == null) {
            return null;
        }
        Incident started = null;
        Incident upcoming = null;
        for (Incident i : incidents) {
            if (t < i.start - BEFORE_MS || t > i.end + AFTER_MS) {
                continue;
            }
            if (i.start <= t) {
                if (started == null || i.start > started.start) {
                    started = i;
                }
            } else if (upcoming == null || i.start < upcoming.start) {
                upcoming = i;
            }
        }
        return started != null ? started : upcoming;
    }

    private static void print(Result r, PrintStream out) {
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
        for (Map.Entry<String, Figures> e : r.byKind.entrySet()) {
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
        Figures t = r.total;
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

    private static void printFleet(Result r, PrintStream out) {
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

    private static void row(PrintStream out, String name, Figures f, long interval) {
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
    static long percentile(List<Long> values, double q) {
        if (values.isEmpty()) {
            return -1;
        }
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    private static String seconds(long ms) {
        if (ms < 0) {
            return "-";
        }
        return ms % 1000 == 0
                ? Long.toString(ms / 1000)
                : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static String usage() {
        return "usage: AlertEvaluation [--input FILE] [--set name=value]...";
    }
}
