package com.smartinfra.schema;

import java.util.Arrays;
import java.util.Objects;

/**
 * One metric sample of one host: the unit of the Kafka wire format.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so the job serializes it without Kryo. The
 * optional numeric metrics ({@code disk_io}, {@code net_io}, ...) travel as two parallel arrays
 * rather than a map: no boxing on the hot path, and a compact serialized form.
 */
public final class Sample {
    private static final String[] NO_NAMES = new String[0];
    private static final double[] NO_VALUES = new double[0];

    /** Host name, {@link HostName#PATTERN}. */
    public String host;

    /** Event time, epoch milliseconds. */
    public long timestamp;

    /** CPU utilisation, percent 0..100. */
    public double cpu;

    /** Memory utilisation, percent 0..100. */
    public double memory;

    /** Disk utilisation, percent 0..100. */
    public double disk;

    /** Names of the optional numeric metrics, parallel to {@link #extraValues}. */
    public String[] extraNames = NO_NAMES;

    /** Values of the optional numeric metrics, parallel to {@link #extraNames}. */
    public double[] extraValues = NO_VALUES;

    /** Label of an injected anomaly (simulator only, for scoring), or {@code null}. */
    public String injected;

    public Sample() {}

    public Sample(String host, long timestamp, double cpu, double memory, double disk) {
        this.host = host;
        this.timestamp = timestamp;
        this.cpu = cpu;
        this.memory = memory;
        this.disk = disk;
    }

    /** Returns this sample with one more optional metric (names are validated by the codec). */
    public Sample withExtra(String name, double value) {
        int n = extraNames.length;
        extraNames = Arrays.copyOf(extraNames, n + 1);
        extraValues = Arrays.copyOf(extraValues, n + 1);
        extraNames[n] = name;
        extraValues[n] = value;
        return this;
    }

    public Sample withInjected(String kind) {
        this.injected = kind;
        return this;
    }

    /** The value of an optional metric, or NaN when absent. */
    public double extra(String name) {
        for (int i = 0; i < extraNames.length; i++) {
            if (extraNames[i].equals(name)) {
                return extraValues[i];
            }
        }
        return Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Sample)) {
            return false;
        }
        Sample s = (Sample) o;
        return timestamp == s.timestamp
                && Double.compare(cpu, s.cpu) == 0
                && Double.compare(memory, s.memory) == 0
                && Double.compare(disk, s.disk) == 0
                && Objects.equals(host, s.host)
                && Arrays.equals(extraNames, s.extraNames)
                && Arrays.equals(extraValues, s.extraValues)
                && Objects.equals(injected, s.injected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, timestamp, cpu, memory, disk);
    }

    @Override
    public String toString() {
        return new String(SampleJson.toJson(this), java.nio.charset.StandardCharsets.UTF_8);
    }
}
