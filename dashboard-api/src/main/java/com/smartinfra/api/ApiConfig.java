package com.smartinfra.api;

import com.smartinfra.schema.HumanDuration;
import com.smartinfra.schema.ProgramArguments;
import com.smartinfra.schema.SecretPlaceholders;
import com.smartinfra.schema.SharedDefaults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dashboard-api settings, read once at start-up from environment variables (or the equivalent
 * {@code --api.port=...} style arguments) and validated. A bad setting stops start-up with an
 * {@link ApiConfigException} whose message names the setting.
 *
 * <p>The InfluxDB token and the API token are secrets: they are never part of {@link #toString()}
 * or of any message, and placeholders copied from an example file ({@code change-me...}, {@code
 * <your token>}) are refused.
 */
public final class ApiConfig {
    public static final String API_BIND = "API_BIND";
    public static final String API_PORT = "API_PORT";
    public static final String INFLUXDB_URL = "INFLUXDB_URL";
    public static final String INFLUXDB_TOKEN = "INFLUXDB_TOKEN";
    public static final String INFLUXDB_TOKEN_FILE = "INFLUXDB_TOKEN_FILE";
    public static final String INFLUXDB_ORG = "INFLUXDB_ORG";
    public static final String INFLUXDB_BUCKET = "INFLUXDB_BUCKET";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String METRICS_TOPIC = "METRICS_TOPIC";
    public static final String ALERT_CONTROL_TOPIC = "ALERT_CONTROL_TOPIC";
    public static final String API_CORS_ORIGINS = "API_CORS_ORIGINS";
    public static final String API_TOKEN = "API_TOKEN";
    public static final String API_TOKEN_FILE = "API_TOKEN_FILE";
    public static final String API_WRITE_RATE = "API_WRITE_RATE";
    public static final String API_WRITE_BURST = "API_WRITE_BURST";
    public static final String API_MAX_SILENCES = "API_MAX_SILENCES";
    public static final String NO_DATA_AFTER = "NO_DATA_AFTER";

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 4567;
    public static final String DEFAULT_ORG = SharedDefaults.INFLUX_ORG;
    public static final String DEFAULT_BUCKET = SharedDefaults.INFLUX_BUCKET;
    public static final String DEFAULT_METRICS_TOPIC = SharedDefaults.METRICS_TOPIC;

    /** Writes a second one client may make in the long run (token bucket refill). */
    public static final double DEFAULT_WRITE_RATE = 5;

    /** Writes one client may make at once (token bucket size). */
    public static final int DEFAULT_WRITE_BURST = 20;

    /** Active silences the API lets exist at one time. */
    public static final int DEFAULT_MAX_SILENCES = 100;

    /**
     * Highest {@code API_MAX_SILENCES}, and the most active silences the API tracks from the
     * control topic (bounds its memory and the {@code GET /silences} answer).
     */
    public static final int MAX_TRACKED_SILENCES = 10_000;

    /** Shortest API token: a guessable one is no protection. */
    public static final int MIN_API_TOKEN_LENGTH = 16;

    /** How example files ({@code .env.example}) write a value to be replaced. */
    /** The command line is visible to every user of the machine (ps): secrets never go there. */
    private static final Map<String, String> SECRET_FILES =
            Map.of(INFLUXDB_TOKEN, INFLUXDB_TOKEN_FILE, API_TOKEN, API_TOKEN_FILE);

    /** The job's {@code alert.control-topic} default. */
    public static final String DEFAULT_ALERT_CONTROL_TOPIC = SharedDefaults.ALERT_CONTROL_TOPIC;

    /** {@code host:port}: a name or IPv4 address, or a bracketed IPv6 literal. */
    private static final Pattern BOOTSTRAP_SERVER =
            Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}");

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** A browser origin: scheme, host and optional port, nothing else. */
    private static final Pattern ORIGIN =
            Pattern.compile("https?://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    /**
     * Retention policy the bucket is read through (InfluxDB 2.x maps bucket/autogen by default).
     */
    public static final String RETENTION_POLICY = "autogen";

    private static final Set<String> KNOWN =
            Set.of(
                    API_BIND,
                    API_PORT,
                    INFLUXDB_URL,
                    INFLUXDB_TOKEN,
                    INFLUXDB_TOKEN_FILE,
                    INFLUXDB_ORG,
                    INFLUXDB_BUCKET,
                    KAFKA_BOOTSTRAP_SERVERS,
                    METRICS_TOPIC,
                    ALERT_CONTROL_TOPIC,
                    API_CORS_ORIGINS,
                    API_TOKEN,
                    API_TOKEN_FILE,
                    API_WRITE_RATE,
                    API_WRITE_BURST,
                    API_MAX_SILENCES,
                    NO_DATA_AFTER);

    private final String bindAddress;
    private final int port;
    private final String influxUrl;
    private final char[] influxToken;
    private final String influxOrg;
    private final String influxBucket;
    private final String kafkaBootstrapServers;
    private final String metricsTopic;
    private final String alertControlTopic;
    private final Set<String> corsOrigins;
    private final char[] apiToken;
    private final double writeRate;
    private final int writeBurst;
    private final int maxSilences;
    private final Duration noDataAfter;

    private ApiConfig(
            String bindAddress,
            int port,
            String influxUrl,
            char[] influxToken,
            String influxOrg,
            String influxBucket,
            String kafkaBootstrapServers,
            String metricsTopic,
            String alertControlTopic,
            Set<String> corsOrigins,
            char[] apiToken,
            double writeRate,
            int writeBurst,
            int maxSilences,
            Duration noDataAfter) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.influxUrl = influxUrl;
        this.influxToken = influxToken;
        this.influxOrg = influxOrg;
        this.influxBucket = influxBucket;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.metricsTopic = metricsTopic;
        this.alertControlTopic = alertControlTopic;
        this.corsOrigins = corsOrigins;
        this.apiToken = apiToken;
        this.writeRate = writeRate;
        this.writeBurst = writeBurst;
        this.maxSilences = maxSilences;
        this.noDataAfter = noDataAfter;
    }

    /** Reads the process environment, overridden by {@code --api.port=4567} style arguments. */
    public static ApiConfig fromEnvironment(String[] args) {
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.putAll(parseArgs(args));
        return from(settings);
    }

    /**
     * Builds the configuration from environment-style settings ({@code INFLUXDB_URL} etc.). Tests
     * and in-process users call this with their own map; absent keys take their defaults.
     */
    public static ApiConfig from(Map<String, String> settings) {
        String bind = text(settings, API_BIND, DEFAULT_BIND);
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException | SecurityException e) {
            throw new ApiConfigException(
                    API_BIND
                            + " must be an IP address or host name to listen on, was '"
                            + bind
                            + "'");
        }
        int port = port(settings);
        String url = influxUrl(settings);
        char[] token = secret(settings, INFLUXDB_TOKEN, INFLUXDB_TOKEN_FILE, 1);
        if (token == null) {
            throw new ApiConfigException(
                    INFLUXDB_TOKEN
                            + " or "
                            + INFLUXDB_TOKEN_FILE
                            + " is required (the InfluxDB API token the dashboard reads with)");
        }
        String org = text(settings, INFLUXDB_ORG, DEFAULT_ORG);
        String bucket = text(settings, INFLUXDB_BUCKET, DEFAULT_BUCKET);
        String kafka = bootstrapServers(settings);
        String topic = topic(settings, METRICS_TOPIC, DEFAULT_METRICS_TOPIC);
        String controlTopic = topic(settings, ALERT_CONTROL_TOPIC, DEFAULT_ALERT_CONTROL_TOPIC);
        Set<String> origins = corsOrigins(settings);
        char[] apiToken = secret(settings, API_TOKEN, API_TOKEN_FILE, MIN_API_TOKEN_LENGTH);
        double rate = writeRate(settings);
        int burst =
                integer(
                        settings,
                        API_WRITE_BURST,
                        DEFAULT_WRITE_BURST,
                        1_000_000,
                        "writes one client may make at once");
        int silences =
                integer(
                        settings,
                        API_MAX_SILENCES,
                        DEFAULT_MAX_SILENCES,
                        MAX_TRACKED_SILENCES,
                        "active silences at one time");
        Duration noDataAfter = noDataAfter(settings);
        return new ApiConfig(
                bind,
                port,
                url,
                token,
                org,
                bucket,
                kafka,
                topic,
                controlTopic,
                origins,
                apiToken,
                rate,
                burst,
                silences,
                noDataAfter);
    }

    /** Must match the job's {@code alert.no-data.after}: a host the job calls silent is silent. */
    private static Duration noDataAfter(Map<String, String> settings) {
        String v = settings.get(NO_DATA_AFTER);
        if (v == null || v.isBlank()) {
            return SharedDefaults.NO_DATA_AFTER;
        }
        Duration d;
        try {
            d = HumanDuration.parse(NO_DATA_AFTER, v);
        } catch (IllegalArgumentException e) {
            throw new ApiConfigException(e.getMessage());
        }
        if (d.toSeconds() < 1) {
            throw new ApiConfigException(NO_DATA_AFTER + " must be at least 1s, was '" + v + "'");
        }
        return d;
    }

    private static double writeRate(Map<String, String> settings) {
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

    private static int integer(
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

    private static String topic(Map<String, String> settings, String name, String def) {
        String topic = text(settings, name, def);
        if (!TOPIC.matcher(topic).matches()) {
            throw new ApiConfigException(
                    name + " must be a Kafka topic name [A-Za-z0-9._-]{1,249}");
        }
        return topic;
    }

    /** Null when Kafka is not configured (POST /ingest then answers 503 saying so). */
    private static String bootstrapServers(Map<String, String> settings) {
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
    private static Set<String> corsOrigins(Map<String, String> settings) {
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

    /** {@code --influxdb.url=http://x} becomes {@code INFLUXDB_URL=http://x}. */
    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new HashMap<>();
        List<ProgramArguments.Option> options;
        try {
            options = ProgramArguments.parse(args, name -> true, name -> false);
        } catch (IllegalArgumentException e) {
            throw new ApiConfigException(
                    e.getMessage()
                            + ": use --api.port=4567 style arguments or environment variables");
        }
        for (ProgramArguments.Option o : options) {
            String key =
                    o.name()
                            .substring(2)
                            .replace('.', '_')
                            .replace('-', '_')
                            .toUpperCase(Locale.ROOT);
            if (SECRET_FILES.containsKey(key)) {
                throw new ApiConfigException(
                        o.name()
                                + " is not accepted on the command line: set "
                                + key
                                + " or "
                                + SECRET_FILES.get(key));
            }
            if (!KNOWN.contains(key)) {
                throw new ApiConfigException(
                        "unknown argument '" + o.name() + "' (known settings: " + KNOWN + ")");
            }
            out.put(key, o.value());
        }
        return out;
    }

    private static String text(Map<String, String> settings, String name, String def) {
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

    private static int port(Map<String, String> settings) {
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

    private static String influxUrl(Map<String, String> settings) {
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
    private static char[] secret(
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

    /** Address the HTTP server binds to. */
    public String bindAddress() {
        return bindAddress;
    }

    /** Port the HTTP server listens on; 0 picks a free port (see {@link DashboardApi#port()}). */
    public int port() {
        return port;
    }

    public String influxUrl() {
        return influxUrl;
    }

    /** The InfluxDB token (a copy): hand it to the client, never to a log. */
    public char[] influxToken() {
        return influxToken.clone();
    }

    public String influxOrg() {
        return influxOrg;
    }

    /**
     * The bucket, read as the InfluxQL database with retention policy {@value #RETENTION_POLICY}.
     */
    public String influxBucket() {
        return influxBucket;
    }

    /** {@code host:port,...} of the Kafka brokers, or null when ingest is not configured. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The topic {@code POST /ingest} produces to. */
    public String metricsTopic() {
        return metricsTopic;
    }

    /** The topic {@code POST /silences} and {@code DELETE /silences/{id}} produce to. */
    public String alertControlTopic() {
        return alertControlTopic;
    }

    /** Origins that get CORS headers; empty when cross-origin calls are not allowed. */
    public Set<String> corsOrigins() {
        return corsOrigins;
    }

    /**
     * The token writes must carry (a copy), or null when writes are not authenticated: compare it,
     * never log it.
     */
    public char[] apiToken() {
        return apiToken == null ? null : apiToken.clone();
    }

    /** Writes a second one client (remote address) may make in the long run. */
    public double writeRate() {
        return writeRate;
    }

    /** Writes one client may make at once before the rate applies. */
    public int writeBurst() {
        return writeBurst;
    }

    /** Most silences active at one time; {@code POST /silences} beyond it is refused. */
    /** A host without a sample for this long is {@code silent} on the dashboard. */
    public Duration noDataAfter() {
        return noDataAfter;
    }

    public int maxSilences() {
        return maxSilences;
    }

    @Override
    public String toString() {
        return "ApiConfig{bind="
                + bindAddress
                + ", port="
                + port
                + ", influxUrl="
                + influxUrl
                + ", influxToken=<redacted>, influxOrg="
                + influxOrg
                + ", influxBucket="
                + influxBucket
                + ", kafkaBootstrapServers="
                + kafkaBootstrapServers
                + ", metricsTopic="
                + metricsTopic
                + ", alertControlTopic="
                + alertControlTopic
                + ", corsOrigins="
                + corsOrigins
                + ", apiToken="
                + (apiToken == null ? "<not set>" : "<redacted>")
                + ", writeRate="
                + writeRate
                + ", writeBurst="
                + writeBurst
                + ", maxSilences="
                + maxSilences
                + "}";
    }
}
