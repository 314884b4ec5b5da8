package com.smartinfra.job.alert;

/**
 * What the {@link AlertLifecycle} needs of one host while it handles an input or a timer: that
 * host's state, its timers, the silences and where notifications go. The Flink function implements
 * it over keyed state, timers and broadcast state; {@link InProcessAlerting} over maps and queues.
 * The methods may throw because Flink's state access may.
 */
public interface HostAlerts {
    /** The host (the key). */
    String host();

    /** The host's bookkeeping, or null when there is none (a new or forgotten host). */
    HostState hostState() throws Exception;

    void updateHostState(HostState h) throws Exception;

    /** The alert of one cause, or null. */
    AlertState alert(String cause) throws Exception;

    void putAlert(String cause, AlertState s) throws Exception;

    void removeAlert(String cause) throws Exception;

    /** The causes that have an alert state. */
    Iterable<String> causes() throws Exception;

    /** What arrived for event time {@code t} and waits for the watermark, or null. */
    PendingTick pending(long t) throws Exception;

    void putPending(long t, PendingTick tick) throws Exception;

    void removePending(long t) throws Exception;

    /** The event times that have something waiting. */
    Iterable<Long> pendingTimes() throws Exception;

    /** The notifications waiting to go out together. */
    Iterable<AlertItem> group() throws Exception;

    void addToGroup(AlertItem item) throws Exception;

    void clearGroup() throws Exception;

    /** Drops every piece of this host's state. */
    void forget() throws Exception;

    /** The current event time (watermark). */
    long watermark();

    /** Calls {@link AlertLifecycle#onEventTime} once the watermark reaches {@code t}. */
    void atEventTime(long t);

    /** Calls {@link AlertLifecycle#onProcessingTime} once the wall clock reaches {@code t}. */
    void atProcessingTime(long t);

    /** Whether a silence covers {@code cause} of this host at wall-clock time {@code now}. */
    boolean silenced(String cause, long now) throws Exception;

    /** Sends a message out of the lifecycle. */
    void emit(Notification n);
}
