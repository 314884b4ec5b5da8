package com.smartinfra.simulator.realhost;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.schema.Sample;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The test's own reading of this machine, straight from {@code /proc} (and {@code statvfs} for the
 * filesystem), independent of the code under test: the truth a sample of this machine is checked
 * against.
 *
 * <p>A reader under test (node_exporter, OSHI) reads between two of these: one just before and one
 * just after. Counters only grow, so what it saw grew by at least the increase from the "after" of
 * its first reading to the "before" of its second, and by at most the increase from the "before" of
 * its first to the "after" of its second. {@link #check} asserts the sample lies in that bracket
 * (plus the sample's rounding to two decimals): the tolerance is what the machine did while the
 * readers read, measured, not guessed.
 */
public record ProcTruth(
        double cpuBusy,
        double cpuIdle,
        double memTotal,
        double memAvailable,
        double diskBytes,
        double netBytes,
        double fsSize,
        double fsFree,
        double fsAvailable) {

    /** Reads /proc/stat, /proc/meminfo, /proc/diskstats, /proc/net/dev and {@code mount}. */
    public static ProcTruth read(String mount) throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal ...
        double busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Double.parseDouble(cpu[i]);
        }
        double idle = Double.parseDouble(cpu[4]) + Double.parseDouble(cpu[5]);
        double memTotal = 0;
        double memAvailable = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            String[] f = line.trim().split("\\s+");
            if (f[0].equals("MemTotal:")) {
                memTotal = Double.parseDouble(f[1]) * 1024;
            } else if (f[0].equals("MemAvailable:")) {
                memAvailable = Double.parseDouble(f[1]) * 1024;
            }
        }
        double disk = 0;
        Set<String> disks = wholeDisks();
        for (String line : Files.readAllLines(Path.of("/proc/diskstats"))) {
            String[] f = line.trim().split("\\s+");
            if (disks.contains(f[2])) {
                // sectors read (6th) and written (10th), 512 bytes each whatever the device
                disk += (Double.parseDouble(f[5]) + Double.parseDouble(f[9])) * 512;
            }
        }
        double net = 0;
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String device = line.substring(0, colon).trim();
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (!device.equals("lo")) {
                net += Double.parseDouble(f[0]) + Double.parseDouble(f[8]);
            }
        }
        FileStore fs = Files.getFileStore(Path.of(mount));
        return new ProcTruth(
                busy,
                idle,
                memTotal,
                memAvailable,
                disk,
                net,
                fs.getTotalSpace(),
                fs.getUnallocatedSpace(),
                fs.getUsableSpace());
    }

    /** Block devices that are whole disks, not loop or ram devices (node_exporter's default). */
    private static Set<String> wholeDisks() throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> s = Files.list(Path.of("/sys/block"))) {
            s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("loop") && !n.startsWith("ram"))
                    .forEach(out::add);
        }
        return out;
    }

    double memoryPercent() {
        return 100 * (1 - memAvailable / memTotal);
    }

    double diskPercent() {
        return RealHostMetrics.usedPercent(fsSize, fsFree, fsAvailable);
    }

    /** What one bracket allowed and what the sample said, for the test's report. */
    public record Check(String metric, double value, double low, double high) {
        @Override
        public String toString() {
            return String.format(
                    "%-8s %10.3f in [%10.3f, %10.3f] (bracket width %.3f)",
                    metric, value, low, high, high - low);
        }
    }

    /**
     * Asserts that {@code s}, made from two readings taken between {@code before0}/{@code after0}
     * and {@code before1}/{@code after1}, {@code millis} apart, lies within what /proc allows.
     */
    public static List<Check> check(
            Sample s,
            long millis,
            ProcTruth before0,
            ProcTruth after0,
            ProcTruth before1,
            ProcTruth after1) {
        double rounding = 0.005 + 1e-9;
        double bi = before1.cpuBusy - after0.cpuBusy;
        double bo = after1.cpuBusy - before0.cpuBusy;
        double ii = before1.cpuIdle - after0.cpuIdle;
        double io = after1.cpuIdle - before0.cpuIdle;
        // node_exporter sums the per-CPU lines of /proc/stat, this reads the aggregate line: each
        // is
        // rounded to whole ticks on its own, so they may differ by about a tick per CPU and reading
        // (seen: 0.25 points over 1.6 s on 2 CPUs)
        double ticks = 2.0 * Runtime.getRuntime().availableProcessors();
        double cpuTolerance = 100 * ticks / Math.max(1e-9, bi + ii);
        Check cpu =
                new Check(
                        "cpu",
                        s.cpu,
                        100 * bi / Math.max(1e-9, bi + io) - rounding - cpuTolerance,
                        100 * bo / Math.max(1e-9, bo + ii) + rounding + cpuTolerance);
        Check memory =
                new Check(
                        "memory",
                        s.memory,
                        Math.min(before1.memoryPercent(), after1.memoryPercent()) - rounding,
                        Math.max(before1.memoryPercent(), after1.memoryPercent()) + rounding);
        Check disk =
                new Check(
                        "disk",
                        s.disk,
                        Math.min(before1.diskPercent(), after1.diskPercent()) - rounding,
                        Math.max(before1.diskPercent(), after1.diskPercent()) + rounding);
        double seconds = millis / 1000.0;
        Check diskIo =
                new Check(
                        "disk_io",
                        s.extra(RealHostMetrics.DISK_IO),
                        (before1.diskBytes - after0.diskBytes) / 1e6 / seconds - rounding,
                        (after1.diskBytes - before0.diskBytes) / 1e6 / seconds + rounding);
        Check netIo =
                new Check(
                        "net_io",
                        s.extra(RealHostMetrics.NET_IO),
                        (before1.netBytes - after0.netBytes) * 8 / 1e6 / seconds - rounding,
                        (after1.netBytes - before0.netBytes) * 8 / 1e6 / seconds + rounding);
        List<Check> checks = List.of(cpu, memory, disk, diskIo, netIo);
        for (Check c : checks) {
            assertThat(c.value()).as(c.toString()).isBetween(c.low(), c.high());
        }
        return checks;
    }
}
