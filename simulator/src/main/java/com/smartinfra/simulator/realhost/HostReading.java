package com.smartinfra.simulator.realhost;

import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.schema.Sample;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a real machine reported at one moment: its counters (CPU time, disk and network bytes) and
 * gauges (memory, filesystems). Two readings make a {@link Sample}: the counters' increases between
 * them give the CPU share and the I/O rates. Both sources of real machines (a node_exporter scrape,
 * the local agent) read into this, so a sample means the same whichever made it ({@link
 * RealHostMetrics}).
 *
 * @param timestamp when it was read, epoch ms
 * @param cpuBusy per series (e.g. {@code cpu0/user}) time the CPUs worked: every mode but idle and
 *     iowait, any unit
 * @param cpuIdle per series time idle or waiting for I/O, the same unit
 * @param memTotal bytes of memory
 * @param memAvailable bytes available to start new work without swapping ({@code MemAvailable})
 * @param filesystems the mounted filesystems
 * @param diskBytes per series (e.g. {@code sda/read}) bytes read or written since boot
 * @param netBytes per series (e.g. {@code eth0/rx}) bytes received or sent since boot, loopback
 *     left out
 */
public record HostReading(
        long timestamp,
        Map<String, Double> cpuBusy,
        Map<String, Double> cpuIdle,
        double memTotal,
        double memAvailable,
        List<Filesystem> filesystems,
        Map<String, Double> diskBytes,
        Map<String, Double> netBytes) {

    /**
     * The sample of {@code host} over the time from {@code previous} to this reading.
     *
     * @param mountPoint the filesystem whose usage is {@code disk}; empty: the fullest real one
     * @throws ReadingException when a required metric cannot be derived (no CPU time passed, no
     *     memory figures, no such filesystem)
     */
    public Sample sampleSince(HostReading previous, String host, Optional<String> mountPoint)
            throws ReadingException {
        long millis = timestamp - previous.timestamp;
        if (millis <= 0) {
            throw new ReadingException("the readings are not in time order");
        }
        double busy = RealHostMetrics.counterIncrease(previous.cpuBusy, cpuBusy);
        double idle = RealHostMetrics.counterIncrease(previous.cpuIdle, cpuIdle);
        if (!(busy + idle > 0)) {
            throw new ReadingException("no CPU time passed between two readings");
        }
        double cpu = RealHostMetrics.percent(100.0 * busy / (busy + idle));
        if (!(memTotal > 0) || !(memAvailable >= 0)) {
            throw new ReadingException("no memory figures (MemTotal, MemAvailable)");
        }
        double memory = RealHostMetrics.percent(100.0 * (1 - memAvailable / memTotal));
        double disk = disk(mountPoint);
        Sample s =
                new Sample(
                        host,
                        timestamp,
                        RealHostMetrics.round(cpu),
                        RealHostMetrics.round(memory),
                        RealHostMetrics.round(disk));
        if (!diskBytes.isEmpty() && !previous.diskBytes.isEmpty()) {
            s.withExtra(
                    RealHostMetrics.DISK_IO,
                    RealHostMetrics.round(
                            RealHostMetrics.megabytesPerSecond(
                                    RealHostMetrics.counterIncrease(previous.diskBytes, diskBytes),
                                    millis)));
        }
        if (!netBytes.isEmpty() && !previous.netBytes.isEmpty()) {
            s.withExtra(
                    RealHostMetrics.NET_IO,
                    RealHostMetrics.round(
                            RealHostMetrics.megabitsPerSecond(
                                    RealHostMetrics.counterIncrease(previous.netBytes, netBytes),
                                    millis)));
        }
        return s;
    }

    /** Percent used of the chosen filesystem, or of the fullest real one. */
    double disk(Optional<String> mountPoint) throws ReadingException {
        double fullest = Double.NaN;
        for (Filesystem f : filesystems) {
            double used = RealHostMetrics.usedPercent(f.size(), f.free(), f.available());
            if (mountPoint.isPresent()) {
                if (f.mountPoint().equals(mountPoint.get())) {
                    if (Double.isNaN(used)) {
                        throw new ReadingException(
                                "filesystem " + mountPoint.get() + " reports no size");
                    }
                    return used;
                }
            } else if (RealHostMetrics.isRealFilesystem(f.fstype())
                    && !Double.isNaN(used)
                    && !(used <= fullest)) {
                fullest = used;
            }
        }
        if (mountPoint.isPresent()) {
            throw new ReadingException(
                    "no filesystem is mounted at "
                            + mountPoint.get()
                            + " (mounted: "
                            + mountPoints()
                            + ")");
        }
        if (Double.isNaN(fullest)) {
            throw new ReadingException(
                    "no real filesystem to measure (mounted: " + mountPoints() + ")");
        }
        return fullest;
    }

    private String mountPoints() {
        StringBuilder b = new StringBuilder();
        for (Filesystem f : filesystems) {
            if (b.length() > 200) {
                b.append(", ...");
                break;
            }
            b.append(b.length() == 0 ? "" : ", ").append(f.mountPoint()).append(' ');
            b.append(f.fstype());
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
