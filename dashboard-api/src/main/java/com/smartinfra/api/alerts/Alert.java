package com.smartinfra.api.alerts;

/**
 * One stored alert notification as the API answers it, one component per column the job writes
 * ({@code InfluxSchema.appendAlert}). Texts and booleans are null, numbers NaN and integers -1 when
 * the point lacks them.
 */
public record Alert(
        long timestamp,
        String host,
        String cause,
        String id,
        String messageId,
        String kind,
        String state,
        String severity,
        String status,
        Boolean delivered,
        Boolean silenced,
        Boolean flapping,
        long attempts,
        long since,
        double value,
        double threshold,
        double score,
        String explanation) {}
