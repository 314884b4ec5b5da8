package com.smartinfra.schema;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a sample of a real machine means, whichever way it came in (a node_exporter scrape, the
 * local agent, InfluxDB line protocol from Telegraf): the same filesystems count for {@code disk},
 * the same units for the I/O rates, the same rule for counters that went back to zero. Kept in one
 * place so that a host's tile means the same whatever reports it.
 *
 * <ul>
 *   <li>{@code cpu}: percent of all cores' time spent neither idle nor waiting for I/O;
 *   <li>{@code memory}: {@code 100 * (1 - MemAvailable / MemTotal)};
 *   <li>{@code disk}: the fullest real filesystem, as {@code df} counts it: {@code used / (used +
 *       available to users)} with {@code used = size - free};
 *   <li>{@link #DISK_IO}: bytes read plus written per second, in MB/s (10^6 bytes), as the
 *       simulator's {@code disk_io};
 *   <li>{@link #NET_IO}: bytes received plus sent per second on every interface but loopback, in
 *       Mbit/s (10^6 bits), as the simulator's {@code net_io}.
 * </ul>
 */
public final class RealHostMetrics {
    public static final String DISK_IO = "disk_io";
    public static final String NET_IO = "net_io";

    /** The loopback interface: traffic a machine sends itself is no network I/O. */
    public static final String LOOPBACK = "lo";

    /**
     * Filesystems that hold no data of the machine's disks: memory-backed, kernel interfaces,
     * read-only images (a squashfs is always 100 % full), container layers and network shares.
     */
    private static final Set<String> NOT_REAL =
            Set.of(
                    "autofs",
                    "aufs",
                    "binfmt_misc",
                    "bpf",
                    "cgroup",
                    "cgroup2",
                    "cifs",
                    "configfs",
                    "debugfs",
                    "devfs",
                    "devpts",
                    "devtmpfs",
                    "efivarfs",
                    "fusectl",
                    "hugetlbfs",
                    "iso9660",
                    "mqueue",
                    "nfs",
                    "nfs4",
                    "nsfs",
                    "overlay",
                    "proc",
                    "procfs",
                    "pstore",
                    "ramfs",
                    "rpc_pipefs",
                    "securityfs",
                    "selinuxfs",
                    "smb3",
                    "smbfs",
                    "squashfs",
                    "sysfs",
                    "tmpfs",
                    "tracefs",
                    "udf");

    private RealHostMetrics() {}

    /**
     * True for a filesystem type whose usage is the machine's disk usage ({@code ext4}, {@code
     * xfs}, {@code btrfs}, ...); false for the types above and every {@code fuse.*} one.
     */
    public static boolean isRealFilesystem(String fstype) {
        if (fstype == null || fstype.isEmpty()) {
            return false;
        }
        String t = fstype.toLowerCase(Locale.ROOT);
        return !NOT_REAL.contains(t) && !t.startsWith("fuse.") && !t.equals("fuse");
    }

    /**
     * Percent of a filesystem in use as {@code df} shows it, from its size, its free bytes and the
     * bytes available to unprivileged users (free minus the reserve); NaN for an empty one.
     */
    public static double usedPercent(double size, double free, double available) {
        double used = size - free;
        double base = used + available;
        if (!(size > 0) || !(base > 0)) {
            return Double.NaN;
        }
        return percent(100.0 * used / base);
    }

    /**
     * How much a counter grew from {@code previous} to {@code current}. A counter that went down
     * was reset (a reboot, a driver reload, a wrap): it counted up from zero since, so the increase
     * is {@code current}, as Prometheus' {@code rate()} takes it.
     */
    public static double counterIncrease(double previous, double current) {
        return current >= previous ? current - previous : current;
    }

    /**
     * How much a set of counters (e.g. per device) grew from {@code before} to {@code after}, each
     * by {@link #counterIncrease(double, double)}; a counter only one of them has is left out (a
     * device that came or went).
     */
    public static double counterIncrease(Map<String, Double> before, Map<String, Double> after) {
        double sum = 0;
        for (Map.Entry<String, Double> e : after.entrySet()) {
            Double old = before.get(e.getKey());
            if (old != null) {
                sum += counterIncrease(old, e.getValue());
            }
        }
        return sum;
    }

    /** Two decimals: finer than any reading is exact, and short on the wire. */
    public static double round(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    /** {@code p} within 0..100 (rounding can put a share of 100 a hair outside); NaN stays NaN. */
    public static double percent(double p) {
        if (Double.isNaN(p)) {
            return p;
        }
        return Math.max(0.0, Math.min(100.0, p));
    }

    /** MB/s (10^6 bytes) from bytes over milliseconds. */
    public static double megabytesPerSecond(double bytes, long millis) {
        return bytes / 1e6 / (millis / 1000.0);
    }

    /** Mbit/s (10^6 bits) from bytes over milliseconds. */
    public static double megabitsPerSecond(double bytes, long millis) {
        return bytes * 8 / 1e6 / (millis / 1000.0);
    }
}
