package com.smartinfra.job.stats;

import com.smartinfra.schema.Sample;

/**
 * The state of one host's window: a {@link MetricSummary} per metric. Small (a few hundred bytes
 * for a 1-minute window of samples a few seconds apart) and a Flink POJO.
 */
public final class StatsAccumulator {
    public MetricSummary cpu = new MetricSummary();
    public MetricSummary memory = new MetricSummary();
    public MetricSummary disk = new MetricSummary();

    public StatsAccumulator() {}

    public void add(Sample s) {
        cpu.add(s.cpu);
        memory.add(s.memory);
        disk.add(s.disk);
    }

    public void merge(StatsAccumulator o) {
        cpu.merge(o.cpu);
        memory.merge(o.memory);
        disk.merge(o.disk);
    }

    public long count() {
        return cpu.count;
    }

    /** The summaries in {@link HostStats} array order: cpu, memory, disk. */
    MetricSummary metric(int i) {
        switch (i) {
            case HostStats.CPU:
                return cpu;
            case HostStats.MEMORY:
                return memory;
            case HostStats.DISK:
                return disk;
            default:
                throw new IndexOutOfBoundsException(i);
        }
    }
}
