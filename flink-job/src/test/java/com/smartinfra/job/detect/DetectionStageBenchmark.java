package com.smartinfra.job.detect;

import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
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
 * Flink cluster with a chosen state backend and checkpoint interval ({@link RestoreCostBenchmark}:
 * what a restore costs).
 *
 * <pre>
 * bin/smart-infra bench --stage [--backend hashmap|rocksdb] [--hosts N] [--samples N]
 *                               [--parallelism N] [--checkpoint-interval 10s]
 * </pre>
 *
 * Prints one line per run: {@code stage backend=... samples_per_s=...}. Not a test: figures go to
 * docs/benchmarks.md with the command that produced them.
 */
public final class DetectionStageBenchmark {
    private static final long T0 = 1_750_000_000_000L;

    private DetectionStageBenchmark() {}

    public static void main(String[] args) throws Exception {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of(
                                "--backend",
                                "--hosts",
                                "--samples",
                                "--parallelism",
                                "--checkpoint-interval"),
                        "options: --backend hashmap|rocksdb --hosts N --samples N --parallelism N"
                                + " --checkpoint-interval 10s");
        stage(
                opts.last("--backend", "hashmap"),
                Integer.parseInt(opts.last("--hosts", "10")),
                Long.parseLong(opts.last("--samples", "200000")),
                Integer.parseInt(opts.last("--parallelism", "1")),
                Duration.parse(
                        "PT" + opts.last("--checkpoint-interval", "10s").toUpperCase(Locale.ROOT)));
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
}
