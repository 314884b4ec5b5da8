package com.smartinfra.job.alert;

/**
 * The state of one alert (one host and one cause), kept in keyed state. A Flink POJO: every field
 * is public with a default, so the state can grow new fields later (POJO schema evolution).
 *
 * <p>Two layers: {@link #phase} is the raw state machine (OK → PENDING → FIRING → OK), and {@link
 * #presentedFiring} is what people were told. They differ while the alert is flapping: the raw
 * state keeps flipping, the presented state is held firing.
 */
public final class AlertState {
    public String cause;
    public AlertPhase phase = AlertPhase.OK;

    /** Start of the current breach while PENDING, else -1. */
    public long pendingSince = -1;

    /** Start of the current run of normal observations while FIRING, else -1. */
    public long normalSince = -1;

    /** Times of the most recent raw fire/resolve transitions, oldest first. */
    public long[] flips = new long[0];

    public boolean flapping;

    /** Event time of the first sample of the current run of breaches, or -1 (not breaching). */
    public long breachSince = -1;

    /**
     * Event time of the first sample of the current run of strong model breaches (severity at least
     * {@code alert.model.page-severity}), or -1.
     */
    public long strongSince = -1;

    /** A FIRING notification was made for the open episode and no RESOLVED yet. */
    public boolean presentedFiring;

    /** When the open (or last) presented episode started: part of the alert id. */
    public long episodeStart = -1;

    /** How many notifications the open (or last) episode has had: the id's sequence. */
    public int sequence;

    /** Time of the last FIRING/REPEAT/FLAPPING notification, or -1. */
    public long lastNotifiedAt = -1;

    /** An unsilenced FIRING/REPEAT/FLAPPING notification of this episode went out. */
    public boolean announced;

    // the latest breach, for the message
    public long lastBreachAt = -1;
    public String rule;
    public double value = Double.NaN;
    public double threshold = Double.NaN;
    public double score = Double.NaN;
    public int modelVersion;
    public String explanation;

    public AlertState() {}

    public AlertState(String cause) {
        this.cause = cause;
    }

    /** True when nothing is going on: the state can be dropped. */
    boolean idle() {
        return phase == AlertPhase.OK && !presentedFiring && !flapping && flips.length == 0;
    }
}
