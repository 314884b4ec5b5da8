package com.smartinfra.simulator;

import com.smartinfra.schema.ProgramArguments;
import com.smartinfra.schema.SharedDefaults;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

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

    public static final String USAGE = SimulatorUsage.TEXT;

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
                hosts = (int) OptionValues.parseLong(name, v, 1, MAX_HOSTS);
                break;
            case "--interval":
                interval = OptionValues.parseDuration(name, v);
                break;
            case "--anomaly-rate":
                anomalyRate = OptionValues.parseDouble(name, v, 0, 1);
                break;
            case "--seed":
                seed = OptionValues.parseLong(name, v, Long.MIN_VALUE, Long.MAX_VALUE);
                seedGiven = true;
                break;
            case "--start":
                startMillis = OptionValues.parseStart(v);
                startGiven = true;
                break;
            case "--duration":
                duration = OptionValues.parseDuration(name, v);
                break;
            case "--count":
                count = OptionValues.parseLong(name, v, 1, Long.MAX_VALUE);
                break;
            case "--rate":
                rate = OptionValues.parseDouble(name, v, Double.MIN_VALUE, MAX_RATE);
                break;
            case "--fast":
                fast = true;
                break;
            case "--replay":
                replay = OptionValues.readableFile(name, v);
                break;
            case "--replay-host":
                replayHost = OptionValues.hostName(name, v);
                break;
            case "--bootstrap-servers":
                bootstrapServers = OptionValues.checkBootstrap("--bootstrap-servers", v);
                break;
            case "--topic":
                topic = OptionValues.checkTopic("--topic", v);
                break;
            case "--kafka-timeout":
                kafkaTimeout = OptionValues.parseDuration(name, v, Duration.ofMinutes(10), "10m");
                break;
            case "--dry-run":
                dryRun = true;
                break;
            case "--fleet-every":
                fleetEvery = OptionValues.parseDuration(name, v);
                break;
            case "--fleet-hosts":
                fleetHosts = (int) OptionValues.parseLong(name, v, 2, MAX_HOSTS);
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
            bootstrapServers = OptionValues.checkBootstrap(ENV_BOOTSTRAP_SERVERS, servers.trim());
        }
        String t = env.get(ENV_TOPIC);
        if (!given.containsKey("--topic") && t != null && !t.isBlank()) {
            topic = OptionValues.checkTopic(ENV_TOPIC, t.trim());
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

    /** {@code 500ms}, {@code 3s}, {@code 1.5m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT3S}. */
    static Duration parseDuration(String name, String v) throws ConfigException {
        return OptionValues.parseDuration(name, v);
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
