package com.smartinfra.api.anomalies;

/**
 * One stored anomaly as the API answers it. Numbers are NaN and texts null when the point lacks
 * them; {@code modelVersion} is -1 then.
 */
public record Anomaly(
        String host,
        long timestamp,
        double cpu,
        double memory,
        double disk,
        String reason,
        double score,
        double threshold,
        long modelVersion,
        String explanation) {}
