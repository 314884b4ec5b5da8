package com.smartinfra.simulator;

import java.util.Map;

/**
 * What one run did.
 *
 * @param emitted samples handed to the sink
 * @param anomalous of those, samples carrying an injected-anomaly label
 * @param anomaliesByKind anomalous samples per label
 * @param delivered samples the sink confirmed (Kafka acknowledgements; lines written)
 * @param failed samples the sink could not deliver
 * @param stopped true when a stop request (SIGTERM) ended the run
 */
public record RunStats(
        long emitted,
        long anomalous,
        Map<String, Long> anomaliesByKind,
        long delivered,
        long failed,
        boolean stopped) {}
