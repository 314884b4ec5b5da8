package com.smartinfra.job.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Typed reads of string settings, each failure one sentence naming the setting. Every typed
 * configuration class of the job ({@link JobConfig}, and the feature sections it composes) reads
 * through this one class, so a setting is parsed and reported the same way everywhere.
 */
public final class Settings {
    private static final String FLINK_PREFIX = "smartinfra.";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    /**
     * The defaults overlaid with {@code given}. Keys may carry Flink's {@code smartinfra.} prefix;
     * a key not among the defaults is refused, so a typo cannot fall back to a default.
     *
     * @param what how the known keys are named in the error, e.g. "known settings"
     */
    public static Settings of(
            Map<String, String> defaults, Map<String, String> given, String what) {
        Map<String, String> s = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = unprefixed(e.getKey());
            if (!defaults.containsKey(key)) {
                throw new InvalidConfigurationException(
                        "Unknown setting '"
                                + e.getKey()
                                + "'; "
                                + what
                                + ": "
                                + String.join(", ", new TreeMap<>(defaults).keySet())
                                + ".");
            }
            s.put(key, e.getValue() == null ? null : e.getValue().strip());
        }
        return new Settings(s);
    }

    /** A key without Flink's {@code smartinfra.} prefix. */
    public static String unprefixed(String key) {
        return key.startsWith(FLINK_PREFIX) ? key.substring(FLINK_PREFIX.length()) : key;
    }

    /** The raw value, or null when unset or blank. */
    public String optional(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? null : v;
    }

    public String required(String key, String example) {
        String v = optional(key);
        if (v == null) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' is required (" + example + ").");
        }
        return v;
    }

    public String text(String key) {
        String v = optional(key);
        if (v == null) {
            throw new InvalidConfigurationException("Setting '" + key + "' must not be empty.");
        }
        return v;
    }

    public boolean bool(String key) {
        String v = text(key).toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new InvalidConfigurationException(
                "Setting '" + key + "' must be true or false, was '" + v + "'.");
    }

    public int integer(String key) {
        String v = text(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be an integer, was '" + v + "'.");
        }
    }

    public int positiveInt(String key) {
        int n = integer(key);
        if (n <= 0) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be a positive integer, was " + n + ".");
        }
        return n;
    }

    public int nonNegativeInt(String key) {
        int n = integer(key);
        if (n < 0) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must not be negative, was " + n + ".");
        }
        return n;
    }

    /** A number in [min, max]. */
    public double number(String key, double min, double max) {
        String v = text(key);
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            d = Double.NaN;
        }
        if (!(d >= min && d <= max)) {
            throw new InvalidConfigurationException(
                    "Setting '"
                            + key
                            + "' must be a number from "
                            + min
                            + " to "
                            + max
                            + ", was '"
                            + v
                            + "'.");
        }
        return d;
    }

    public Duration positiveDuration(String key) {
        Duration d = Durations.parse(key, text(key));
        if (d.isZero() || d.isNegative()) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be a positive duration, was " + d + ".");
        }
        return d;
    }

    public Duration nonNegativeDuration(String key) {
        Duration d = Durations.parse(key, text(key));
        if (d.isNegative()) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must not be negative, was " + d + ".");
        }
        return d;
    }

    public <E extends Enum<E>> E oneOf(String key, Class<E> type, String allowed) {
        String v = text(key);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(
                    "Setting '" + key + "' must be one of " + allowed + ", was '" + v + "'.");
        }
    }

    /** An http(s) URL without a trailing slash. */
    public static String httpUrl(String key, String value, String example) {
        try {
            URI u = new URI(value);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null
                    && value.length() <= 1000) {
                return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            }
        } catch (URISyntaxException e) {
            // fall through to the error below
        }
        throw new InvalidConfigurationException(
                "Setting '"
                        + key
                        + "' must be an http(s) URL such as "
                        + example
                        + ", was '"
                        + value
                        + "'.");
    }
}
