package com.smartinfra.job.detect;

import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a restore costs per host: reading its state back and the one forest rebuild on its first
 * sample after (200 hosts trained on 1,000 samples each by default; three rounds).
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
