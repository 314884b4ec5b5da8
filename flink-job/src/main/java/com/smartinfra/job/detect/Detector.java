package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The detector for many hosts: one {@link HostDetector} per host name, created on first sight. In
 * the Flink job each key holds its {@link HostDetector} directly; this class serves plain Java
 * callers (evaluation, tests).
 */
public final class Detector {
    private final DetectorConfig config;
    private final Map<String, HostDetector> hosts = new HashMap<>();

    public Detector(DetectorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Judges one sample; returns the anomaly or null. */
    public Anomaly process(Sample s) {
        return host(s.host).process(s);
    }

    /** The detector of one host, created when first asked for. */
    public HostDetector host(String name) {
        return hosts.computeIfAbsent(name, h -> new HostDetector(h, config));
    }

    public int hostCount() {
        return hosts.size();
    }

    public byte[] snapshot(String name) {
        HostDetector d = hosts.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no state for host '" + name + "'");
        }
        return d.toBytes();
    }

    /** Replaces (or adds) a host's detector by the one in {@code state}; returns its name. */
    public String restore(byte[] state) throws IOException {
        HostDetector d = HostDetector.fromBytes(state, config);
        hosts.put(d.host(), d);
        return d.host();
    }
}
