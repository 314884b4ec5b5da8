package com.smartinfra.job;

import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.job.ingest.IngestRecord;
import com.smartinfra.job.ingest.WireRecordGenerator;
import com.smartinfra.schema.SilenceCommand;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job's own graph ({@link SmartInfraJob#buildPipeline(StreamExecutionEnvironment,
 * JobConfig, PipelineSources, PipelineSinks)}: parse and validate, statistics windows, detection,
 * anomaly rates, alert lifecycle) fed by a generator of the simulator's wire records ({@link
 * WireRecordGenerator}: JSON bytes, parsed by the job) into discarding sinks, on a local Flink
 * cluster with the deployment's state backend and checkpoint interval, read from {@code
 * flink-conf/config.yaml}. No servers: what it measures is the job's own work.
 *
 * <pre>
 * bin/smart-infra bench --pipeline [--hosts N] [--samples N] [--parallelism N]
 * </pre>
 *
 * Prints one line: {@code pipeline ... samples_per_s=<n> samples_per_cpu_s=<n>}; the latter divides
 * by the CPU time the process used (all threads: Flink, JIT, GC), the honest "per core" figure on a
 * shared machine. The load average is printed beside it.
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of("--hosts", "--samples", "--parallelism", "--flink-conf"),
                        "options: --hosts N --samples N --parallelism N --flink-conf DIR");
        int hosts = Integer.parseInt(opts.last("--hosts", "100"));
        int parallelism = Integer.parseInt(opts.last("--parallelism", "1"));
        long requested = Long.parseLong(opts.last("--samples", "1000000"));
        long samples = Math.max(1, requested / hosts) * hosts; // whole time steps
        BenchmarkMachine.Deployment deployment =
                BenchmarkMachine.deployment(opts.last("--flink-conf", "flink-conf"));
        String backend = deployment.backend();
        Duration interval = deployment.interval();

        JobConfig config =
                JobConfig.fromArgs(
                        "--kafka.bootstrap-servers",
                        "unused:9092",
                        "--influxdb.url",
                        "http://unused:8086",
                        "--checkpoint.interval",
                        interval.toMillis() + "ms",
                        "--parallelism",
                        Integer.toString(parallelism));
        // one sample per host every 3 s, ending an hour ago (within ingest.max-age)
        long span = samples / hosts * 3_000L;
        long t0 = System.currentTimeMillis() - span - 3_600_000L;
        DataGeneratorSource<IngestRecord> metrics =
                new DataGeneratorSource<>(
                        new WireRecordGenerator(
                                hosts,
                                parallelism,
                                samples,
                                t0,
                                3_000L,
                                config.maxAge,
                                config.maxFutureSkew),
                        samples,
                        TypeInformation.of(IngestRecord.class));
        // no silences: one that lifts a silence nobody set, then the end of the stream
        DataGeneratorSource<SilenceCommand> silences =
                new DataGeneratorSource<>(
                        i -> SilenceCommand.unsilence("bench-none"),
                        1,
                        TypeInformation.of(SilenceCommand.class));
        PipelineSources sources =
                new PipelineSources(metrics, "Generated samples", silences, "No silences");

        Configuration flink = deployment.cluster(Files.createTempDirectory("pipeline-bench"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        SmartInfraJob.configureEnvironment(env, config);
        SmartInfraJob.buildPipeline(env, config, sources, PipelineSinks.discarding());

        double loadBefore = BenchmarkMachine.loadAverage();
        long cpuStart = BenchmarkMachine.processCpuNanos();
        long start = System.nanoTime();
        JobExecutionResult result = env.execute("pipeline-benchmark");
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (BenchmarkMachine.processCpuNanos() - cpuStart) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "pipeline backend=%s checkpoint_interval=%ds hosts=%d samples=%d parallelism=%d"
                        + " seconds=%.1f samples_per_s=%.0f cpu_seconds=%.1f samples_per_cpu_s=%.0f"
                        + " cores=%d load_before=%.2f load_after=%.2f net_runtime_ms=%d%n",
                backend,
                interval.toSeconds(),
                hosts,
                samples,
                parallelism,
                seconds,
                samples / seconds,
                cpuSeconds,
                samples / cpuSeconds,
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                BenchmarkMachine.loadAverage(),
                result.getNetRuntime());
        System.exit(0);
    }
}
