package com.smartinfra.job.store;

import com.smartinfra.job.BenchmarkMachine;
import com.smartinfra.job.JobConfig;
import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.runtime.operators.sink.SinkWriterOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/**
 * The job's InfluxDB sink against {@code curl} posting the same lines to the same server (the real
 * InfluxDB of the tests: Debian's 1.x behind the v2 write shim). {@code --points} simulator samples
 * (100 hosts, one every 3 s, so every point is distinct and stored once) become {@code
 * system_metrics} lines; each round writes them three times, each time into a fresh database:
 *
 * <ul>
 *   <li>sink: {@link InfluxSinkWriter} with the job's default settings ({@link
 *       InfluxSinkBuilder#configure}: batches of 1,000, 2 in flight, gzip), driven in Flink's
 *       operator test harness as {@code InfluxSinkWriterITCase} does, no cluster; timed from the
 *       first record to the end of input (everything written);
 *   <li>curl: one {@code curl} process per 5,000-line batch, sequentially (process start included:
 *       that is what curl costs);
 *   <li>curl-one: every batch in ONE {@code curl} invocation (a config file of {@code next}
 *       requests, one kept-alive connection).
 * </ul>
 *
 * After each write an InfluxQL count checks that every point is stored. The first round warms up;
 * the final line gives the medians of the others:
 *
 * <pre>
 * bin/smart-infra bench --sink [--points 200000] [--rounds 3] [--batch-size N] [--max-in-flight N]
 * </pre>
 *
 * {@code --batch-size} and {@code --max-in-flight} change the sink's settings of those names
 * (default: the job's), to see what they cost.
 *
 * <p>Not a test: figures go to docs/benchmarks.md with the command and the machine's load.
 */
public final class InfluxSinkBenchmark {
    private static final long START = Instant.parse("2025-06-24T00:00:00Z").toEpochMilli();
    private static final int HOSTS = 100;
    private static final int CURL_BATCH = 5_000;
    private static final Pattern COUNT = Pattern.compile("\\[\\d+,(\\d+)\\]");

    /** CPU time of this JVM (every thread) during the last sink run. */
    private static long lastSinkCpuNanos;

    private InfluxSinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of("--points", "--rounds", "--batch-size", "--max-in-flight"),
                        "options: --points N --rounds N --batch-size N --max-in-flight N");
        int points = Integer.parseInt(opts.last("--points", "200000"));
        int rounds = Integer.parseInt(opts.last("--rounds", "3"));
        // the sink's settings: the job's defaults unless given (to see what they cost)
        List<String> sinkArgs = new ArrayList<>();
        for (String name : List.of("batch-size", "max-in-flight")) {
            if (opts.last("--" + name) != null) {
                sinkArgs.addAll(List.of("--influxdb." + name, opts.last("--" + name)));
            }
        }

        List<Sample> samples =
                new SampleGenerator(HOSTS, 3_000, 0.01, 42L, START)
                        .samplesUntil(START + (points / HOSTS + 1) * 3_000L)
                        .subList(0, points);
        JobConfig settings =
                sinkConfig("http://unused:8086", "unused", Path.of("unused"), sinkArgs);
        Path tmp = Files.createTempDirectory("sink-bench");
        List<Path> batches = batchFiles(samples, tmp);
        Path token = tmp.resolve("token");
        Files.writeString(token, InfluxDbTestServer.TOKEN, StandardCharsets.UTF_8);
        String url = InfluxDbTestServer.url();
        System.out.printf(
                Locale.ROOT,
                "%d points, %d curl batches of %d lines, %.1f MB of line protocol; InfluxDB at %s%n",
                points,
                batches.size(),
                CURL_BATCH,
                totalBytes(batches) / 1e6,
                url);

        double loadBefore = BenchmarkMachine.loadAverage();
        double[] sink = new double[rounds];
        double[] curl = new double[rounds];
        double[] curlOne = new double[rounds];
        for (int round = 0; round <= rounds; round++) {
            double s;
            double c;
            // alternate the order, so neither path always meets a server busy with the other's
            if (round % 2 == 0) {
                s = sinkRun(url, token, samples, sinkArgs);
                c = curlRun(url, batches);
            } else {
                c = curlRun(url, batches);
                s = sinkRun(url, token, samples, sinkArgs);
            }
            double one = curlOneRun(url, batches, tmp);
            System.out.printf(
                    Locale.ROOT,
                    "round %d%s: sink %.0f points/s (JVM CPU %.1f s), curl %.0f points/s,"
                            + " curl-one %.0f points/s, sink/curl %.2f, load %.2f%n",
                    round,
                    round == 0 ? " (warm-up)" : "",
                    s,
                    lastSinkCpuNanos / 1e9,
                    c,
                    one,
                    s / c,
                    BenchmarkMachine.loadAverage());
            if (round > 0) {
                sink[round - 1] = s;
                curl[round - 1] = c;
                curlOne[round - 1] = one;
            }
        }
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = sink[i] / curl[i];
        }
        System.out.printf(
                Locale.ROOT,
                "sink points_per_s=%.0f curl_points_per_s=%.0f ratio=%.2f points=%d rounds=%d"
                        + " curl_one_points_per_s=%.0f median_round_ratio=%.2f cores=%d"
                        + " load_before=%.2f load_after=%.2f sink_batch_size=%d"
                        + " sink_max_in_flight=%d%n",
                median(sink),
                median(curl),
                median(sink) / median(curl),
                points,
                rounds,
                median(curlOne),
                median(ratios),
                Runtime.getRuntime().availableProcessors(),
                loadBefore,
                BenchmarkMachine.loadAverage(),
                settings.influxBatchSize,
                settings.influxMaxInFlight);
        deleteTree(tmp); // ~100 bytes per point of batch files
        System.exit(0);
    }

    /** The job's sink writer, default settings, into a fresh database; points per second. */
    private static double sinkRun(
            String url, Path token, List<Sample> samples, List<String> sinkArgs) throws Exception {
        String db = InfluxDbTestServer.createDatabase("sink_bench");
        InfluxSink<Sample> sink =
                InfluxSink.<Sample>builder()
                        .configure(sinkConfig(url, db, token, sinkArgs))
                        // nothing is refused here; a refusal would be logged (and the count fail)
                        .setDeadLetterTopic(null)
                        .setElementConverter(new SystemMetricsConverter())
                        .build();
        long ns;
        try (var h =
                new OneInputStreamOperatorTestHarness<>(
                        new SinkWriterOperatorFactory<Sample, Void>(sink))) {
            h.open();
            long cpu0 = BenchmarkMachine.processCpuNanos();
            long t0 = System.nanoTime();
            for (Sample s : samples) {
                h.processElement(s, s.timestamp);
            }
            h.endInput(); // the end of bounded input: returns once everything is written
            ns = System.nanoTime() - t0;
            lastSinkCpuNanos = BenchmarkMachine.processCpuNanos() - cpu0;
        }
        return checkedRate(db, samples.size(), ns);
    }

    /** The job's configuration of the sink for {@code db}, plus {@code sinkArgs}. */
    private static JobConfig sinkConfig(String url, String db, Path token, List<String> sinkArgs) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers",
                                "unused:9092",
                                "--influxdb.url",
                                url,
                                "--influxdb.org",
                                InfluxDbTestServer.ORG,
                                "--influxdb.bucket",
                                db,
                                "--influxdb.token-file",
                                token.toString()));
        args.addAll(sinkArgs);
        return JobConfig.fromArgs(args.toArray(new String[0]));
    }

    /** One curl process per batch, one after the other, into a fresh database. */
    private static double curlRun(String url, List<Path> batches) throws Exception {
        String db = InfluxDbTestServer.createDatabase("curl_bench");
        String write = writeUrl(url, db);
        long t0 = System.nanoTime();
        for (Path b : batches) {
            String status =
                    run(
                            "curl",
                            "-sS",
                            "-o",
                            "/dev/null",
                            "-w",
                            "%{http_code}",
                            "-H",
                            "Authorization: Token " + InfluxDbTestServer.TOKEN,
                            "-H",
                            "Content-Type: text/plain; charset=utf-8",
                            "--data-binary",
                            "@" + b,
                            write);
            if (!status.equals("204")) {
                throw new IllegalStateException("curl write of " + b + " answered " + status);
            }
        }
        long ns = System.nanoTime() - t0;
        return checkedRate(db, lines(batches), ns);
    }

    /** Every batch in one curl invocation (requests separated by {@code next}). */
    private static double curlOneRun(String url, List<Path> batches, Path tmp) throws Exception {
        String db = InfluxDbTestServer.createDatabase("curl_one_bench");
        StringBuilder config = new StringBuilder();
        for (Path b : batches) {
            if (config.length() > 0) {
                config.append("next\n");
            }
            config.append("url = \"")
                    .append(writeUrl(url, db))
                    .append("\"\n")
                    .append("silent\nshow-error\noutput = \"/dev/null\"\n")
                    .append("write-out = \"%{http_code}\\n\"\n")
                    .append("header = \"Authorization: Token ")
                    .append(InfluxDbTestServer.TOKEN)
                    .append("\"\n")
                    .append("header = \"Content-Type: text/plain; charset=utf-8\"\n")
                    .append("data-binary = \"@")
                    .append(b)
                    .append("\"\n");
        }
        Path file = tmp.resolve("curl-one.config");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        String statuses = run("curl", "-K", file.toString());
        long ns = System.nanoTime() - t0;
        long ok = statuses.lines().filter("204"::equals).count();
        if (ok != batches.size()) {
            throw new IllegalStateException(
                    "curl -K answered " + ok + " of " + batches.size() + " writes with 204");
        }
        return checkedRate(db, lines(batches), ns);
    }

    /** Points per second, after InfluxDB's count confirmed all {@code expected} points. */
    private static double checkedRate(String db, long expected, long ns) {
        String json = InfluxDbTestServer.query(db, "SELECT count(cpu) FROM system_metrics");
        Matcher m = COUNT.matcher(json);
        long stored = m.find() ? Long.parseLong(m.group(1)) : 0;
        if (stored != expected) {
            throw new IllegalStateException(
                    "database "
                            + db
                            + " holds "
                            + stored
                            + " points, not "
                            + expected
                            + ": "
                            + json);
        }
        InfluxDbTestServer.query("", "DROP DATABASE " + db);
        return expected * 1e9 / ns;
    }

    /** The samples' lines in files of {@link #CURL_BATCH} lines each. */
    private static List<Path> batchFiles(List<Sample> samples, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            InfluxSchema.appendSystemMetrics(text, samples.get(i)).append('\n');
            if ((i + 1) % CURL_BATCH == 0 || i == samples.size() - 1) {
                Path f = dir.resolve(String.format(Locale.ROOT, "batch-%05d.lp", files.size()));
                Files.writeString(f, text, StandardCharsets.UTF_8);
                files.add(f);
                text.setLength(0);
            }
        }
        return files;
    }

    private static long lines(List<Path> batches) throws IOException {
        long n = 0;
        for (Path b : batches) {
            try (var l = Files.lines(b)) {
                n += l.count();
            }
        }
        return n;
    }

    private static long totalBytes(List<Path> batches) throws IOException {
        long n = 0;
        for (Path b : batches) {
            n += Files.size(b);
        }
        return n;
    }

    private static String writeUrl(String url, String db) {
        return url
                + "/api/v2/write?org="
                + URLEncoder.encode(InfluxDbTestServer.ORG, StandardCharsets.UTF_8)
                + "&bucket="
                + db
                + "&precision=ms";
    }

    /** Runs a command; returns its standard output, fails on a non-zero exit. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command[0] + " exited " + p.exitValue() + ": " + out);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
