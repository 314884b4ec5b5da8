package com.smartinfra.api.http;

/**
 * A validated time window {@code [sinceMs, untilMs)} in epoch milliseconds, from the query string.
 */
public record TimeWindow(long sinceMs, long untilMs) {}
