package com.smartinfra.api.silences;

/**
 * A validated {@code POST /silences} body: {@code host} is a host name or {@code *}, {@code cause}
 * null for every cause, {@code untilMs} in epoch milliseconds, {@code comment} null when absent.
 */
public record SilenceRequest(String host, String cause, long untilMs, String comment) {}
