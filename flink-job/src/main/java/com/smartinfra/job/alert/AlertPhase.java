package com.smartinfra.job.alert;

/** The raw state of one alert; a resolve is the transition FIRING → OK. */
public enum AlertPhase {
    /** Normal (or never seen breaching). */
    OK,
    /** Breaching, but not yet for the minimum duration. */
    PENDING,
    /** Breaching long enough; stays until normal for the resolve hysteresis. */
    FIRING
}
