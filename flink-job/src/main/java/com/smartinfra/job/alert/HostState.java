package com.smartinfra.job.alert;

/** Per-host bookkeeping of the lifecycle operator, in keyed state. A Flink POJO. */
public final class HostState {
    /** Event time of the first sample seen of this host (how long its model has learned), or -1. */
    public long firstSampleTime = -1;

    /** Event time and metrics of the newest sample. */
    public long lastSampleTime = -1;

    public double cpu = Double.NaN;
    public double memory = Double.NaN;
    public double disk = Double.NaN;

    /** Processing time at which the last sample or anomaly of this host arrived. */
    public long lastArrival = -1;

    /** The pending processing-time timer of the no-data check, or -1. */
    public long deadmanTimer = -1;

    /** Event time at which the open group of notifications goes out, or -1 (no open group). */
    public long groupFlushAt = -1;

    /** Processing time at which the open group goes out even if event time stalls, or -1. */
    public long groupFallbackAt = -1;

    /** Messages sent for this host so far: the message ids' counter. */
    public long messages;

    /**
     * The event times of the pending ticks, ascending ({@link PendingTimes}: a buffer, the queue
     * from {@link #pendingFirst}, {@link #pendingCount} long), so that one event-time timer (at the
     * oldest) serves the host instead of one per tick, which a host far ahead of the watermark (a
     * catch-up, a reader ahead of the others) turned into thousands in Flink's timer queue. Null:
     * not built yet (a new host, or state written before this field), built from the pending ticks
     * on first use.
     */
    public long[] pendingTimes;

    public int pendingFirst;
    public int pendingCount;

    public HostState() {}
}
