package com.smartinfra.api.fleet;

import java.util.Locale;

/** How bad a host or one of its metrics is now, worst last (the order ranks). */
public enum Severity {
    NONE,
    WARNING,
    CRITICAL;

    /** An alert's severity; any value but {@code critical} is taken as a warning. */
    public static Severity ofAlert(String severity) {
        return "critical".equals(severity) ? CRITICAL : WARNING;
    }

    public Severity worst(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The name in JSON: {@code critical}, {@code warning}, or null for none. */
    public String json() {
        return this == NONE ? null : name().toLowerCase(Locale.ROOT);
    }
}
