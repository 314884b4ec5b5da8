package com.smartinfra.job.detect;

import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.Sample;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * What a restore costs per host: reading its state back and the one forest rebuild on its first
 * sample after (200 hosts trained on 1,000 samples each by default; three rounds). Before it, what
 * a checkpoint costs per host with the heap backend: {@link HostDetectorSerializer#serialize} (the
 * asynchronous part), {@code deserialize} (a restore's read) and {@code copy} (the copy-on-write of
 * a host touched after a checkpoint, on the task's thread).
 *
 * <pre>
 * bin/smart-infra bench --restore [--hosts N]
 * </pre>
 */
public final class RestoreCostBenchmark {
    private RestoreCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        EvalArgs opts = EvalArgs.parse(args, Set.of("--hosts"), "options: --hosts N");
        int hosts = Integer.parseInt(opts.last("--hosts", "200"));
        DetectorConfig config = DetectorConfig.defaults();
        DetectionStageBenchmark.HostTraffic traffic =
                new DetectionStageBenchmark.HostTraffic(hosts);
        List<HostDetector> detectors = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            detectors.add(new HostDetector("host-" + h, config));
        }
        long perHost = 1_000;
        for (long i = 0; i < perHost * hosts; i++) {
            Sample s = traffic.map(i);
            detectors.get((int) (i % hosts)).process(s);
        }
        List<byte[]> states = new ArrayList<>();
        long bytes = 0;
        for (HostDetector d : detectors) {
            byte[] b = d.toBytes();
            states.add(b);
            bytes += b.length;
        }
        HostDetectorSerializer serializer = new HostDetectorSerializer(config);
        DataOutputSerializer out = new DataOutputSerializer(1 << 20);
        // CPU time of this thread, not wall time: the machine is shared; the first rounds warm up
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 40; round++) {
            out.clear();
            long start = cpu.getCurrentThreadCpuTime();
            for (HostDetector d : detectors) {
                serializer.serialize(d, out);
            }
            long serialized = cpu.getCurrentThreadCpuTime();
            DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer());
            for (int h = 0; h < hosts; h++) {
                serializer.deserialize(in);
            }
            long deserialized = cpu.getCurrentThreadCpuTime();
            for (HostDetector d : detectors) {
                serializer.copy(d);
            }
            long copied = cpu.getCurrentThreadCpuTime();
            if (round < 35) {
                continue;
            }
            System.out.printf(
                    Locale.ROOT,
                    "checkpoint hosts=%d cpu serialize_us_per_host=%.1f deserialize_us_per_host=%.1f"
                            + " copy_us_per_host=%.1f%n",
                    hosts,
                    (serialized - start) / 1e3 / hosts,
                    (deserialized - serialized) / 1e3 / hosts,
                    (copied - deserialized) / 1e3 / hosts);
        }
        for (int round = 0; round < 3; round++) {
            long start = System.nanoTime();
            for (int h = 0; h < hosts; h++) {
                HostDetector d = HostDetector.fromBytes(states.get(h), config);
                d.process(traffic.map(perHost * hosts + h));
            }
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "restore hosts=%d state_bytes_per_host=%d ms_per_host=%.2f total_s=%.2f%n",
                    hosts,
                    bytes / hosts,
                    ms / hosts,
                    ms / 1e3);
        }
    }
}
