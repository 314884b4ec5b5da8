package com.smartinfra.job.alert;

/**
 * One Slack message: the notifications of one host grouped within {@code alert.group-wait}. A Flink
 * POJO, kept in the delivery outbox until Slack accepted it.
 */
public final class Notification {
    /** {@code host#n}, n counting this host's messages: deterministic like the item ids. */
    public String id;

    public String host;

    /** Time of the latest item. */
    public long time;

    /**
     * The event time at which the lifecycle sent it: the watermark that closed its group. -1 when
     * the wall clock sent it (the no-data check, or a group whose event time stalled). The fleet
     * stage decides on this time, so a replay after a restore decides as the first run did.
     */
    public long decidedAt = -1;

    /** The host's latest sample (NaN before the first one), for the message's metrics line. */
    public long sampleTime = -1;

    public double cpu = Double.NaN;
    public double memory = Double.NaN;
    public double disk = Double.NaN;

    public AlertItem[] items = new AlertItem[0];

    /** On a fleet message ({@link FleetIncidents}): the incident's id; null on a host's message. */
    public String fleetIncident;

    public FleetStage fleetStage;

    /** On a fleet message: every host of the incident, in the order they joined. */
    public String[] fleetHosts = new String[0];

    public Notification() {}

    /** True when at least one item is to be sent rather than only recorded. */
    public boolean sendable() {
        for (AlertItem i : items) {
            if (i.sent()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return id + java.util.Arrays.toString(items);
    }
}
