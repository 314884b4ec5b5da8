package com.smartinfra.api;

import static com.smartinfra.api.ApiConfig.API_CORS_ORIGINS;
import static com.smartinfra.api.ApiConfig.API_PORT;
import static com.smartinfra.api.ApiConfig.API_WRITE_RATE;
import static com.smartinfra.api.ApiConfig.DEFAULT_PORT;
import static com.smartinfra.api.ApiConfig.DEFAULT_WRITE_RATE;
import static com.smartinfra.api.ApiConfig.INFLUXDB_URL;
import static com.smartinfra.api.ApiConfig.KAFKA_BOOTSTRAP_SERVERS;

import com.smartinfra.schema.SecretPlaceholders;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed reads of the dashboard-api's environment-style settings ({@code INFLUXDB_URL} etc.), each
 * failure an {@link ApiConfigException} naming the setting; secrets are never echoed.
 */
final class EnvironmentSettings {
    /** {@code host:port}: a name or IPv4 address, or a bracketed IPv6 literal. */
    private static final Pattern BOOTSTRAP_SERVER =
            Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}");

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** A browser origin: scheme, host and optional port, nothing else. */
    private static final Pattern ORIGIN =
            Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    private EnvironmentSettings() {}

    static double writeRate(Map<String, String> settings) {
        String v = text(settings, API_WRITE_RATE, Double.toString(DEFAULT_WRITE_RATE));
        try {
            double rate = Double.parseDouble(v);
            if (rate > 0 && rate <= 1_000_000) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiConfigException(
                API_WRITE_RATE
                        + " must be a number of writes a second per client, above 0 and at most"
                        + " 1000000 (0.1 = one every 10 s), was '"
                        + v
                        + "'");
    }

    static int integer(
            Map<String, String> settings, String name, int def, int max, String meaning) {
        String v = text(settings, name, Integer.toString(def));
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiConfigException(
                name
                        + " must be an integer from 1 to "
                        + max
                        + " ("
                        + meaning
                        + "), was '"
                        + v
                        + "'");
    }

    static String topic(Map<String, String> settings, String name, String def) {
        String topic = text(settings, name, def);
        if (!TOPIC.matcher(topic).matches()) {
            throw new ApiConfigException(
                    name + " must be a Kafka topic name [A-Za-z0-9._-]{1,249}");
        }
        return topic;
    }

    /** Null when Kafka is not configured (POST /ingest then answers 503 saying so). */
    static String bootstrapServers(Map<String, String> settings) {
        String v = settings.get(KAFKA_BOOTSTRAP_SERVERS);
        if (v == null || v.isBlank()) {
            return null;
        }
        List<String> servers = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String server = part.trim();
            if (!BOOTSTRAP_SERVER.matcher(server).matches()) {
                throw new ApiConfigException(
                        KAFKA_BOOTSTRAP_SERVERS
                                + " must be a comma-separated list of host:port, for example"
                                + " kafka:9092");
            }
            servers.add(server);
        }
        return String.join(",", servers);
    }

    /** Exact origins allowed to call the API from another site's page; empty = no CORS. */
    static Set<String> corsOrigins(Map<String, String> settings) {
        String v = settings.get(API_CORS_ORIGINS);
        Set<String> origins = new LinkedHashSet<>();
        if (v == null || v.isBlank()) {
            return Set.of();
        }
        for (String part : v.split(",", -1)) {
            String origin = part.trim();
            if (!ORIGIN.matcher(origin).matches()) {
                throw new ApiConfigException(
                        API_CORS_ORIGINS
                                + " must be a comma-separated list of origins such as"
                                + " https://ops.example.com or http://localhost:3000, was '"
                                + origin
                                + "'");
            }
            origins.add(origin);
        }
        return Set.copyOf(origins);
    }

    static String text(Map<String, String> settings, String name, String def) {
        String v = settings.get(name);
        if (v == null) {
            return def;
        }
        v = v.trim();
        if (v.isEmpty()) {
            throw new ApiConfigException(name + " is set but empty");
        }
        return v;
    }

    static int port(Map<String, String> settings) {
        String v = text(settings, API_PORT, Integer.toString(DEFAULT_PORT));
        try {
            int p = Integer.parseInt(v);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiConfigException(
                API_PORT + " must be a port number 0..65535 (0 = any free port), was '" + v + "'");
    }

    static String influxUrl(Map<String, String> settings) {
        String v = settings.get(INFLUXDB_URL);
        if (v == null || v.isBlank()) {
            throw new ApiConfigException(
                    INFLUXDB_URL + " is required, for example http://127.0.0.1:8086");
        }
        v = v.trim();
        try {
            URI uri = new URI(v);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                    && uri.getHost() != null
                    && uri.getUserInfo() == null
                    && uri.getQuery() == null) {
                return v;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        // the URL is not a secret, but a user:password@ form could be: do not echo it
        throw new ApiConfigException(
                INFLUXDB_URL
                        + " must be an http(s) URL with a host and no credentials or query, for"
                        + " example http://127.0.0.1:8086");
    }

    /**
     * A secret from {@code name}, or from the file {@code fileName} names (one of the two; the file
     * for Docker secrets); null when neither is set. A placeholder or a value shorter than {@code
     * minLength} is refused, naming the setting it came from; the value is never echoed.
     */
    static char[] secret(
            Map<String, String> settings, String name, String fileName, int minLength) {
        String value = settings.get(name);
        String file = settings.get(fileName);
        boolean hasValue = value != null && !value.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasValue && hasFile) {
            throw new ApiConfigException("set only one of " + name + " and " + fileName);
        }
        if (!hasValue && !hasFile) {
            return null;
        }
        String source = hasValue ? name : fileName;
        String secret = hasValue ? value.trim() : readSecretFile(fileName, file.trim());
        if (SecretPlaceholders.isPlaceholder(secret)) {
            throw new ApiConfigException(
                    source
                            + " is a placeholder value (such as change-me... or <your token>)"
                            + " from an example file: set a real secret");
        }
        if (secret.length() < minLength) {
            throw new ApiConfigException(
                    source
                            + " must be at least "
                            + minLength
                            + " characters (use a long random value)");
        }
        return secret.toCharArray();
    }

    private static String readSecretFile(String fileName, String file) {
        String fromFile;
        try {
            fromFile = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException | InvalidPathException e) {
            throw new ApiConfigException(
                    fileName
                            + " cannot be read: "
                            + file
                            + " ("
                            + e.getClass().getSimpleName()
                            + ")");
        }
        if (fromFile.isEmpty()) {
            throw new ApiConfigException(fileName + " names an empty file: " + file);
        }
        return fromFile;
    }
}
