package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The detection stage (samples keyed by host → {@link DetectionFunction} → discarded) on a local
 * Flink cluster with a chosen state backend and checkpoint interval, and the cost of a restore.
 *
 * <pre>
 * bin/smart-infra bench --stage [--backend hashmap|rocksdb] [--hosts N] [--samples N]
 *                               [--parallelism N] [--checkpoint-interval 10s]
 * bin/smart-infra bench --stage --restore [--hosts N]
 * </pre>
 *
 * Prints one line per run: {@code stage backend=... samples_per_s=...}. Not a test: figures go to
 * docs/benchmarks.md with the command that produced them.
 */
public final class DetectionStageBenchmark {
    private static final long T0 = 1_750_000_000_000L;

    private DetectionStageBenchmark() {}

    public static void main(String[] args) throws Exception {
        String backend = "hashmap";
        int hosts = 10;
        long samples = 200_000;
        int parallelism = 1;
        Duration interval = Duration.ofSeconds(10);
        boolean restore = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--backend" -> backend = args[++i];
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Long.parseLong(args[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--checkpoint-interval" ->
                        interval = Duration.parse("PT" + args[++i].toUpperCase(Locale.ROOT));
                case "--restore" -> restore = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (restore) {
            restore(hosts);
        } else {
            stage(backend, hosts, samples, parallelism, interval);
        }
    }

    /**
     * Samples of {@code hosts} hosts, one each every 3 s, round robin: level, a slow wave, noise.
     */
    static final class HostTraffic implements GeneratorFunction<Long, Sample> {
        private static final long serialVersionUID = 1L;
        private final int hosts;

        HostTraffic(int hosts) {
            this.hosts = hosts;
        }

        @Override
        public Sample map(Long index) {
            long i = index;
            int h = (int) (i % hosts);
            long step = i / hosts;
            SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
            double wave = Math.sin(step / 400.0 + h);
            return new Sample(
                    "host-" + h,
                    T0 + step * 3_000L,
                    35 + 8 * wave + r.nextGaussian() * 3,
                    55 + 3 * wave + r.nextGaussian(),
                    40 + step * 1e-5 + r.nextGaussian() * 0.2);
        }
    }

    private static void stage(
            String backend, int hosts, long samples, int parallelism, Duration interval)
            throws Exception {
        Path checkpoints = Files.createTempDirectory("stage-bench-checkpoints");
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);

        DataGeneratorSource<Sample> source =
                new DataGeneratorSource<>(
                        new HostTraffic(hosts), samples, TypeInformation.of(Sample.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "samples")
                .keyBy(s -> s.host)
                .process(new DetectionFunction(DetectorConfig.defaults(), Duration.ofHours(1)))
                .sinkTo(new DiscardingSink<>());

        long builds = ForestModel.builds();
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("detection stage benchmark");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "stage backend=%s hosts=%d samples=%d parallelism=%d checkpoint_interval=%ds"
                        + " seconds=%.1f net_runtime_s=%.1f samples_per_s=%.0f forests_built=%d%n",
                backend,
                hosts,
                samples,
                parallelism,
                interval.toSeconds(),
                seconds,
                result.getNetRuntime() / 1e3,
                samples / seconds,
                ForestModel.builds() - builds);
    }

    /** What a restore costs per host: reading its state back and the one forest rebuild after. */
    private static void restore(int hosts) throws Exception {
        DetectorConfig config = DetectorConfig.defaults();
        HostTraffic traffic = new HostTraffic(hosts);
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
