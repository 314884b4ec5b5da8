package com.smartinfra.job.alert;

/** Why a notification about one alert is written. */
public enum NotificationKind {
    /** The alert started firing (or is first announced after a silence ended). */
    FIRING,
    /** Still firing after the repeat interval. */
    REPEAT,
    /** Changing state too often: held firing, further flips not notified until it settles. */
    FLAPPING,
    /** Back to normal. */
    RESOLVED;

    /** Lower case, as written to InfluxDB and shown in messages. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the alert is firing after this notification. */
    public boolean firing() {
        return this != RESOLVED;
    }
}
