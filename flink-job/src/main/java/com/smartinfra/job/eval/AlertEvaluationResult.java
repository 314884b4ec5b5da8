package com.smartinfra.job.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of one {@link AlertEvaluation} run: per-kind, total and fleet tallies. */
final class AlertEvaluationResult {
    final Map<String, IncidentFigures> byKind = new TreeMap<>();
    final IncidentFigures total = new IncidentFigures();
    final List<LabelledIncident> incidents = new ArrayList<>();
    final List<NotifiedAlert> alerts = new ArrayList<>();
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
        for (NotifiedAlert a : alerts) {
            n += a.paged() && a.incident == null ? 1 : 0;
        }
        return n;
    }

    long flappingAlerts() {
        long n = 0;
        for (NotifiedAlert a : alerts) {
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

    static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
