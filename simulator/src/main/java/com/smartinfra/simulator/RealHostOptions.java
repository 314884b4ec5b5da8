package com.smartinfra.simulator;

import com.smartinfra.simulator.agent.LocalAgentSource;
import com.smartinfra.simulator.agent.LocalMachine;
import com.smartinfra.simulator.realhost.LiveSource;
import com.smartinfra.simulator.scrape.ScrapeSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The options that make the simulator a producer of real machines' samples instead of simulated
 * ones: {@code --scrape} (node_exporter targets) or {@code --local} (this machine through OSHI).
 * Parsed and checked here; {@link SimulatorConfig} hands their names over.
 */
public final class RealHostOptions {
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);
    public static final int MAX_TARGETS = 1000;

    static final String SCRAPE = "--scrape";
    static final String SCRAPE_INTERVAL = "--scrape-interval";
    static final String DISK_MOUNT = "--disk-mount";
    static final String LOCAL = "--local";

    /** Every option of this class; {@link #FLAGS} take no value. */
    static final Set<String> NAMES = Set.of(SCRAPE, SCRAPE_INTERVAL, DISK_MOUNT, LOCAL);

    static final Set<String> FLAGS = Set.of(LOCAL);

    /** Options of the simulated stream, which mean nothing for real machines. */
    private static final List<String> SIMULATION_ONLY =
            List.of(
                    "--hosts",
                    "--anomaly-rate",
                    "--seed",
                    "--start",
                    "--rate",
                    "--fast",
                    "--replay",
                    "--replay-host");

    static final String USAGE =
            String.join(
                    "\n",
                    "  --scrape URL[,URL...]    real machines: scrape these node_exporter /metrics"
                            + " URLs instead of simulating",
                    "  --scrape-interval D      time between two scrapes of one target (default"
                            + " 15s)",
                    "  --local                  real machine: sample this one (OSHI) every"
                            + " --interval instead of simulating",
                    "  --disk-mount PATH        with --scrape or --local: disk is this mount point's"
                            + " usage (default: the fullest real filesystem)");

    private final List<URI> scrape = new ArrayList<>();
    private Duration scrapeInterval = DEFAULT_SCRAPE_INTERVAL;
    private String diskMount;
    private boolean local;

    /** Takes an option of {@link #NAMES}; false for any other. */
    boolean apply(String name, String v) throws ConfigException {
        switch (name) {
            case SCRAPE:
                scrape.addAll(parseTargets(v));
                return true;
            case SCRAPE_INTERVAL:
                scrapeInterval = OptionValues.parseDuration(name, v);
                if (scrapeInterval.compareTo(Duration.ofSeconds(1)) < 0) {
                    throw new ConfigException(SCRAPE_INTERVAL + " must be at least 1s, was " + v);
                }
                return true;
            case DISK_MOUNT:
                if (v.isEmpty()) {
                    throw new ConfigException(DISK_MOUNT + " must name a mount point, e.g. /data");
                }
                diskMount = v;
                return true;
            case LOCAL:
                local = true;
                return true;
            default:
                return false;
        }
    }

    /** Refuses combinations that make no sense; {@code given} holds every option given. */
    void check(Map<String, String> given) throws ConfigException {
        if (!active()) {
            for (String o : List.of(SCRAPE_INTERVAL, DISK_MOUNT)) {
                if (given.containsKey(o)) {
                    throw new ConfigException(
                            o
                                    + " needs "
                                    + (o.equals(DISK_MOUNT) ? "--scrape or --local" : SCRAPE));
                }
            }
            return;
        }
        String mode = local ? LOCAL : SCRAPE;
        if (local && !scrape.isEmpty()) {
            throw new ConfigException(
                    "--scrape and --local cannot be combined: run one simulator for each");
        }
        for (String o : SIMULATION_ONLY) {
            if (given.containsKey(o)) {
                throw new ConfigException(
                        o + " cannot be combined with " + mode + " (it reads real machines)");
            }
        }
        if (local && given.containsKey(SCRAPE_INTERVAL)) {
            throw new ConfigException(
                    SCRAPE_INTERVAL + " needs --scrape (--local samples every --interval)");
        }
        if (!local && given.containsKey("--interval")) {
            throw new ConfigException(
                    "--interval cannot be combined with --scrape: use " + SCRAPE_INTERVAL);
        }
    }

    static List<URI> parseTargets(String v) throws ConfigException {
        Set<URI> targets = new LinkedHashSet<>();
        for (String part : v.split(",", -1)) {
            String t = part.trim();
            URI uri;
            try {
                uri = new URI(t);
            } catch (URISyntaxException e) {
                throw new ConfigException(
                        SCRAPE + " target '" + t + "' is not a URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigException(
                        SCRAPE
                                + " target '"
                                + t
                                + "' must be an http(s) URL with a host, e.g."
                                + " http://web-01:9100/metrics");
            }
            if (!targets.add(uri)) {
                throw new ConfigException(SCRAPE + " target '" + t + "' is given twice");
            }
        }
        if (targets.size() > MAX_TARGETS) {
            throw new ConfigException(SCRAPE + " takes at most " + MAX_TARGETS + " targets");
        }
        return new ArrayList<>(targets);
    }

    /** True when the samples come from real machines. */
    public boolean active() {
        return local || !scrape.isEmpty();
    }

    public boolean local() {
        return local;
    }

    public List<URI> scrapeTargets() {
        return List.copyOf(scrape);
    }

    public Duration scrapeInterval() {
        return scrapeInterval;
    }

    public Optional<String> diskMount() {
        return Optional.ofNullable(diskMount);
    }

    /** Starts reading the real machines; {@code interval} is the simulator's {@code --interval}. */
    LiveSource startSource(Duration interval, CountDownLatch stop) {
        if (local) {
            return new LocalAgentSource(new LocalMachine(), interval, diskMount(), stop).start();
        }
        return new ScrapeSource(scrape, scrapeInterval, diskMount(), stop).start();
    }
}
