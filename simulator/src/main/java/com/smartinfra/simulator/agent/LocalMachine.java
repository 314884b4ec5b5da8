package com.smartinfra.simulator.agent;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.simulator.realhost.Filesystem;
import com.smartinfra.simulator.realhost.HostReading;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.CentralProcessor.TickType;
import oshi.hardware.GlobalMemory;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.software.os.OSFileStore;
import oshi.software.os.OperatingSystem;

/**
 * This machine read through OSHI into a {@link HostReading}: CPU ticks of all cores (idle and
 * iowait idle, the rest busy), total and available memory, the local filesystems, the bytes read
 * and written by each disk, and the bytes received and sent by each network interface but loopback.
 * On Linux OSHI reads the same {@code /proc} files node_exporter does.
 */
public final class LocalMachine {
    private static final TickType[] IDLE = {TickType.IDLE, TickType.IOWAIT};
    private static final TickType[] BUSY = {
        TickType.USER,
        TickType.NICE,
        TickType.SYSTEM,
        TickType.IRQ,
        TickType.SOFTIRQ,
        TickType.STEAL
    };

    private final CentralProcessor processor;
    private final GlobalMemory memory;
    private final OperatingSystem os;
    private final List<HWDiskStore> disks;
    private final List<NetworkIF> interfaces;
    private final String hostName;

    public LocalMachine() {
        SystemInfo si = new SystemInfo();
        HardwareAbstractionLayer hal = si.getHardware();
        this.processor = hal.getProcessor();
        this.memory = hal.getMemory();
        this.os = si.getOperatingSystem();
        // enumerated once (OSHI walks udev for disks); their counters are refreshed on each read
        this.disks = hal.getDiskStores();
        this.interfaces = hal.getNetworkIFs();
        this.hostName = HostName.sanitize(name(os));
    }

    /**
     * The kernel's name for this machine ({@code uname -n}, what node_exporter and Telegraf report
     * too), or OSHI's where there is no {@code /proc}.
     */
    private static String name(OperatingSystem os) {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        try {
            if (Files.isReadable(kernel)) {
                String n = Files.readString(kernel, StandardCharsets.UTF_8).trim();
                if (!n.isEmpty()) {
                    return n;
                }
            }
        } catch (IOException e) {
            // fall back to OSHI's
        }
        String n = os.getNetworkParams().getHostName();
        return n == null || n.isBlank() ? "localhost" : n;
    }

    /** This machine's host name, made valid ({@link HostName#sanitize}). */
    public String hostName() {
        return hostName;
    }

    /** Reads everything now. */
    public HostReading read(long timestamp) {
        long[] ticks = processor.getSystemCpuLoadTicks();
        Map<String, Double> busy = new HashMap<>();
        Map<String, Double> idle = new HashMap<>();
        for (TickType t : BUSY) {
            busy.put(t.name(), (double) ticks[t.getIndex()]);
        }
        for (TickType t : IDLE) {
            idle.put(t.name(), (double) ticks[t.getIndex()]);
        }
        List<Filesystem> filesystems = new ArrayList<>();
        for (OSFileStore f : os.getFileSystem().getFileStores(true)) {
            filesystems.add(
                    new Filesystem(
                            f.getMount(),
                            f.getType(),
                            f.getTotalSpace(),
                            f.getFreeSpace(),
                            f.getUsableSpace()));
        }
        Map<String, Double> diskBytes = new HashMap<>();
        for (HWDiskStore d : disks) {
            if (d.updateAttributes()) {
                diskBytes.put(d.getName() + "/read", (double) d.getReadBytes());
                diskBytes.put(d.getName() + "/write", (double) d.getWriteBytes());
            }
        }
        Map<String, Double> netBytes = new HashMap<>();
        for (NetworkIF n : interfaces) {
            if (!n.getName().equals(RealHostMetrics.LOOPBACK) && n.updateAttributes()) {
                netBytes.put(n.getName() + "/rx", (double) n.getBytesRecv());
                netBytes.put(n.getName() + "/tx", (double) n.getBytesSent());
            }
        }
        return new HostReading(
                timestamp,
                busy,
                idle,
                memory.getTotal(),
                memory.getAvailable(),
                filesystems,
                diskBytes,
                netBytes);
    }
}
