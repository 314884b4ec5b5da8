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
     * No late tick (one that arrived behind the watermark, so its timer is not at its own time) is
     * pending below this event time: while the watermark's timers stay below it they judge only
     * their own tick, without scanning every pending one. {@code Long.MAX_VALUE}: none. 0, as a new
     * host and state written before this field start, makes the next timer scan once.
     */
    public long pendingFloor;

    public HostState() {}
}
