package com.smartinfra.api.hosts;

/**
 * One host on the overview: its newest sample, its state and its recent anomalies. {@code
 * lastAnomalyMs} is -1 when it had none in the last hour.
 */
public record HostSummary(
        String host,
        long lastSeenMs,
        double cpu,
        double memory,
        double disk,
        HostState state,
        long anomaliesLastHour,
        long lastAnomalyMs) {}
