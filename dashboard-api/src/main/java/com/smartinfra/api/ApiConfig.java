package com.smartinfra.api;

import com.smartinfra.schema.HumanDuration;
import com.smartinfra.schema.ProgramArguments;
import com.smartinfra.schema.SharedDefaults;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    /** The command line is visible to every user of the machine (ps): secrets never go there. */
    private static final Map<String, String> SECRET_FILES =
            Map.of(INFLUXDB_TOKEN, INFLUXDB_TOKEN_FILE, API_TOKEN, API_TOKEN_FILE);

    /** The job's {@code alert.control-topic} default. */
    public static final String DEFAULT_ALERT_CONTROL_TOPIC = SharedDefaults.ALERT_CONTROL_TOPIC;

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
        String bind = EnvironmentSettings.text(settings, API_BIND, DEFAULT_BIND);
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException | SecurityException e) {
            throw new ApiConfigException(
                    API_BIND
                            + " must be an IP address or host name to listen on, was '"
                            + bind
                            + "'");
        }
        int port = EnvironmentSettings.port(settings);
        String url = EnvironmentSettings.influxUrl(settings);
        char[] token = EnvironmentSettings.secret(settings, INFLUXDB_TOKEN, INFLUXDB_TOKEN_FILE, 1);
        if (token == null) {
            throw new ApiConfigException(
                    INFLUXDB_TOKEN
                            + " or "
                            + INFLUXDB_TOKEN_FILE
                            + " is required (the InfluxDB API token the dashboard reads with)");
        }
        String org = EnvironmentSettings.text(settings, INFLUXDB_ORG, DEFAULT_ORG);
        String bucket = EnvironmentSettings.text(settings, INFLUXDB_BUCKET, DEFAULT_BUCKET);
        String kafka = EnvironmentSettings.bootstrapServers(settings);
        String topic = EnvironmentSettings.topic(settings, METRICS_TOPIC, DEFAULT_METRICS_TOPIC);
        String controlTopic =
                EnvironmentSettings.topic(
                        settings, ALERT_CONTROL_TOPIC, DEFAULT_ALERT_CONTROL_TOPIC);
        Set<String> origins = EnvironmentSettings.corsOrigins(settings);
        char[] apiToken =
                EnvironmentSettings.secret(
                        settings, API_TOKEN, API_TOKEN_FILE, MIN_API_TOKEN_LENGTH);
        double rate = EnvironmentSettings.writeRate(settings);
        int burst =
                EnvironmentSettings.integer(
                        settings,
                        API_WRITE_BURST,
                        DEFAULT_WRITE_BURST,
                        1_000_000,
                        "writes one client may make at once");
        int silences =
                EnvironmentSettings.integer(
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
