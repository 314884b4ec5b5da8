package com.smartinfra.simulator.generator;

/**
 * The anomalies the simulator injects. The {@link #label()} travels in the sample's {@code
 * injected} field so a detector's findings can be scored against the truth.
 */
public enum AnomalyKind {
    /** CPU jumps above 90% for 1 to 3 samples. */
    CPU_SPIKE("cpu_spike", 1, 3),
    /** Memory climbs from 80% to a peak above 90% over 6 to 12 samples, then drops (restart). */
    MEMORY_LEAK("memory_leak", 6, 12),
    /** Disk climbs from 85% to a peak above 95% over 6 to 12 samples, then drops (cleanup). */
    DISK_FILL("disk_fill", 6, 12),
    /** CPU, memory, disk_io and net_io all high together for 3 to 6 samples. */
    OVERLOAD("overload", 3, 6);

    private final String label;
    private final int minLength;
    private final int maxLength;

    AnomalyKind(String label, int minLength, int maxLength) {
        this.label = label;
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    /** The value of the sample's {@code injected} field. */
    public String label() {
        return label;
    }

    /** Fewest consecutive anomalous samples of one episode. */
    public int minLength() {
        return minLength;
    }

    /** Most consecutive anomalous samples of one episode. */
    public int maxLength() {
        return maxLength;
    }

    /** The kind with this label, or {@code null}. */
    public static AnomalyKind fromLabel(String label) {
        for (AnomalyKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        return null;
    }

    /** Mean episode length when every kind is equally likely. */
    static double meanEpisodeLength() {
        double sum = 0;
        for (AnomalyKind k : values()) {
            sum += (k.minLength + k.maxLength) / 2.0;
        }
        return sum / values().length;
    }
}
