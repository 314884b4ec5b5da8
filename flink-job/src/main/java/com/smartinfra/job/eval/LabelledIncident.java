package com.smartinfra.job.eval;

import java.util.Set;
import java.util.TreeSet;

/**
 * One labelled incident (a run of consecutive samples of one host labelled with the same injected
 * kind) and what the alerting made of it.
 */
final class LabelledIncident {
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

    LabelledIncident(String host, String kind, long start) {
        this.host = host;
        this.kind = kind;
        this.start = start;
        this.end = start;
    }
}
