package com.smartinfra.job.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;

/**
 * Reads the job's settings once, through their {@link ConfigOption}s (key, type, default), each
 * failure one sentence naming the setting. A value given as text is parsed here; a setting not
 * given takes its option's default. Every configuration class of the job reads through this one
 * class, so a setting is parsed and reported the same way everywhere.
 */
public final class OptionReader {
    private static final String FLINK_PREFIX = "smartinfra.";

    /** Beyond this edit distance an unknown key gets no "did you mean". */
    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final Map<String, String> given;

    private OptionReader(Map<String, String> given) {
        this.given = given;
    }

    /**
     * The settings {@code given} as text over the defaults of {@code known}. Keys may carry Flink's
     * {@code smartinfra.} prefix; a key not among {@code known} is refused (with the closest known
     * key as a suggestion), so a typo cannot fall back to a default.
     */
    public static OptionReader of(Map<String, String> given, Collection<ConfigOption<?>> known) {
        Set<String> keys = known.stream().map(ConfigOption::key).collect(Collectors.toSet());
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = unprefixed(e.getKey());
            if (!keys.contains(key)) {
                throw unknown(e.getKey(), key, keys);
            }
            values.put(key, e.getValue() == null ? null : e.getValue().strip());
        }
        return new OptionReader(values);
    }

    /** A key without Flink's {@code smartinfra.} prefix. */
    public static String unprefixed(String key) {
        return key.startsWith(FLINK_PREFIX) ? key.substring(FLINK_PREFIX.length()) : key;
    }

    private static InvalidConfigurationException unknown(
            String written, String key, Set<String> known) {
        String closest = null;
        int best = MAX_SUGGESTION_DISTANCE + 1;
        for (String k : known.stream().sorted().toList()) {
            int d = editDistance(key, k);
            if (d < best) {
                best = d;
                closest = k;
            }
        }
        return new InvalidConfigurationException(
                "Unknown setting '"
                        + written
                        + "'"
                        + (closest == null ? "" : "; did you mean '" + closest + "'?")
                        + " Every setting is listed in docs/configuration.md.");
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The option's value: parsed when given, its default when not, null when given blank. */
    private <T> T value(ConfigOption<T> o, Function<String, T> parse) {
        if (!given.containsKey(o.key())) {
            return o.hasDefaultValue() ? o.defaultValue() : null;
        }
        String v = given.get(o.key());
        return v == null || v.isBlank() ? null : parse.apply(v);
    }

    private <T> T present(ConfigOption<T> o, Function<String, T> parse) {
        T v = value(o, parse);
        if (v == null) {
            throw new InvalidConfigurationException("Setting '" + o.key() + "' must not be empty.");
        }
        return v;
    }

    /** The text, or null when unset or blank. */
    public String optional(ConfigOption<String> o) {
        return value(o, v -> v);
    }

    public String required(ConfigOption<String> o, String example) {
        String v = optional(o);
        if (v == null) {
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' is required (" + example + ").");
        }
        return v;
    }

    public String text(ConfigOption<String> o) {
        return present(o, v -> v);
    }

    public boolean bool(ConfigOption<Boolean> o) {
        return present(
                o,
                text -> {
                    String v = text.toLowerCase(Locale.ROOT);
                    if (v.equals("true") || v.equals("false")) {
                        return Boolean.parseBoolean(v);
                    }
                    throw new InvalidConfigurationException(
                            "Setting '" + o.key() + "' must be true or false, was '" + v + "'.");
                });
    }

    public int integer(ConfigOption<Integer> o) {
        return present(o, v -> parseInt(o, v));
    }

    private static int parseInt(ConfigOption<Integer> o, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' must be an integer, was '" + v + "'.");
        }
    }

    public int positiveInt(ConfigOption<Integer> o) {
        int n = integer(o);
        if (n <= 0) {
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' must be a positive integer, was " + n + ".");
        }
        return n;
    }

    public int nonNegativeInt(ConfigOption<Integer> o) {
        int n = integer(o);
        if (n < 0) {
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' must not be negative, was " + n + ".");
        }
        return n;
    }

    /** A positive integer, or null when unset. */
    public Integer optionalPositiveInt(ConfigOption<Integer> o) {
        return value(o, v -> parseInt(o, v)) == null ? null : positiveInt(o);
    }

    /** A number in [min, max]. */
    public double number(ConfigOption<Double> o, double min, double max) {
        double d =
                present(
                        o,
                        v -> {
                            try {
                                return Double.parseDouble(v);
                            } catch (NumberFormatException e) {
                                return Double.NaN;
                            }
                        });
        if (!(d >= min && d <= max)) {
            throw new InvalidConfigurationException(
                    "Setting '"
                            + o.key()
                            + "' must be a number from "
                            + min
                            + " to "
                            + max
                            + ", was '"
                            + given.getOrDefault(o.key(), String.valueOf(d))
                            + "'.");
        }
        return d;
    }

    private Duration duration(ConfigOption<Duration> o) {
        return present(o, v -> Durations.parse(o.key(), v));
    }

    public Duration positiveDuration(ConfigOption<Duration> o) {
        Duration d = duration(o);
        if (d.isZero() || d.isNegative()) {
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' must be a positive duration, was " + d + ".");
        }
        return d;
    }

    /** A positive duration, or null when unset. */
    public Duration optionalPositiveDuration(ConfigOption<Duration> o) {
        return value(o, v -> Durations.parse(o.key(), v)) == null ? null : positiveDuration(o);
    }

    public Duration nonNegativeDuration(ConfigOption<Duration> o) {
        Duration d = duration(o);
        if (d.isNegative()) {
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' must not be negative, was " + d + ".");
        }
        return d;
    }

    /** One of the constants of {@code type}, written in lower case with '-' for '_'. */
    public <E extends Enum<E>> E oneOf(ConfigOption<String> o, Class<E> type) {
        String v = text(o);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            String allowed =
                    java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                            .collect(Collectors.joining("|"));
            throw new InvalidConfigurationException(
                    "Setting '" + o.key() + "' must be one of " + allowed + ", was '" + v + "'.");
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
