package com.smartinfra.api.stats;

import com.smartinfra.schema.InfluxSchema;

/**
 * One {@code host_stats} point: the statistics of one host's samples in one window. {@code values}
 * holds {@code [metric][statistic]} in the order of {@link InfluxSchema#STATS_METRICS} and {@link
 * InfluxSchema#STATISTICS}, NaN where the point lacks a field; {@code endMs} is -1 when the window
 * label is not a length.
 */
public record WindowStats(
        String host, String window, long startMs, long endMs, long count, double[][] values) {}
