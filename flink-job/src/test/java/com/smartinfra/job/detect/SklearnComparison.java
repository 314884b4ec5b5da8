package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our forest's scoring beside scikit-learn's IsolationForest (the seed design: Python, one {@code
 * predict} per request), side by side on the same rows: 100 trees, 256 rows per tree, trained on
 * the same 1,000 samples (cpu, memory, disk of one simulated host), scoring the next 10,000.
 *
 * <pre>
 * bin/smart-infra bench --sklearn      # needs Debian's python3-sklearn (installed when missing), run by /usr/bin/python3
 * </pre>
 *
 * Arguments: the scikit-learn script, then how many samples the per-request rounds score (default
 * 1,000; {@code bench --quick} uses fewer).
 *
 * <p>Prints the figures and a last line {@code sklearn_per_request_ratio=<ours / sklearn per
 * request>}.
 */
public final class SklearnComparison {
    private static final int TRAIN = 1_000;
    private static final int TEST = 10_000;

    private SklearnComparison() {}

    public static void main(String[] args) throws Exception {
        Path script = Path.of(args.length > 0 ? args[0] : "bin/lib/sklearn_bench.py");
        int perRequest = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        List<Sample> samples =
                new SampleGenerator(1, 3000, 0.0, 42L, 1_750_000_000_000L).samples(TRAIN + TEST);
        double[][] rows = new double[samples.size()][];
        for (int i = 0; i < rows.length; i++) {
            Sample s = samples.get(i);
            rows[i] = new double[] {s.cpu, s.memory, s.disk};
        }
        double[][] train = Arrays.copyOfRange(rows, 0, TRAIN);
        double[][] test = Arrays.copyOfRange(rows, TRAIN, rows.length);

        Path dir = Files.createTempDirectory("sklearn-comparison");
        write(dir.resolve("train.csv"), train);
        write(dir.resolve("test.csv"), test);
        SklearnRates sklearn = runSklearn(script, dir, perRequest);

        DetectorConfig config = DetectorConfig.builder().trees(100).subsample(256).build();
        ForestModel model = ForestModel.train(train, config, 42L, 1);
        double ours = oursPerSecond(model, test);
        System.out.printf(
                Locale.ROOT,
                "ours (100 trees, one sample at a time on one core) per_s=%.0f%n"
                        + "sklearn %s: per_request_per_s=%.0f batch score_samples per_s=%.0f%n"
                        + "sklearn_per_request_ratio=%.1f sklearn_batch_ratio=%.2f%n",
                ours,
                sklearn.version(),
                sklearn.perRequest(),
                sklearn.batch(),
                ours / sklearn.perRequest(),
                ours / sklearn.batch());
    }

    /** Median of 5 rounds over the test rows, after 20 rounds for the JIT. */
    private static double oursPerSecond(ForestModel model, double[][] test) {
        double sink = 0;
        double[] rates = new double[5];
        for (int round = 0; round < 25; round++) {
            long start = System.nanoTime();
            for (double[] row : test) {
                sink += model.score(row);
            }
            long nanos = System.nanoTime() - start;
            if (round >= 20) {
                rates[round - 20] = test.length / (nanos / 1e9);
            }
        }
        if (sink == 42) {
            System.out.println(); // keeps the scores alive
        }
        Arrays.sort(rates);
        return rates[2];
    }

    private static void write(Path file, double[][] rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (double[] r : rows) {
                w.write(String.format(Locale.ROOT, "%.6f,%.6f,%.6f%n", r[0], r[1], r[2]));
            }
        }
    }

    /** What the scikit-learn side printed: its version and samples/s per request and in batch. */
    private record SklearnRates(String version, double perRequest, double batch) {}

    private static SklearnRates runSklearn(Path script, Path dir, int perRequest) throws Exception {
        Process p =
                new ProcessBuilder(
                                "/usr/bin/python3",
                                script.toString(),
                                dir.resolve("train.csv").toString(),
                                dir.resolve("test.csv").toString(),
                                Integer.toString(perRequest))
                        .redirectErrorStream(true)
                        .start();
        String out;
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = String.join("\n", r.lines().toList());
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the scikit-learn side failed:\n" + out);
        }
        Matcher m =
                Pattern.compile("version=(\\S+) per_request_per_s=(\\d+) batch_per_s=(\\d+)")
                        .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected output of the scikit-learn side:\n" + out);
        }
        return new SklearnRates(
                m.group(1), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }
}
