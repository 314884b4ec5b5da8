package com.smartinfra.job.eval;

import java.util.ArrayList;
import java.util.List;

/** Tallies of the labelled incidents of one slice (an injected kind, or all). */
final class IncidentFigures {
    long incidents;
    long alerted;
    long recorded;
    long messages;
    long pagingMessages;
    long resolves;
    final List<Long> pageDelays = new ArrayList<>();
    final List<Long> messageDelays = new ArrayList<>();

    void add(LabelledIncident i) {
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
