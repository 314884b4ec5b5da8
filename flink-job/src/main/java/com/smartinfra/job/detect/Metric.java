package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;

/** The per-host metrics the detector models; all are percentages in the wire format. */
public enum Metric {
    CPU("cpu"),
    MEMORY("memory"),
    DISK("disk");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    /** The name used in the wire format, in rule names and in explanations. */
    public String label() {
        return label;
    }

    public double valueOf(Sample s) {
        switch (this) {
            case CPU:
                return s.cpu;
            case MEMORY:
                return s.memory;
            case DISK:
                return s.disk;
            default:
                throw new AssertionError(this);
        }
    }
}
