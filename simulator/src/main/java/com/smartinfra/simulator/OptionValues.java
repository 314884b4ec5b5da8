package com.smartinfra.simulator;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.HumanDuration;
import com.smartinfra.schema.SampleJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and checks single option values (numbers, durations, start time, files, host names, Kafka
 * bootstrap servers and topic); each failure is a {@link ConfigException} naming the setting.
 */
final class OptionValues {
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:(\\d{1,5})");

    private OptionValues() {}

    static long parseLong(String name, String v, long min, long max) throws ConfigException {
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            String range =
                    max == Long.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            throw new ConfigException(name + " must be " + range + ", was " + n);
        }
        return n;
    }

    static double parseDouble(String name, String v, double min, double max)
            throws ConfigException {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a number, was '" + v + "'");
        }
        if (!(d >= min && d <= max)) {
            String range =
                    min == Double.MIN_VALUE
                            ? "greater than 0 and at most " + fmt(max)
                            : "between " + fmt(min) + " and " + fmt(max);
            throw new ConfigException(name + " must be " + range + ", was " + v);
        }
        return d;
    }

    /** {@code 100} rather than {@code 100.0}. */
    static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** {@code 500ms}, {@code 3s}, {@code 1.5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT3S}. */
    static Duration parseDuration(String name, String v) throws ConfigException {
        Duration d;
        try {
            d = HumanDuration.parse(name, v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        if (d.toMillis() < 1) {
            throw new ConfigException(name + " must be at least 1ms, was '" + v + "'");
        }
        return d;
    }

    /** As {@link #parseDuration(String, String)}, at most {@code max} (written {@code maxText}). */
    static Duration parseDuration(String name, String v, Duration max, String maxText)
            throws ConfigException {
        Duration d = parseDuration(name, v);
        if (d.compareTo(max) > 0) {
            throw new ConfigException(name + " must be at most " + maxText + ", was " + v);
        }
        return d;
    }

    /** ISO-8601 instant; a time without zone or a bare date is taken as UTC. */
    static long parseStart(String v) throws ConfigException {
        long millis;
        try {
            millis = Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e1) {
            try {
                millis = OffsetDateTime.parse(v).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    millis = LocalDateTime.parse(v).toInstant(ZoneOffset.UTC).toEpochMilli();
                } catch (DateTimeParseException e3) {
                    try {
                        millis = LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                        millis *= 1000;
                    } catch (DateTimeParseException e4) {
                        throw new ConfigException(
                                "--start must be an ISO-8601 time like 2025-06-24T00:00:00Z, was '"
                                        + v
                                        + "'");
                    }
                }
            }
        }
        if (millis < SampleJson.MIN_TIMESTAMP || millis >= SampleJson.MAX_TIMESTAMP) {
            throw new ConfigException(
                    "--start must be between 2000-01-01 and 2100-01-01, was '" + v + "'");
        }
        return millis;
    }

    static String checkBootstrap(String name, String v) throws ConfigException {
        for (String part : v.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(part.trim());
            if (!m.matches()
                    || Integer.parseInt(m.group(1)) < 1
                    || Integer.parseInt(m.group(1)) > 65535) {
                throw new ConfigException(
                        name + " must be host:port[,host:port...], was '" + v + "'");
            }
        }
        return v;
    }

    static String checkTopic(String name, String v) throws ConfigException {
        if (!TOPIC.matcher(v).matches() || v.equals(".") || v.equals("..")) {
            throw new ConfigException(
                    name + " '" + v + "' is not a valid Kafka topic name ([A-Za-z0-9._-]{1,249})");
        }
        return v;
    }

    static Path readableFile(String name, String v) throws ConfigException {
        Path file = Path.of(v);
        if (v.isEmpty() || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(
                    name + " file '" + v + "' does not exist or is not a readable file");
        }
        return file;
    }

    static String hostName(String name, String v) throws ConfigException {
        if (!HostName.isValid(v)) {
            throw new ConfigException(
                    name
                            + " '"
                            + v
                            + "' is not a valid host name ("
                            + HostName.PATTERN.pattern()
                            + ")");
        }
        return v;
    }
}
