package com.smartinfra.job.eval;

import com.smartinfra.job.alert.AlertItem;
import com.smartinfra.job.alert.FleetStage;
import com.smartinfra.job.alert.Notification;
import com.smartinfra.job.alert.NotificationKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches the notifications of an {@link AlertEvaluation} run with the labelled incidents (see
 * there for the rules) and fills the tallies of its {@link AlertEvaluationResult}.
 */
final class IncidentMatching {
    /** A page this long before an incident's first sample still belongs to it. */
    static final long BEFORE_MS = 60_000;

    /** A page this long after an incident's last sample still belongs to it. */
    static final long AFTER_MS = 120_000;

    /** The simulator's label of a correlated incident across hosts ({@code --fleet-every}). */
    static final String FLEET_KIND = "fleet";

    /** Host incidents of that kind starting this close together are one fleet incident. */
    static final long FLEET_SPREAD_MS = 60_000;

    private IncidentMatching() {}

    /** Matches notifications with incidents and fills the figures. */
    static void score(AlertEvaluationResult r, List<Notification> ns, List<long[]> emittedAt) {
        Map<String, List<LabelledIncident>> incidentsByHost = new HashMap<>();
        for (LabelledIncident i : r.incidents) {
            incidentsByHost.computeIfAbsent(i.host, h -> new ArrayList<>()).add(i);
        }
        // alerts, in the order their notifications were made
        Map<String, NotifiedAlert> alerts = new LinkedHashMap<>();
        for (int k = 0; k < ns.size(); k++) {
            long at = emittedAt.get(k)[0];
            for (AlertItem item : ns.get(k).items) {
                NotifiedAlert a =
                        alerts.computeIfAbsent(
                                item.alertId(),
                                id -> new NotifiedAlert(item.host, item.cause, item.since));
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
        for (NotifiedAlert a : r.alerts) {
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
        Map<String, List<NotifiedAlert>> alertsByHost = new HashMap<>();
        for (NotifiedAlert a : r.alerts) {
            alertsByHost.computeIfAbsent(a.host, h -> new ArrayList<>()).add(a);
        }
        for (LabelledIncident i : r.incidents) {
            for (NotifiedAlert a : alertsByHost.getOrDefault(i.host, List.of())) {
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
            LabelledIncident owner = null;
            boolean any = false;
            boolean pages = false;
            for (AlertItem item : n.items) {
                if (!sent(item)) {
                    continue;
                }
                any = true;
                pages |= item.kind != NotificationKind.RESOLVED;
                LabelledIncident of = alerts.get(item.alertId()).incident;
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
        for (LabelledIncident i : r.incidents) {
            r.byKind.computeIfAbsent(i.kind, k -> new IncidentFigures()).add(i);
            r.total.add(i);
        }
        scoreFleet(r, ns, emittedAt);
    }

    /**
     * Groups the host incidents labelled {@value #FLEET_KIND} that start within {@link
     * #FLEET_SPREAD_MS} of each other into fleet incidents, and counts their messages.
     */
    private static void scoreFleet(
            AlertEvaluationResult r, List<Notification> ns, List<long[]> emittedAt) {
        List<LabelledIncident> fleetHosts = new ArrayList<>();
        for (LabelledIncident i : r.incidents) {
            if (FLEET_KIND.equals(i.kind)) {
                fleetHosts.add(i);
            }
        }
        fleetHosts.sort((a, b) -> Long.compare(a.start, b.start));
        FleetFigures current = null;
        for (LabelledIncident i : fleetHosts) {
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
            for (LabelledIncident i : f.hosts) {
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
    static LabelledIncident incidentAt(List<LabelledIncident> incidents, long t) {
        if (incidents == null) {
            return null;
        }
        LabelledIncident started = null;
        LabelledIncident upcoming = null;
        for (LabelledIncident i : incidents) {
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
}
