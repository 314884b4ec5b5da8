package com.smartinfra.api.fleet;

/**
 * An alert firing now: the newest notification of its host and cause says {@code firing}. Its
 * {@code severity} is the job's ({@code critical}, {@code warning}).
 */
public record FiringAlert(
        String host, String cause, String severity, long sinceMs, boolean flapping) {}
