package com.smartinfra.job.alert;

/** Which message of a fleet incident a {@link Notification} is. */
public enum FleetStage {
    /** The first message: the hosts that turned anomalous together, each with its alerts. */
    OPENED,
    /** More hosts joined, or member hosts fired new alerts. */
    UPDATE,
    /** Every alert of every member host has resolved. */
    RESOLVED
}
