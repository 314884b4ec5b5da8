package com.smartinfra.simulator.generator;

import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endless, reproducible, labelled stream of metric samples: pure logic, no I/O, no clock.
 *
 * <p>Samples come tick by tick: at tick {@code t} every host, in {@link #hosts()} order, gets one
 * sample stamped {@code startMillis + t * interval}. About {@code anomalyRate} of all samples are
 * anomalous and carry {@code injected = <kind label>} (see {@link AnomalyKind}); normal samples
 * carry none. The same arguments always give the same stream, and host {@code i}'s samples depend
 * only on the seed and {@code i}, not on how many hosts there are.
 *
 * <pre>{@code
 * SampleGenerator gen = new SampleGenerator(10, 3_000, 0.1, 42L, start);
 * List<Sample> hour = gen.samplesUntil(start + 3_600_000);   // 12 000 labelled samples
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class SampleGenerator implements Iterator<Sample> {
    public static final int DEFAULT_HOSTS = 5;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);
    public static final double DEFAULT_ANOMALY_RATE = 0.1;

    /** Name of the optional disk throughput metric (MB/s). */
    public static final String DISK_IO = "disk_io";

    /** Name of the optional network throughput metric (Mbit/s). */
    public static final String NET_IO = "net_io";

    private static final HostRole[] ROLES = HostRole.values();

    private final List<String> hosts;
    private final HostModel[] models;
    private final AnomalyInjector[] injectors;
    private final long startMillis;
    private final long intervalNanos;
    private final double anomalyRate;
    private final Metrics scratch = new Metrics();
    private final long[] anomaliesByKind = new long[AnomalyKind.values().length];
    private final long seed;
    private FleetIncidentInjector fleet;
    private long fleetAnomalies;
    private long tick;
    private int hostIndex;
    private long generated;
    private long anomalous;

    /**
     * @param hosts number of hosts, at least 1
     * @param intervalMillis time between two samples of one host, at least 1
     * @param anomalyRate fraction of anomalous samples, 0..1
     * @param seed the same seed gives the same stream
     * @param startMillis timestamp (epoch ms) of the first tick
     */
    public SampleGenerator(
            int hosts, long intervalMillis, double anomalyRate, long seed, long startMillis) {
        this(hosts, Duration.ofMillis(intervalMillis), anomalyRate, seed, startMillis);
    }

    /**
     * Like {@link #SampleGenerator(int, long, double, long, long)}, with a sub-millisecond interval
     * allowed (load mode); timestamps are then truncated to the millisecond.
     */
    public SampleGenerator(
            int hosts, Duration interval, double anomalyRate, long seed, long startMillis) {
        if (hosts < 1) {
            throw new IllegalArgumentException("hosts must be at least 1: " + hosts);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.hosts = hostNames(hosts);
        this.models = new HostModel[hosts];
        this.injectors = new AnomalyInjector[hosts];
        for (int i = 0; i < hosts; i++) {
            models[i] =
                    new HostModel(this.hosts.get(i), ROLES[i % ROLES.length], Seeds.of(seed, i, 0));
            injectors[i] = new AnomalyInjector(anomalyRate, Seeds.of(seed, i, 1));
        }
        this.seed = seed;
        this.startMillis = startMillis;
        this.intervalNanos = interval.toNanos();
        this.anomalyRate = anomalyRate;
    }

    /**
     * Deterministic host names, roles in turn: {@code web-01, db-01, cache-01, worker-01, queue-01,
     * web-02, ...}.
     */
    public static List<String> hostNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(
                    String.format("%s-%02d", ROLES[i % ROLES.length].prefix, i / ROLES.length + 1));
        }
        return Collections.unmodifiableList(names);
    }

    /**
     * Adds correlated incidents: roughly once per {@code every}, {@code hosts} hosts turn anomalous
     * together (labelled {@code fleet}; see {@link FleetIncidentInjector}). The hosts' own episodes
     * are unchanged outside those samples. Call before the first sample.
     *
     * @return this generator
     */
    public SampleGenerator withFleetIncidents(Duration every, int hosts) {
        if (generated > 0) {
            throw new IllegalStateException("fleet incidents must be set before the first sample");
        }
        long ticks = Math.max(1, every.toNanos() / intervalNanos);
        fleet = new FleetIncidentInjector(ticks, hosts, models.length, Seeds.of(seed, -1, 0));
        return this;
    }

    /** Label of the samples of a correlated incident across hosts. */
    public static final String FLEET_LABEL = FleetIncidentInjector.LABEL;

    /** Always true: the stream is endless. */
    @Override
    public boolean hasNext() {
        return true;
    }

    /** The next sample (a new object the caller owns). */
    @Override
    public Sample next() {
        long ts = nextTimestamp();
        Metrics m = scratch;
        models[hostIndex].next(ts, m);
        AnomalyKind kind = injectors[hostIndex].apply(m, models[hostIndex]);
        boolean inFleetIncident =
                fleet != null && fleet.apply(tick, hostIndex, m, models[hostIndex]);
        Sample s =
                new Sample(
                        hosts.get(hostIndex),
                        ts,
                        percent(m.cpu),
                        percent(m.memory),
                        percent(m.disk));
        s.extraNames = new String[] {DISK_IO, NET_IO};
        s.extraValues = new double[] {round2(Math.max(0, m.diskIo)), round2(Math.max(0, m.netIo))};
        if (inFleetIncident) {
            s.injected = FLEET_LABEL;
            anomalous++;
            fleetAnomalies++;
        } else if (kind != null) {
            s.injected = kind.label();
            anomalous++;
            anomaliesByKind[kind.ordinal()]++;
        }
        generated++;
        if (++hostIndex == models.length) {
            hostIndex = 0;
            tick++;
        }
        return s;
    }

    /** The next {@code count} samples. */
    public List<Sample> samples(int count) {
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** Every further sample stamped before {@code endMillis} (exclusive). */
    public List<Sample> samplesUntil(long endMillis) {
        List<Sample> out = new ArrayList<>();
        while (nextTimestamp() < endMillis) {
            out.add(next());
        }
        return out;
    }

    /** Timestamp the next sample will carry. */
    public long nextTimestamp() {
        // floor(tick * interval) in ms, split so that tick * nanos cannot overflow
        return startMillis
                + tick * (intervalNanos / 1_000_000)
                + tick * (intervalNanos % 1_000_000) / 1_000_000;
    }

    private static double percent(double v) {
        return round2(HostModel.clamp(v, 0, 100));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Host names, in the order samples of one tick come. */
    public List<String> hosts() {
        return hosts;
    }

    /** The normal-behaviour model of host {@code i} (baselines, peak hour). */
    public HostModel model(int i) {
        return models[i];
    }

    public long startMillis() {
        return startMillis;
    }

    /** Time between two samples of one host. */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    public double anomalyRate() {
        return anomalyRate;
    }

    /** Samples generated so far. */
    public long generated() {
        return generated;
    }

    /** Anomalous samples generated so far. */
    public long anomalous() {
        return anomalous;
    }

    /** Anomalous samples generated so far, per kind label (every kind present, in enum order). */
    public Map<String, Long> anomaliesByKind() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (AnomalyKind k : AnomalyKind.values()) {
            out.put(k.label(), anomaliesByKind[k.ordinal()]);
        }
        if (fleet != null) {
            out.put(FLEET_LABEL, fleetAnomalies);
        }
        return out;
    }
}
