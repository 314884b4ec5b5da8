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
     * No pending tick is older than this event time (a lower bound, so that the watermark's timer
     * judges its own tick without scanning every pending one). 0, as state written before this
     * field restores, is below every sample's time: the next timer scans once.
     */
    public long pendingFloor;

    public HostState() {}
}
