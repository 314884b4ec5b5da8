package com.smartinfra.job;

import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;

/**
 * The whole job — its own graph: Kafka source, parse and validate, statistics windows, detection,
 * anomaly rates, alert lifecycle, InfluxDB and dead-letter sinks — from a real Kafka topic
 * pre-filled with simulator records into the real InfluxDB, on a local Flink cluster with the
 * deployment's state backend (heap) and checkpoint interval (10 s). Kafka (in-process) and InfluxDB
 * run on the same machine.
 *
 * <pre>
 * bin/smart-infra bench --job [--hosts N] [--samples N] [--parallelism N] [--backend hashmap]
 * </pre>
 *
 * Prints one line: {@code job ... samples_per_s=<n>}, after checking every sample was stored.
 */
public final class JobThroughputBenchmark {
    private JobThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of("--hosts", "--samples", "--parallelism", "--backend"),
                        "options: --hosts N --samples N --parallelism N --backend hashmap");
        int hosts = Integer.parseInt(opts.last("--hosts", "100"));
        int samples = Integer.parseInt(opts.last("--samples", "300000"));
        int parallelism = Integer.parseInt(opts.last("--parallelism", "1"));
        String backend = opts.last("--backend", "hashmap");
        Path tmp = Files.createTempDirectory("job-bench");
        TestPipeline world = new TestPipeline("bench", tmp);
        // the simulator's stream at a realistic 1 % anomaly rate, one sample per host every 3 s,
        // ending an hour ago (within the job's ingest.max-age)
        long span = (long) Math.ceil((double) samples / hosts) * 3_000L;
        long t0 = System.currentTimeMillis() - span - 3_600_000L;
        List<Sample> stream = new SampleGenerator(hosts, 3_000, 0.01, 42L, t0).samples(samples);
        world.produceSamples(stream);

        JobConfig config =
                world.config(
                        InfluxDbTestServer.url(),
                        "--checkpoint.interval",
                        "10s",
                        "--parallelism",
                        Integer.toString(parallelism));
        Configuration flink = TestPipeline.noRestarts();
        flink.set(StateBackendOptions.STATE_BACKEND, backend);
        flink.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                tmp.resolve("checkpoints").toUri().toString());

        long start = System.nanoTime();
        TestPipeline.run(config, flink);
        double seconds = (System.nanoTime() - start) / 1e9;
        long stored = world.countPoints("system_metrics", "cpu");
        if (stored != samples) {
            throw new IllegalStateException(
                    "InfluxDB holds " + stored + " of the " + samples + " samples");
        }
        System.out.printf(
                Locale.ROOT,
                "job backend=%s checkpoint_interval=10s hosts=%d samples=%d parallelism=%d"
                        + " seconds=%.1f samples_per_s=%.0f anomalies=%d stored=%d%n",
                backend,
                hosts,
                samples,
                parallelism,
                seconds,
                samples / seconds,
                world.countPoints("anomalies", "score"),
                stored);
        System.exit(0); // the in-process broker's and InfluxDB's threads
    }
}
