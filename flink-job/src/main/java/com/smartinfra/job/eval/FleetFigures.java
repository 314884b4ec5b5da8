package com.smartinfra.job.eval;

import java.util.ArrayList;
import java.util.List;

/** One labelled fleet incident: the host incidents of that kind starting together. */
final class FleetFigures {
    final long start;
    final List<LabelledIncident> hosts = new ArrayList<>();

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
