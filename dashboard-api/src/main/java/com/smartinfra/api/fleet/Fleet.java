package com.smartinfra.api.fleet;

import java.util.List;

/**
 * The {@code GET /fleet} answer: where to look first, host-metric pairs and hosts, worst first.
 * Rates are NaN without samples; {@code learning} is null when unknown.
 */
public record Fleet(long asOfMs, List<MetricEntry> metrics, List<HostEntry> hosts) {
    /** One metric of one host. */
    public record MetricEntry(
            String host,
            String metric,
            Severity severity,
            boolean firing,
            long anomalies15m,
            long samples15m,
            double rate15m,
            double rate1m,
            double rate24h) {}

    /** One host. */
    public record HostEntry(
            String host,
            Severity severity,
            List<String> firing,
            long anomalies15m,
            long samples15m,
            double rate15m,
            double rate1m,
            double rate24h,
            String topMetric,
            Boolean learning,
            long learningLeftMs,
            long learningSamplesLeft) {}
}
