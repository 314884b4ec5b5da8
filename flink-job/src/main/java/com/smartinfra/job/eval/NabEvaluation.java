package com.smartinfra.job.eval;

import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.job.detect.HostDetector;
import com.smartinfra.job.detect.Metric;
import com.smartinfra.schema.Sample;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the detector over NAB data files and scores it as NAB does.
 *
 * <pre>
 * NabEvaluation --data DIR --labels combined_windows.json [--results OUT] [--set name=value]...
 * </pre>
 *
 * Each file is one host whose value is its {@code cpu} (memory and disk constant), through the very
 * {@link HostDetector} the Flink job uses, with the univariate configuration of {@link #config}
 * ({@code --set} overrides a setting, e.g. {@code --set shingle=2}). The NAB anomaly score of a row
 * is 0 while warming up and {@code s / (1 + s)} after, s being the sample's {@link
 * HostDetector#lastSeverity() severity}, so 0.5 is the severity of the detector's own threshold and
 * NAB's threshold sweep moves along the host's calibrated tail. Prints one line per file and, last,
 * {@code NAB standard=<x> low_fp=<y> low_fn=<z>}; {@code --results OUT} writes NAB results files
 * {@code OUT/<category>/<detector>_<name>.csv} and the per-profile score tables.
 */
public final class NabEvaluation {
    /** The detector's name in NAB results files. */
    public static final String DETECTOR = "smartInfra";

    private NabEvaluation() {}

    /**
     * The NAB configuration: one metric (value and delta), no percentage rules, the first model
     * after two days of 5-minute samples (inside NAB's unscored probation), training sets of three
     * and a half days, a tail at 1 in 1000, and a cool-down of 200 samples (NAB counts every
     * flagged row outside a window as a false positive; an operator wants one alert per incident
     * too). Chosen on this corpus: see docs/detection.md for the sweep.
     */
    public static DetectorConfig.Builder config() {
        return DetectorConfig.builder()
                .rulesEnabled(false)
                .modelMetrics(List.of(Metric.CPU))
                .deltaFeatures(true)
                .rollingWindow(0)
                .shingle(0)
                .warmUp(Duration.ZERO)
                .minTrainingSamples(576)
                .trainingSize(1024)
                .retrainEverySamples(128)
                .retrainEvery(Duration.ofDays(365))
                .contamination(0.001)
                .cooldownSamples(200);
    }

    public static void main(String[] args) {
        try {
            int code = run(args, System.out);
            if (code != 0) {
                System.exit(code);
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("NabEvaluation: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs with {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream out) throws IOException {
        EvalArgs opts =
                EvalArgs.parse(args, Set.of("--data", "--labels", "--results", "--set"), usage());
        Path data = opts.path("--data");
        Path labels = opts.path("--labels");
        Path results = opts.path("--results");
        DetectorConfig.Builder config = opts.applySettings(config());
        if (data == null || labels == null) {
            throw new IllegalArgumentException("--data and --labels are required\n" + usage());
        }
        DetectorConfig cfg = config.build();
        Map<String, List<long[]>> windows = NabCorpus.readWindows(labels);
        List<NabCorpus.DataFile> files = new ArrayList<>();
        for (NabCorpus.DataFile f : NabCorpus.readDirectory(data)) {
            if (windows.containsKey(f.name)) {
                files.add(f);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(
                    "no data file under " + data + " is named in " + labels);
        }
        List<NabBenchmark.Scored> corpus = new ArrayList<>();
        for (NabCorpus.DataFile f : files) {
            corpus.add(
                    new NabBenchmark.Scored(
                            f.name, f.timestamps, anomalyScores(f, cfg), windows.get(f.name)));
        }
        Map<NabProfile, NabBenchmark.Result> byProfile = new EnumMap<>(NabProfile.class);
        for (NabProfile p : NabProfile.values()) {
            byProfile.put(p, NabBenchmark.score(corpus, p));
        }
        for (NabBenchmark.Scored f : corpus) {
            StringBuilder line = new StringBuilder(f.name);
            for (NabProfile p : NabProfile.values()) {
                NabSweeper.ThresholdScore s = byProfile.get(p).perFile.get(f.name);
                line.append(String.format(Locale.ROOT, " %s=%.4f", p.shortName(), s.score));
                if (p == NabProfile.STANDARD) {
                    line.append(
                            String.format(Locale.ROOT, " (tp=%d fp=%d fn=%d)", s.tp, s.fp, s.fn));
                }
            }
            out.println(line);
        }
        if (results != null) {
            writeResults(results, files, corpus, byProfile, cfg);
        }
        for (NabProfile p : NabProfile.values()) {
            NabBenchmark.Result r = byProfile.get(p);
            out.printf(
                    Locale.ROOT,
                    "profile %s: threshold=%.6f raw=%.4f null=%.1f perfect=%.1f normalised=%.2f%n",
                    p.nabName(),
                    r.threshold,
                    r.raw,
                    r.nullScore,
                    r.perfect,
                    r.normalized());
        }
        out.printf(
                Locale.ROOT,
                "NAB standard=%.2f low_fp=%.2f low_fn=%.2f%n",
                byProfile.get(NabProfile.STANDARD).normalized(),
                byProfile.get(NabProfile.REWARD_LOW_FP_RATE).normalized(),
                byProfile.get(NabProfile.REWARD_LOW_FN_RATE).normalized());
        return 0;
    }

    /** Runs one file through a fresh host detector; one NAB anomaly score per row. */
    public static double[] anomalyScores(NabCorpus.DataFile f, DetectorConfig cfg) {
        String host = f.baseName().replaceAll("[^A-Za-z0-9._-]", "_");
        HostDetector d = new HostDetector(host, cfg);
        Sample s = new Sample(host, 0L, 0.0, 0.0, 0.0);
        double[] out = new double[f.values.length];
        for (int i = 0; i < out.length; i++) {
            s.timestamp = f.timestamps[i];
            s.cpu = f.values[i];
            d.process(s);
            out[i] = nabScore(d);
        }
        return out;
    }

    /** 0.5 is the detector's verdict threshold; rule breaches are 1. */
    static double nabScore(HostDetector d) {
        switch (d.lastStatus()) {
            case WARMING_UP:
                return 0.0;
            case RULE:
                return 1.0;
            default:
                double sev = d.lastSeverity();
                double v = sev / (1.0 + sev);
                if (d.lastStatus() == HostDetector.Status.MODEL && !d.lastReported()) {
                    v = Math.min(v, 0.4999); // in cool-down: not a verdict
                }
                return v;
        }
    }

    private static void writeResults(
            Path dir,
            List<NabCorpus.DataFile> files,
            List<NabBenchmark.Scored> corpus,
            Map<NabProfile, NabBenchmark.Result> byProfile,
            DetectorConfig cfg)
            throws IOException {
        for (int k = 0; k < files.size(); k++) {
            NabCorpus.DataFile f = files.get(k);
            NabBenchmark.Scored s = corpus.get(k);
            Path target = dir.resolve(f.category()).resolve(DETECTOR + "_" + f.baseName());
            Files.createDirectories(target.getParent());
            int[] label = NabCorpus.labels(f.timestamps, s.windows);
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                w.write("timestamp,value,anomaly_score,label\n");
                for (int i = 0; i < f.timestamps.length; i++) {
                    w.write(NabCorpus.formatTimestamp(f.timestamps[i]));
                    w.write(',');
                    w.write(Double.toString(f.values[i]));
                    w.write(',');
                    w.write(Double.toString(s.anomalyScores[i]));
                    w.write(',');
                    w.write(Integer.toString(label[i]));
                    w.write('\n');
                }
            }
        }
        for (NabProfile p : NabProfile.values()) {
            NabBenchmark.Result r = byProfile.get(p);
            Path table = dir.resolve(DETECTOR + "_" + p.nabName() + "_scores.csv");
            try (BufferedWriter w = Files.newBufferedWriter(table, StandardCharsets.UTF_8)) {
                w.write("Detector,Profile,File,Threshold,Score,TP,TN,FP,FN,Total_Count\n");
                for (NabBenchmark.Scored s : corpus) {
                    NabSweeper.ThresholdScore t = r.perFile.get(s.name);
                    w.write(
                            String.join(
                                    ",",
                                    DETECTOR,
                                    p.nabName(),
                                    s.name,
                                    Double.toString(r.threshold),
                                    Double.toString(t.score),
                                    Integer.toString(t.tp),
                                    Integer.toString(t.tn),
                                    Integer.toString(t.fp),
                                    Integer.toString(t.fn),
                                    Integer.toString(s.timestamps.length)));
                    w.write('\n');
                }
            }
        }
        Files.writeString(dir.resolve(DETECTOR + "_config.txt"), cfg + "\n");
    }

    private static String usage() {
        return "usage: NabEvaluation --data DIR --labels combined_windows.json [--results OUT]"
                + " [--set name=value]...";
    }
}
