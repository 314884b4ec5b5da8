package com.smartinfra.simulator.scrape;

import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.simulator.realhost.Filesystem;
import com.smartinfra.simulator.realhost.HostReading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node_exporter's {@code /metrics} read into a {@link HostReading}, from these series (the
 * collectors cpu, meminfo, filesystem, diskstats, netdev and uname, all on by default):
 *
 * <ul>
 *   <li>{@code node_cpu_seconds_total{cpu,mode}}: idle and iowait are idle, every other mode busy;
 *   <li>{@code node_memory_MemTotal_bytes}, {@code node_memory_MemAvailable_bytes};
 *   <li>{@code node_filesystem_size_bytes}, {@code _free_bytes}, {@code _avail_bytes} by {@code
 *       mountpoint} and {@code fstype} (leaving out those with {@code node_filesystem_device_error}
 *       1);
 *   <li>{@code node_disk_read_bytes_total}, {@code node_disk_written_bytes_total} by {@code device}
 *       (node_exporter already leaves out partitions, ram and loop devices);
 *   <li>{@code node_network_receive_bytes_total}, {@code _transmit_bytes_total} by {@code device},
 *       without loopback;
 *   <li>{@code node_uname_info{nodename}}: the machine's name.
 * </ul>
 */
final class NodeExporterReading implements PrometheusText.Visitor {
    private final Map<String, Double> cpuBusy = new HashMap<>();
    private final Map<String, Double> cpuIdle = new HashMap<>();
    private double memTotal = Double.NaN;
    private double memAvailable = Double.NaN;
    private final Map<String, double[]> filesystems = new LinkedHashMap<>();
    private final Map<String, String> fstypes = new HashMap<>();
    private final Set<String> deviceErrors = new HashSet<>();
    private final Map<String, Double> diskBytes = new HashMap<>();
    private final Map<String, Double> netBytes = new HashMap<>();
    private String nodename;

    private NodeExporterReading() {}

    /** Parses a {@code /metrics} answer read at {@code timestamp}. */
    static NodeExporterReading parse(String text) throws PrometheusTextException {
        NodeExporterReading r = new NodeExporterReading();
        PrometheusText.parse(text, r);
        return r;
    }

    @Override
    public void sample(String name, Map<String, String> labels, double value, long timestamp) {
        switch (name) {
            case "node_cpu_seconds_total":
                String mode = labels.getOrDefault("mode", "");
                String series = labels.getOrDefault("cpu", "") + "/" + mode;
                if (mode.equals("idle") || mode.equals("iowait")) {
                    cpuIdle.put(series, value);
                } else {
                    cpuBusy.put(series, value);
                }
                break;
            case "node_memory_MemTotal_bytes":
                memTotal = value;
                break;
            case "node_memory_MemAvailable_bytes":
                memAvailable = value;
                break;
            case "node_filesystem_size_bytes":
                filesystem(labels)[0] = value;
                break;
            case "node_filesystem_free_bytes":
                filesystem(labels)[1] = value;
                break;
            case "node_filesystem_avail_bytes":
                filesystem(labels)[2] = value;
                break;
            case "node_filesystem_device_error":
                if (value != 0) {
                    deviceErrors.add(labels.getOrDefault("mountpoint", ""));
                }
                break;
            case "node_disk_read_bytes_total":
                diskBytes.put(labels.getOrDefault("device", "") + "/read", value);
                break;
            case "node_disk_written_bytes_total":
                diskBytes.put(labels.getOrDefault("device", "") + "/write", value);
                break;
            case "node_network_receive_bytes_total":
                network(labels, "/rx", value);
                break;
            case "node_network_transmit_bytes_total":
                network(labels, "/tx", value);
                break;
            case "node_uname_info":
                nodename = labels.get("nodename");
                break;
            default:
                break;
        }
    }

    private double[] filesystem(Map<String, String> labels) {
        String mount = labels.getOrDefault("mountpoint", "");
        fstypes.putIfAbsent(mount, labels.getOrDefault("fstype", ""));
        return filesystems.computeIfAbsent(
                mount, m -> new double[] {Double.NaN, Double.NaN, Double.NaN});
    }

    private void network(Map<String, String> labels, String direction, double value) {
        String device = labels.getOrDefault("device", "");
        if (!device.equals(RealHostMetrics.LOOPBACK)) {
            netBytes.put(device + direction, value);
        }
    }

    /** The machine's name as node_exporter reports it ({@code uname -n}), or null. */
    String nodename() {
        return nodename;
    }

    HostReading reading(long timestamp) {
        List<Filesystem> fs = new ArrayList<>();
        for (Map.Entry<String, double[]> e : filesystems.entrySet()) {
            if (!deviceErrors.contains(e.getKey())) {
                double[] v = e.getValue();
                fs.add(new Filesystem(e.getKey(), fstypes.get(e.getKey()), v[0], v[1], v[2]));
            }
        }
        return new HostReading(
                timestamp,
                Map.copyOf(cpuBusy),
                Map.copyOf(cpuIdle),
                memTotal,
                memAvailable,
                List.copyOf(fs),
                Map.copyOf(diskBytes),
                Map.copyOf(netBytes));
    }
}
