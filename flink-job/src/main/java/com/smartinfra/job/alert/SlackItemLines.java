package com.smartinfra.job.alert;

import java.util.Locale;

/** The one-line forms of a notification in a Slack message: in full, and short. */
final class SlackItemLines {
    private SlackItemLines() {}

    /** One line per notification in the plain text. */
    static String itemTextLine(AlertItem i) {
        return head(i)
                + ": "
                + (i.explanation == null || i.explanation.isBlank()
                        ? ""
                        : SlackText.fit(i.explanation, SlackMessageRenderer.MAX_EXPLANATION)
                                + " | ")
                + SlackMessageRenderer.valuesLine(i)
                + " | id "
                + i.id();
    }

    /** The short line of a notification that no longer fits in full: state, host, cause, id. */
    static String itemBriefLine(AlertItem i) {
        return head(i) + " | id " + i.id();
    }

    /** Severity, state, host and cause: {@code CRITICAL RESOLVED web-01 cpu}. */
    private static String head(AlertItem i) {
        return i.severity.toUpperCase(Locale.ROOT)
                + " "
                + stateLabel(i)
                + " "
                + i.host
                + " "
                + i.cause
                + (i.flapping ? " (flapping)" : "");
    }

    static String stateLabel(AlertItem i) {
        if (i.relisted) {
            return "ALREADY FIRING"; // paged in its own message before the fleet one
        }
        switch (i.kind) {
            case REPEAT:
                return "STILL FIRING";
            case FLAPPING:
                return "FLAPPING";
            case RESOLVED:
                return "RESOLVED";
            default:
                return "FIRING";
        }
    }
}
