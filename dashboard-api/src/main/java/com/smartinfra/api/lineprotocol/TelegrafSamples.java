package com.smartinfra.api.lineprotocol;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.schema.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Telegraf's host measurements as samples: one host's points of the same second (Telegraf stamps
 * every input of one collection with the same time, rounded to the second by default) become one
 * sample, with {@link RealHostMetrics}' meanings:
 *
 * <ul>
 *   <li>{@code cpu}: {@code 100 - usage_idle - usage_iowait} of {@code cpu=cpu-total} (the per-core
 *       points are left aside);
 *   <li>{@code memory}: {@code 100 * (1 - available / total)} of {@code mem}, or its {@code
 *       used_percent} when those fields are missing;
 *   <li>{@code disk}: the highest {@code used_percent} of the {@code disk} points of real
 *       filesystems ({@code fstype}); Telegraf computes it as {@code df} does;
 *   <li>{@code disk_io}: {@code read_bytes + write_bytes} of {@code diskio} per second since the
 *       host's previous sample, whole disks only (no {@code loop}/{@code ram}, no partition of a
 *       disk also reported), in MB/s;
 *   <li>{@code net_io}: {@code bytes_recv + bytes_sent} of {@code net} on every interface but
 *       loopback, per second since the previous sample, in Mbit/s.
 * </ul>
 *
 * A host's sample needs {@code cpu}, {@code mem} and {@code disk}; the rates come from the second
 * sample of a host on (the first only gives the counters). What cannot be mapped (another
 * measurement, a point without {@code host} tag, a second without one of the three) is returned
 * with its line and reason. The previous counters of at most {@link #MAX_HOSTS} hosts are kept.
 */
public final class TelegrafSamples {
    public static final int MAX_HOSTS = 10_000;

    static final String HOST_TAG = "host";
    static final String CPU_TOTAL = "cpu-total";

    /** The measurements this maps; others are reported as not mapped. */
    public static final List<String> MEASUREMENTS = List.of("cpu", "mem", "disk", "diskio", "net");

    private final Map<String, Counters> previous =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Counters> eldest) {
                    return size() > MAX_HOSTS;
                }
            };

    /** A host's I/O counters at a time, for the next sample's rates. */
    private record Counters(long timestampMs, Map<String, Double> disk, Map<String, Double> net) {}

    /** The samples of one write and what of it was not mapped. */
    public record Mapped(List<Sample> samples, List<LineError> unmapped) {}

    /** One host's points of one second. */
    private static final class Group {
        final List<LinePoint> points = new ArrayList<>();
        long timestampMs = Long.MAX_VALUE;
    }

    /**
     * Maps the points of one write; {@code receivedMs} is the time of points without one. Keeps the
     * hosts' counters for the next write.
     */
    public synchronized Mapped map(List<LinePoint> points, long receivedMs) {
        List<LineError> unmapped = new ArrayList<>();
        // host -> second -> points, in time order per host (counters must advance in order)
        Map<String, TreeMap<Long, Group>> groups = new LinkedHashMap<>();
        for (LinePoint p : points) {
            if (!MEASUREMENTS.contains(p.measurement())) {
                unmapped.add(
                        new LineError(
                                p.line(),
                                "measurement '"
                                        + p.measurement()
                                        + "' is not mapped (only "
                                        + String.join(", ", MEASUREMENTS)
                                        + ")"));
                continue;
            }
            String host = p.tags().get(HOST_TAG);
            if (host == null || host.isBlank()) {
                unmapped.add(new LineError(p.line(), "no '" + HOST_TAG + "' tag"));
                continue;
            }
            long t = p.timestampMs() == null ? receivedMs : p.timestampMs();
            Group g =
                    groups.computeIfAbsent(HostName.sanitize(host), h -> new TreeMap<>())
                            .computeIfAbsent(Math.floorDiv(t, 1000L), s -> new Group());
            g.points.add(p);
            g.timestampMs = Math.min(g.timestampMs, t);
        }
        List<Sample> samples = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Long, Group>> host : groups.entrySet()) {
            for (Group g : host.getValue().values()) {
                sample(host.getKey(), g, samples, unmapped);
            }
        }
        unmapped.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return new Mapped(samples, unmapped);
    }

    private void sample(String host, Group g, List<Sample> samples, List<LineError> unmapped) {
        double cpu = Double.NaN;
        double memory = Double.NaN;
        double disk = Double.NaN;
        Map<String, Double> diskBytes = new HashMap<>();
        Map<String, Double> netBytes = new HashMap<>();
        List<String> diskDevices = new ArrayList<>();
        for (LinePoint p : g.points) {
            switch (p.measurement()) {
                case "cpu" -> {
                    if (CPU_TOTAL.equals(p.tags().get("cpu"))) {
                        double idle = p.number("usage_idle");
                        double iowait = p.number("usage_iowait");
                        cpu = 100 - idle - (Double.isNaN(iowait) ? 0 : iowait);
                    }
                }
                case "mem" -> {
                    double total = p.number("total");
                    double available = p.number("available");
                    memory =
                            total > 0 && available >= 0
                                    ? 100 * (1 - available / total)
                                    : p.number("used_percent");
                }
                case "disk" -> {
                    String fstype = p.tags().get("fstype");
                    double used = p.number("used_percent");
                    if ((fstype == null || RealHostMetrics.isRealFilesystem(fstype))
                            && !Double.isNaN(used)) {
                        disk = Double.isNaN(disk) ? used : Math.max(disk, used);
                    }
                }
                case "diskio" -> {
                    String name = p.tags().getOrDefault("name", "");
                    double read = p.number("read_bytes");
                    double written = p.number("write_bytes");
                    if (!Double.isNaN(read) && !Double.isNaN(written)) {
                        diskDevices.add(name);
                        diskBytes.put(name + "/read", read);
                        diskBytes.put(name + "/write", written);
                    }
                }
                case "net" -> {
                    String nic = p.tags().getOrDefault("interface", "");
                    double recv = p.number("bytes_recv");
                    double sent = p.number("bytes_sent");
                    // interface=all carries protocol statistics, no bytes
                    if (!nic.equals(RealHostMetrics.LOOPBACK)
                            && !Double.isNaN(recv)
                            && !Double.isNaN(sent)) {
                        netBytes.put(nic + "/rx", recv);
                        netBytes.put(nic + "/tx", sent);
                    }
                }
                default -> throw new IllegalStateException(p.measurement());
            }
        }
        List<String> missing = new ArrayList<>();
        if (Double.isNaN(cpu)) {
            missing.add("cpu (usage_idle of cpu=cpu-total)");
        }
        if (Double.isNaN(memory)) {
            missing.add("mem (used_percent)");
        }
        if (Double.isNaN(disk)) {
            missing.add("disk (used_percent of a real filesystem)");
        }
        if (!missing.isEmpty()) {
            String reason =
                    "host '"
                            + host
                            + "' at "
                            + java.time.Instant.ofEpochMilli(g.timestampMs)
                            + ": no "
                            + String.join(", no ", missing)
                            + " in this write";
            for (LinePoint p : g.points) {
                unmapped.add(new LineError(p.line(), reason));
            }
            return;
        }
        for (String d : diskDevices) {
            if (!wholeDisk(d, diskDevices)) {
                diskBytes.remove(d + "/read");
                diskBytes.remove(d + "/write");
            }
        }
        Sample s =
                new Sample(
                        host,
                        g.timestampMs,
                        RealHostMetrics.round(RealHostMetrics.percent(cpu)),
                        RealHostMetrics.round(RealHostMetrics.percent(memory)),
                        RealHostMetrics.round(RealHostMetrics.percent(disk)));
        Counters before = previous.get(host);
        if (before != null && g.timestampMs > before.timestampMs()) {
            long millis = g.timestampMs - before.timestampMs();
            if (!diskBytes.isEmpty() && !before.disk().isEmpty()) {
                s.withExtra(
                        RealHostMetrics.DISK_IO,
                        RealHostMetrics.round(
                                RealHostMetrics.megabytesPerSecond(
                                        RealHostMetrics.counterIncrease(before.disk(), diskBytes),
                                        millis)));
            }
            if (!netBytes.isEmpty() && !before.net().isEmpty()) {
                s.withExtra(
                        RealHostMetrics.NET_IO,
                        RealHostMetrics.round(
                                RealHostMetrics.megabitsPerSecond(
                                        RealHostMetrics.counterIncrease(before.net(), netBytes),
                                        millis)));
            }
        }
        if (before == null || g.timestampMs > before.timestampMs()) {
            previous.put(host, new Counters(g.timestampMs, diskBytes, netBytes));
        }
        samples.add(s);
    }

    /**
     * A whole disk: not a loop or ram device, and not a partition of another reported device
     * ({@code sda1} of {@code sda}, {@code nvme0n1p1} of {@code nvme0n1}); Telegraf reports them
     * all, node_exporter leaves them out.
     */
    static boolean wholeDisk(String name, List<String> devices) {
        if (name.startsWith("loop") || name.startsWith("ram") || name.startsWith("zram")) {
            return false;
        }
        for (String other : devices) {
            if (!other.equals(name)
                    && name.startsWith(other)
                    && name.substring(other.length()).matches("p?\\d+")) {
                return false;
            }
        }
        return true;
    }
}
