package com.smartinfra.simulator;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.HumanDuration;
import com.smartinfra.schema.ProgramArguments;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.schema.SharedDefaults;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The simulator's settings: parsed once from the command line and environment, validated. */
public final class SimulatorConfig {
    public static final String ENV_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_TOPIC = "METRICS_TOPIC";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_TOPIC = SharedDefaults.METRICS_TOPIC;
    public static final String DEFAULT_REPLAY_HOST = "replay-01";
    public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(10);

    public static final int MAX_HOSTS = 100_000;
    public static final double MAX_RATE = 10_000_000;

    private static final Set<String> OPTIONS =
            Set.of(
                    "--hosts",
                    "--interval",
                    "--anomaly-rate",
                    "--seed",
                    "--start",
                    "--duration",
                    "--count",
                    "--rate",
                    "--fast",
                    "--replay",
                    "--replay-host",
                    "--bootstrap-servers",
                    "--topic",
                    "--kafka-timeout",
                    "--dry-run",
                    "--fleet-every",
                    "--fleet-hosts");

    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:(\\d{1,5})");

    public static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -jar simulator-all.jar [options]",
                    "",
                    "Publishes per-host metric samples (cpu, memory, disk, disk_io, net_io) to Kafka;",
                    "about --anomaly-rate of them are injected anomalies labelled \"injected\":\"<kind>\"",
                    "(cpu_spike, memory_leak, disk_fill, overload).",
                    "",
                    "Options:",
                    "  --hosts N                number of simulated hosts (default 5: web-01, db-01,"
                            + " cache-01, worker-01, queue-01)",
                    "  --interval D             time between two samples of one host (default 3s;"
                            + " e.g. 500ms, 10s, 1m)",
                    "  --anomaly-rate R         fraction of anomalous samples, 0..1 (default 0.1)",
                    "  --seed S                 random seed; the same seed and --start give an"
                            + " identical stream (default: random, logged)",
                    "  --start TIME             simulated start time, ISO-8601, e.g."
                            + " 2025-06-24T00:00:00Z (default: now)",
                    "  --duration D             stop after D of simulated time, e.g. 1h (default:"
                            + " run forever)",
                    "  --count N                stop after N samples in total (default: run forever)",
                    "  --rate N                 load mode: N samples per second in total across all"
                            + " hosts (replaces --interval)",
                    "  --fast                   don't wait: emit as fast as possible with simulated"
                            + " timestamps",
                    "  --fleet-every D          add correlated incidents: about every D (e.g. 2h)"
                            + " several hosts turn anomalous together, labelled \"fleet\"",
                    "  --fleet-hosts N          hosts in each such incident (default: half the"
                            + " hosts, at least 2)",
                    "  --replay FILE            play a NAB CSV (header timestamp,value) as one host's"
                            + " cpu, one row per --interval",
                    "  --replay-host NAME       host of the replayed series (default replay-01)",
                    RealHostOptions.USAGE,
                    "  --bootstrap-servers HP   Kafka bootstrap servers (default $"
                            + ENV_BOOTSTRAP_SERVERS
                            + " or localhost:9092)",
                    "  --topic NAME             Kafka topic (default $"
                            + ENV_TOPIC
                            + " or metrics)",
                    "  --kafka-timeout D        how long to wait for Kafka at start-up (default 10s)",
                    "  --dry-run                print JSON lines to stdout instead of sending to Kafka",
                    "  --help                   print this help",
                    "",
                    "Exit codes: 0 done, 1 some samples could not be delivered, 2 bad arguments,"
                            + " 3 Kafka unreachable.",
                    "");

    private int hosts = SampleGenerator.DEFAULT_HOSTS;
    private Duration interval = SampleGenerator.DEFAULT_INTERVAL;
    private double anomalyRate = SampleGenerator.DEFAULT_ANOMALY_RATE;
    private long seed;
    private boolean seedGiven;
    private long startMillis;
    private boolean startGiven;
    private Duration duration;
    private long count;
    private double rate;
    private boolean fast;
    private Path replay;
    private String replayHost = DEFAULT_REPLAY_HOST;
    private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
    private String topic = DEFAULT_TOPIC;
    private Duration kafkaTimeout = DEFAULT_KAFKA_TIMEOUT;
    private boolean dryRun;
    private Duration fleetEvery;
    private int fleetHosts;
    private boolean help;
    private final RealHostOptions realHosts = new RealHostOptions();

    private SimulatorConfig() {}

    /** Parses the command line; defaults for Kafka come from {@code env}. */
    public static SimulatorConfig parse(String[] args, Map<String, String> env)
            throws ConfigException {
        return parse(args, env, System.currentTimeMillis(), ThreadLocalRandom.current().nextLong());
    }

    /** As {@link #parse(String[], Map)} with "now" and the default seed given (for tests). */
    static SimulatorConfig parse(
            String[] args, Map<String, String> env, long nowMillis, long defaultSeed)
            throws ConfigException {
        SimulatorConfig c = new SimulatorConfig();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                c.help = true;
                return c;
            }
        }
        Map<String, String> given = new HashMap<>();
        List<ProgramArguments.Option> options;
        try {
            options =
                    ProgramArguments.parse(
                            args,
                            name -> OPTIONS.contains(name) || RealHostOptions.NAMES.contains(name),
                            SimulatorConfig::isFlag);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        for (ProgramArguments.Option o : options) {
            String name = o.name();
            if (given.containsKey(name)) {
                throw new ConfigException("option " + name + " is given twice");
            }
            String value = o.value() == null ? "" : o.value();
            given.put(name, value);
            c.apply(name, value.trim());
        }
        c.applyEnv(env, given);
        c.check(given);
        if (!c.seedGiven) {
            c.seed = defaultSeed;
        }
        if (!c.startGiven) {
            c.startMillis = nowMillis;
        }
        return c;
    }

    private static boolean isFlag(String name) {
        return name.equals("--fast")
                || name.equals("--dry-run")
                || RealHostOptions.FLAGS.contains(name);
    }

    private void apply(String name, String v) throws ConfigException {
        switch (name) {
            case "--hosts":
                hosts = (int) parseLong(name, v, 1, MAX_HOSTS);
                break;
            case "--interval":
                interval = parseDuration(name, v);
                break;
            case "--anomaly-rate":
                anomalyRate = parseDouble(name, v, 0, 1);
                break;
            case "--seed":
                seed = parseLong(name, v, Long.MIN_VALUE, Long.MAX_VALUE);
                seedGiven = true;
                break;
            case "--start":
                startMillis = parseStart(v);
                startGiven = true;
                break;
            case "--duration":
                duration = parseDuration(name, v);
                break;
            case "--count":
                count = parseLong(name, v, 1, Long.MAX_VALUE);
                break;
            case "--rate":
                rate = parseDouble(name, v, Double.MIN_VALUE, MAX_RATE);
                break;
            case "--fast":
                fast = true;
                break;
            case "--replay":
                replay = Path.of(v);
                if (v.isEmpty() || !Files.isRegularFile(replay) || !Files.isReadable(replay)) {
                    throw new ConfigException(
                            "--replay file '" + v + "' does not exist or is not a readable file");
                }
                break;
            case "--replay-host":
                if (!HostName.isValid(v)) {
                    throw new ConfigException(
                            "--replay-host '"
                                    + v
                                    + "' is not a valid host name ("
                                    + HostName.PATTERN.pattern()
                                    + ")");
                }
                replayHost = v;
                break;
            case "--bootstrap-servers":
                bootstrapServers = checkBootstrap("--bootstrap-servers", v);
                break;
            case "--topic":
                topic = checkTopic("--topic", v);
                break;
            case "--kafka-timeout":
                kafkaTimeout = parseDuration(name, v);
                if (kafkaTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
                    throw new ConfigException("--kafka-timeout must be at most 10m, was " + v);
                }
                break;
            case "--dry-run":
                dryRun = true;
                break;
            case "--fleet-every":
                fleetEvery = parseDuration(name, v);
                break;
            case "--fleet-hosts":
                fleetHosts = (int) parseLong(name, v, 2, MAX_HOSTS);
                break;
            default:
                if (!realHosts.apply(name, v)) {
                    throw new ConfigException("unknown option '" + name + "'");
                }
        }
    }

    private void applyEnv(Map<String, String> env, Map<String, String> given)
            throws ConfigException {
        String servers = env.get(ENV_BOOTSTRAP_SERVERS);
        if (!given.containsKey("--bootstrap-servers") && servers != null && !servers.isBlank()) {
            bootstrapServers = checkBootstrap(ENV_BOOTSTRAP_SERVERS, servers.trim());
        }
        String t = env.get(ENV_TOPIC);
        if (!given.containsKey("--topic") && t != null && !t.isBlank()) {
            topic = checkTopic(ENV_TOPIC, t.trim());
        }
    }

    private void check(Map<String, String> given) throws ConfigException {
        realHosts.check(given);
        if (given.containsKey("--rate") && given.containsKey("--interval")) {
            throw new ConfigException(
                    "--rate and --interval cannot be combined: --rate sets the pace");
        }
        if (given.containsKey("--rate") && fast) {
            throw new ConfigException(
                    "--rate and --fast cannot be combined: --fast sends as fast as possible");
        }
        if (given.containsKey("--fleet-hosts") && fleetEvery == null) {
            throw new ConfigException("--fleet-hosts needs --fleet-every D");
        }
        if (fleetEvery != null && fleetHosts() > hostCount()) {
            throw new ConfigException(
                    "--fleet-hosts "
                            + fleetHosts()
                            + " is more than the "
                            + hostCount()
                            + " hosts (--hosts; a fleet incident needs at least 2)");
        }
        if (fleetEvery != null && fleetEvery.compareTo(hostInterval().multipliedBy(24)) < 0) {
            throw new ConfigException(
                    "--fleet-every " + given.get("--fleet-every") + " must be at least 24 samples");
        }
        if (replay != null) {
            for (String o : new String[] {"--hosts", "--anomaly-rate", "--fleet-every"}) {
                if (given.containsKey(o)) {
                    throw new ConfigException(
                            o + " cannot be combined with --replay (a replay plays one host)");
                }
            }
        } else if (given.containsKey("--replay-host")) {
            throw new ConfigException("--replay-host needs --replay FILE");
        }
        if (hostInterval().isZero()) {
            throw new ConfigException("--rate " + given.get("--rate") + " is too high");
        }
    }

    private static long parseLong(String name, String v, long min, long max)
            throws ConfigException {
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

    private static double parseDouble(String name, String v, double min, double max)
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

    private static String checkBootstrap(String name, String v) throws ConfigException {
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

    private static String checkTopic(String name, String v) throws ConfigException {
        if (!TOPIC.matcher(v).matches() || v.equals(".") || v.equals("..")) {
            throw new ConfigException(
                    name + " '" + v + "' is not a valid Kafka topic name ([A-Za-z0-9._-]{1,249})");
        }
        return v;
    }

    /** Time between two samples of one host: from --rate in load mode, else --interval. */
    public Duration hostInterval() {
        if (rate > 0) {
            return Duration.ofNanos(Math.round(hostCount() * 1e9 / rate));
        }
        return interval;
    }

    /** Hosts actually simulated: 1 in replay mode. */
    public int hostCount() {
        return replay != null ? 1 : hosts;
    }

    public int hosts() {
        return hosts;
    }

    public Duration interval() {
        return interval;
    }

    /** Correlated incidents about this often, or null (none). */
    public Duration fleetEvery() {
        return fleetEvery;
    }

    /** Hosts in each correlated incident: as given, or half the hosts (at least 2). */
    public int fleetHosts() {
        return fleetHosts > 0 ? fleetHosts : Math.max(2, hosts / 2);
    }

    public double anomalyRate() {
        return anomalyRate;
    }

    public long seed() {
        return seed;
    }

    /** False when the seed was drawn at random (it is logged so the run can be reproduced). */
    public boolean seedGiven() {
        return seedGiven;
    }

    /** Simulated time of the first sample, epoch ms. */
    public long startMillis() {
        return startMillis;
    }

    public boolean startGiven() {
        return startGiven;
    }

    /** Simulated time span after which to stop. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** Total samples after which to stop. */
    public OptionalLong count() {
        return count > 0 ? OptionalLong.of(count) : OptionalLong.empty();
    }

    /** Samples per second across all hosts (load mode). */
    public OptionalDouble rate() {
        return rate > 0 ? OptionalDouble.of(rate) : OptionalDouble.empty();
    }

    public boolean fast() {
        return fast;
    }

    public Optional<Path> replay() {
        return Optional.ofNullable(replay);
    }

    public String replayHost() {
        return replayHost;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    public Duration kafkaTimeout() {
        return kafkaTimeout;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean help() {
        return help;
    }

    /** {@code --scrape} / {@code --local}: samples of real machines instead of simulated ones. */
    public RealHostOptions realHosts() {
        return realHosts;
    }
}
