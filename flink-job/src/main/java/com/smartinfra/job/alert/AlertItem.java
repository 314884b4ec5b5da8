package com.smartinfra.job.alert;

/**
 * One notification about one alert: a line of a Slack message and one point of the InfluxDB
 * measurement {@code alerts}. A Flink POJO.
 *
 * <p>{@link #id()} is deterministic ({@code host|cause|episodeStart|sequence}): the same input and
 * state give the same id, so a notification repeated after a restore from a checkpoint carries the
 * id it had the first time.
 */
public final class AlertItem {
    public String host;
    public String cause;
    public NotificationKind kind;
    public String severity;

    /** When this notification happened: event time for metric causes, wall clock for no-data. */
    public long time;

    /** When the episode started firing. */
    public long since;

    public int sequence;
    public boolean flapping;

    /** Recorded but not sent: silenced, or a resolve of an alert that was never announced. */
    public boolean silenced;

    /**
     * Recorded but not sent because it is a warning: a model alert that is not (yet) strong,
     * persistent or backed by a rule, or whose host's model is still learning.
     */
    public boolean warning;

    /**
     * Sent before in a host's own message and listed again in a fleet message for context: shown as
     * "ALREADY FIRING", never reported again (its own message's delivery is its record).
     */
    public boolean relisted;

    /** The rule as the detector named it ({@code cpu>85}), {@code model} or {@code nodata}. */
    public String rule;

    public double value = Double.NaN;
    public double threshold = Double.NaN;
    public double score = Double.NaN;
    public int modelVersion;
    public String explanation;

    /** The metrics of the sample behind this notification (NaN when unknown). */
    public double cpu = Double.NaN;

    public double memory = Double.NaN;
    public double disk = Double.NaN;

    public AlertItem() {}

    /** Goes to Slack: neither silenced nor a warning that is only recorded. */
    public boolean sent() {
        return !silenced && !warning;
    }

    /** The alert's identity: one per episode of one cause on one host. */
    public String alertId() {
        return host + "|" + cause + "|" + since;
    }

    /** This notification's id: the alert id and the episode's sequence number. */
    public String id() {
        return alertId() + "|" + sequence;
    }

    @Override
    public String toString() {
        return kind + (silenced ? " (silenced) " : warning ? " (warning) " : " ") + id();
    }
}
