package com.smartinfra.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.job.ingest.IngestRecord;
import com.smartinfra.job.ingest.WireRecordGenerator;
import com.smartinfra.schema.SilenceCommand;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
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
 *     [--checkpoints N] [--measure-restore true] [--snapshot-compression false]
 * </pre>
 *
 * Prints {@code pipeline ... samples_per_s=<n> samples_per_cpu_s=<n>}; the latter divides by the
 * CPU time the process used (all threads: Flink, JIT, GC), the honest "per core" figure on a shared
 * machine, up to the moment the generator has emitted every sample. The load average is printed
 * beside it.
 *
 * <p>The source then stays open ({@link HeldOpenSource}) until {@code --checkpoints} (default 2)
 * checkpoints have completed with every sample in the state; the benchmark prints them as the
 * cluster's REST API gives them ({@code /jobs/<id>/checkpoints}: sizes, durations, and for the
 * biggest operator state the subtasks' synchronous and asynchronous parts and alignment), with the
 * samples the source had emitted at each barrier and how many hosts had passed their warm-up by
 * then, and the heap after a full GC with all the state live (plus the most heap seen in use,
 * sampled every second). With {@code --measure-restore true} it then cancels the job (the
 * checkpoint is retained), starts the same graph from the last checkpoint and prints how long the
 * job took to be RUNNING and the heap after GC once restored.
 */
public final class PipelineBenchmark {
    private PipelineBenchmark() {}

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    public static void main(String[] args) throws Exception {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of(
                                "--hosts",
                                "--samples",
                                "--parallelism",
                                "--flink-conf",
                                "--checkpoints",
                                "--measure-restore",
                                "--snapshot-compression",
                                "--set"),
                        "options: --hosts N --samples N --parallelism N --flink-conf DIR"
                                + " --checkpoints N --measure-restore true|false"
                                + " --snapshot-compression true|false"
                                + " --set job.setting=value (e.g. detect.trees=50)");
        int hosts = Integer.parseInt(opts.last("--hosts", "100"));
        int parallelism = Integer.parseInt(opts.last("--parallelism", "1"));
        long requested = Long.parseLong(opts.last("--samples", "1000000"));
        int holdCheckpoints = Integer.parseInt(opts.last("--checkpoints", "2"));
        boolean measureRestore = Boolean.parseBoolean(opts.last("--measure-restore", "false"));
        long samples = Math.max(1, requested / hosts) * hosts; // whole time steps
        BenchmarkMachine.Deployment deployment =
                BenchmarkMachine.deployment(opts.last("--flink-conf", "flink-conf"));
        String backend = deployment.backend();
        Duration interval = deployment.interval();

        List<String> jobArgs =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers",
                                "unused:9092",
                                "--influxdb.url",
                                "http://unused:8086",
                                "--checkpoint.interval",
                                interval.toMillis() + "ms",
                                "--parallelism",
                                Integer.toString(parallelism),
                                "--checkpoint.snapshot-compression",
                                opts.last("--snapshot-compression", "true")));
        jobArgs.addAll(opts.settingsAsJobArgs());
        JobConfig config = JobConfig.fromArgs(jobArgs.toArray(new String[0]));
        // one sample per host every 3 s, ending an hour ago (within ingest.max-age)
        long span = samples / hosts * 3_000L;
        long t0 = System.currentTimeMillis() - span - 3_600_000L;
        WireRecordGenerator generator =
                new WireRecordGenerator(
                        hosts,
                        parallelism,
                        samples,
                        t0,
                        3_000L,
                        config.maxAge,
                        config.maxFutureSkew);
        Path tmp = Files.createTempDirectory("pipeline-bench");
        Configuration flink = deployment.cluster(tmp);
        int warmUpSamples = (int) (config.detector.warmUp().toMillis() / 3_000L);

        int port = LocalClusterRest.freePort();
        flink.set(RestOptions.PORT, port);
        HeldOpenSource.reset();
        StreamExecutionEnvironment env =
                environment(flink, config, generator, samples, parallelism);

        double loadBefore = BenchmarkMachine.loadAverage();
        long cpuStart = BenchmarkMachine.processCpuNanos();
        long startMillis = System.currentTimeMillis();
        JobClient job = env.executeAsync("pipeline-benchmark");
        String id = job.getJobID().toHexString();
        LocalClusterRest rest = new LocalClusterRest(port);

        long maxHeapUsed = 0;
        double cpuSeconds = 0;
        double loadAtEnd = 0;
        long endMillis = 0;
        JsonNode checkpoints;
        int polls = 0;
        while (true) {
            Thread.sleep(1_000);
            maxHeapUsed = Math.max(maxHeapUsed, MEMORY.getHeapMemoryUsage().getUsed());
            if (job.getJobStatus().get().isGloballyTerminalState()) {
                job.getJobExecutionResult().get(); // throws the job's failure
                throw new IllegalStateException("the job ended before its checkpoints");
            }
            if (endMillis == 0 && HeldOpenSource.allAtEndMillis() != 0) {
                endMillis = HeldOpenSource.allAtEndMillis();
                cpuSeconds = (BenchmarkMachine.processCpuNanos() - cpuStart) / 1e9;
                loadAtEnd = BenchmarkMachine.loadAverage();
            }
            if (++polls % 30 == 0) {
                // progress, so that a run too long for the machine still tells something
                JsonNode latest = rest.get("/jobs/" + id + "/checkpoints").at("/latest/completed");
                System.out.printf(
                        Locale.ROOT,
                        "progress at_s=%d samples_emitted=%d heap_used_mb=%.0f"
                                + " latest_checkpoint=%d full_size_mb=%.1f duration_ms=%d load=%.2f%n",
                        (System.currentTimeMillis() - startMillis) / 1000,
                        HeldOpenSource.emitted(),
                        MEMORY.getHeapMemoryUsage().getUsed() / 1e6,
                        latest.path("id").asLong(),
                        latest.path("state_size").asLong() / 1e6,
                        latest.path("end_to_end_duration").asLong(),
                        BenchmarkMachine.loadAverage());
            }
            if (endMillis == 0) {
                continue;
            }
            checkpoints = rest.get("/jobs/" + id + "/checkpoints");
            if (completedSince(checkpoints, endMillis) >= holdCheckpoints) {
                break;
            }
        }
        double seconds = (endMillis - startMillis) / 1e3;
        System.out.printf(
                Locale.ROOT,
                "pipeline backend=%s checkpoint_interval=%ds snapshot_compression=%s hosts=%d samples=%d parallelism=%d"
                        + " seconds=%.1f samples_per_s=%.0f cpu_seconds=%.1f samples_per_cpu_s=%.0f"
                        + " cores=%d load_before=%.2f load_after=%.2f%n",
                backend,
                interval.toSeconds(),
                config.snapshotCompression,
                hosts,
                samples,
                parallelism,
                seconds,
                samples / seconds,
                cpuSeconds,
                samples / cpuSeconds,
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                loadAtEnd);
        System.gc();
        System.out.printf(
                Locale.ROOT,
                "heap max_used_sampled_mb=%.0f used_after_gc_mb=%.0f max_mb=%.0f%n",
                maxHeapUsed / 1e6,
                MEMORY.getHeapMemoryUsage().getUsed() / 1e6,
                MEMORY.getHeapMemoryUsage().getMax() / 1e6);
        printCheckpoints(rest, id, checkpoints, startMillis, hosts, parallelism, warmUpSamples);

        if (measureRestore) {
            String path = checkpoints.at("/latest/completed/external_path").asText();
            job.cancel().get();
            waitCancelled(job);
            System.gc();
            System.out.printf(
                    Locale.ROOT,
                    "restore from=%s heap_before_mb=%.0f%n",
                    path,
                    MEMORY.getHeapMemoryUsage().getUsed() / 1e6);
            int restorePort = LocalClusterRest.freePort();
            flink.set(RestOptions.PORT, restorePort);
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path);
            HeldOpenSource.reset();
            StreamExecutionEnvironment again =
                    environment(flink, config, generator, samples, parallelism);
            long submitted = System.currentTimeMillis();
            long restoreCpu = BenchmarkMachine.processCpuNanos();
            JobClient restored = again.executeAsync("pipeline-benchmark-restored");
            LocalClusterRest restoredRest = new LocalClusterRest(restorePort);
            String restoredId = restored.getJobID().toHexString();
            while (!running(restoredRest.get("/jobs/" + restoredId))) {
                Thread.sleep(100);
            }
            long runningAt = System.currentTimeMillis();
            long runningAfter = runningAt - submitted;
            double cpu = (BenchmarkMachine.processCpuNanos() - restoreCpu) / 1e9;
            System.gc();
            System.out.printf(
                    Locale.ROOT,
                    "restore submit_to_running_ms=%d cpu_seconds=%.1f heap_after_gc_mb=%.0f"
                            + " load=%.2f%n",
                    runningAfter,
                    cpu,
                    MEMORY.getHeapMemoryUsage().getUsed() / 1e6,
                    BenchmarkMachine.loadAverage());
            JsonNode restoredStats = restoredRest.get("/jobs/" + restoredId + "/checkpoints");
            System.out.printf(
                    Locale.ROOT,
                    "restore checkpoint_restored_to_running_ms=%d latest.restored=%s%n",
                    runningAt - restoredStats.at("/latest/restored/restore_timestamp").asLong(),
                    restoredStats.at("/latest/restored"));
            restored.cancel().get();
            waitCancelled(restored);
        } else {
            HeldOpenSource.release();
            job.getJobExecutionResult().get();
        }
        org.apache.flink.util.FileUtils.deleteDirectory(
                tmp.toFile()); // checkpoints of 100,000 hosts
        System.exit(0);
    }

    private static StreamExecutionEnvironment environment(
            Configuration flink,
            JobConfig config,
            WireRecordGenerator generator,
            long samples,
            int parallelism) {
        DataGeneratorSource<IngestRecord> generated =
                new DataGeneratorSource<>(
                        new Counting(generator), samples, TypeInformation.of(IngestRecord.class));
        // no silences: one that lifts a silence nobody set, then the end of the stream
        DataGeneratorSource<SilenceCommand> silences =
                new DataGeneratorSource<>(
                        i -> SilenceCommand.unsilence("bench-none"),
                        1,
                        TypeInformation.of(SilenceCommand.class));
        PipelineSources sources =
                new PipelineSources(
                        new HeldOpenSource<>(
                                generated, TypeInformation.of(IngestRecord.class), parallelism),
                        "Generated samples",
                        silences,
                        "No silences");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        SmartInfraJob.configureEnvironment(env, config);
        SmartInfraJob.buildPipeline(env, config, sources, PipelineSinks.discarding());
        return env;
    }

    /** Completed checkpoints triggered at or after {@code sinceMillis}. */
    private static int completedSince(JsonNode checkpoints, long sinceMillis) {
        int n = 0;
        for (JsonNode c : checkpoints.path("history")) {
            if ("COMPLETED".equals(c.path("status").asText())
                    && c.path("trigger_timestamp").asLong() >= sinceMillis) {
                n++;
            }
        }
        return n;
    }

    /** Every task RUNNING (or FINISHED: the silences' source may end at once). */
    private static boolean running(JsonNode job) {
        boolean anyRunning = false;
        for (JsonNode v : job.path("vertices")) {
            String status = v.path("status").asText();
            if ("RUNNING".equals(status)) {
                anyRunning = true;
            } else if (!"FINISHED".equals(status)) {
                return false;
            }
        }
        return anyRunning;
    }

    /** Waits for a cancelled job's end (its local cluster shuts down with it). */
    private static void waitCancelled(JobClient job) throws InterruptedException {
        try {
            job.getJobExecutionResult().get();
        } catch (java.util.concurrent.ExecutionException cancelled) {
            // what a cancelled job's result is
        }
    }

    private static void printCheckpoints(
            LocalClusterRest rest,
            String id,
            JsonNode checkpoints,
            long startMillis,
            int hosts,
            int parallelism,
            int warmUpSamples)
            throws Exception {
        JsonNode counts = checkpoints.path("counts");
        JsonNode summary = checkpoints.path("summary");
        System.out.printf(
                Locale.ROOT,
                "checkpoints completed=%d failed=%d in_progress=%d"
                        + " duration_ms_p50=%d duration_ms_max=%d full_size_max_mb=%.1f%n",
                counts.path("completed").asLong(),
                counts.path("failed").asLong(),
                counts.path("in_progress").asLong(),
                summary.at("/end_to_end_duration/p50").asLong(),
                summary.at("/end_to_end_duration/max").asLong(),
                summary.at("/state_size/max").asLong() / 1e6);
        List<JsonNode> history = new ArrayList<>();
        checkpoints.path("history").forEach(history::add);
        history.sort((a, b) -> Long.compare(a.path("id").asLong(), b.path("id").asLong()));
        for (JsonNode c : history) {
            long cid = c.path("id").asLong();
            long size = c.path("state_size").asLong();
            Long emitted = HeldOpenSource.emittedAtCheckpoint(cid);
            long perSplit = emitted == null ? 0 : emitted / parallelism;
            int hostsPerSplit = hosts / parallelism;
            // each split carries its hosts round-robin through the time steps
            long trained =
                    Math.max(
                                    0,
                                    Math.min(
                                            hostsPerSplit,
                                            perSplit
                                                    - (long) warmUpSamples * hostsPerSplit
                                                    + hostsPerSplit))
                            * parallelism;
            System.out.printf(
                    Locale.ROOT,
                    "checkpoint id=%d status=%s at_s=%.1f samples_before_barrier=%s"
                            + " hosts_past_warm_up~%d full_size_mb=%.1f checkpointed_mb=%.1f"
                            + " bytes_per_host=%d duration_ms=%d%n",
                    cid,
                    c.path("status").asText(),
                    (c.path("trigger_timestamp").asLong() - startMillis) / 1e3,
                    emitted,
                    trained,
                    size / 1e6,
                    c.path("checkpointed_size").asLong() / 1e6,
                    size / hosts,
                    c.path("end_to_end_duration").asLong());
        }
        long latest = checkpoints.at("/latest/completed/id").asLong();
        Map<String, String> names = new HashMap<>();
        for (JsonNode v : rest.get("/jobs/" + id).path("vertices")) {
            names.put(v.path("id").asText(), v.path("name").asText());
        }
        JsonNode details = rest.get("/jobs/" + id + "/checkpoints/details/" + latest);
        var tasks = details.path("tasks").fields();
        String biggest = null;
        long biggestSize = -1;
        while (tasks.hasNext()) {
            var task = tasks.next();
            long size = task.getValue().path("state_size").asLong();
            System.out.printf(
                    Locale.ROOT,
                    "checkpoint id=%d task=\"%s\" state_bytes=%d bytes_per_host=%d e2e_ms=%d%n",
                    latest,
                    names.getOrDefault(task.getKey(), task.getKey()),
                    size,
                    size / hosts,
                    task.getValue().path("end_to_end_duration").asLong());
            if (size > biggestSize) {
                biggestSize = size;
                biggest = task.getKey();
            }
        }
        JsonNode subtasks =
                rest.get("/jobs/" + id + "/checkpoints/details/" + latest + "/subtasks/" + biggest);
        for (JsonNode s : subtasks.path("subtasks")) {
            System.out.printf(
                    Locale.ROOT,
                    "checkpoint id=%d biggest_task subtask=%d state_mb=%.1f e2e_ms=%d sync_ms=%d"
                            + " async_ms=%d alignment_ms=%d start_delay_ms=%d unaligned=%s%n",
                    latest,
                    s.path("index").asInt(),
                    s.path("state_size").asLong() / 1e6,
                    s.path("end_to_end_duration").asLong(),
                    s.at("/checkpoint/sync").asLong(),
                    s.at("/checkpoint/async").asLong(),
                    s.at("/alignment/duration").asLong(),
                    s.path("start_delay").asLong(),
                    s.path("unaligned_checkpoint").asText());
        }
    }

    /** The generator, counting what it emits (for the samples before each checkpoint's barrier). */
    private static final class Counting implements GeneratorFunction<Long, IngestRecord> {
        private static final long serialVersionUID = 1L;
        private final WireRecordGenerator generator;

        Counting(WireRecordGenerator generator) {
            this.generator = generator;
        }

        @Override
        public void open(SourceReaderContext context) throws Exception {
            generator.open(context);
        }

        @Override
        public IngestRecord map(Long index) {
            HeldOpenSource.countEmitted();
            return generator.map(index);
        }
    }
}
