package com.smartinfra.job.eval;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.Detector;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.schema.HumanDuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Point-wise precision, recall and F1 of the detector on a labelled stream: JSON lines in the wire
 * format where an anomalous sample carries {@code "injected":"<kind>"} (what {@code simulator
 * --dry-run} prints).
 *
 * <pre>
 * LabelledStreamEvaluation [--input FILE] [--set name=value]...
 * </pre>
 *
 * Reads standard input unless {@code --input} names a file. Every sample goes, in order, through
 * the {@link Detector} with the job's default configuration ({@code --set} overrides a setting as
 * in {@link NabEvaluation}). A sample counts as flagged when the detector reports an anomaly for it
 * (rule or model). Each host's samples within the detector's warm-up after its first sample are not
 * scored. Prints one line per host, the recall per injected kind, what rules and the model
 * contributed, and, last, {@code SIM precision=<p> recall=<r> f1=<f>}.
 */
public final class LabelledStreamEvaluation {

    private LabelledStreamEvaluation() {}

    /** Confusion counts of one slice of the stream. */
    static final class Counts {
        long tp;
        long fp;
        long fn;
        long tn;

        void add(boolean labelled, boolean flagged) {
            if (labelled) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }

        double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        String describe() {
            return String.format(
                    Locale.ROOT,
                    "precision=%.4f recall=%.4f f1=%.4f (tp=%d fp=%d fn=%d tn=%d)",
                    precision(),
                    recall(),
                    f1(),
                    tp,
                    fp,
                    fn,
                    tn);
        }
    }

    /** The outcome of one run. */
    static final class Result {
        final Counts total = new Counts();
        final Map<String, Counts> byHost = new TreeMap<>();

        /** Per injected kind: tp = detected, fn = missed. */
        final Map<String, Counts> byKind = new TreeMap<>();

        /** Flags by what raised them: tp and fp per "rule" / "model". */
        final Map<String, Counts> bySource = new TreeMap<>();

        long samples;
        long warmingUp;
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.in, System.out));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("LabelledStreamEvaluation: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs with {@code args}; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out) throws IOException {
        EvalArgs opts = EvalArgs.parse(args, Set.of("--input", "--set"), usage());
        String input = opts.last("--input");
        DetectorConfig.Builder config = opts.applySettings(DetectorConfig.defaults().toBuilder());
        DetectorConfig cfg = config.build();
        Result r;
        if (input == null || input.equals("-")) {
            r = evaluate(stdin, cfg);
        } else {
            try (InputStream in = Files.newInputStream(Paths.get(input))) {
                r = evaluate(in, cfg);
            }
        }
        print(r, cfg, out);
        return 0;
    }

    /** Runs every line of {@code in} through a fresh detector. */
    static Result evaluate(InputStream in, DetectorConfig cfg) throws IOException {
        Detector detector = new Detector(cfg);
        Result r = new Result();
        Map<String, Long> firstSeen = new HashMap<>();
        long warmUpMillis = cfg.warmUp().toMillis();
        r.samples =
                LabelledSamples.forEach(
                        in,
                        s -> {
                            Anomaly a = detector.process(s);
                            long first = firstSeen.computeIfAbsent(s.host, h -> s.timestamp);
                            if (s.timestamp - first < warmUpMillis) {
                                r.warmingUp++;
                                return;
                            }
                            boolean labelled = s.injected != null;
                            boolean flagged = a != null;
                            r.total.add(labelled, flagged);
                            r.byHost
                                    .computeIfAbsent(s.host, h -> new Counts())
                                    .add(labelled, flagged);
                            if (labelled) {
                                r.byKind
                                        .computeIfAbsent(s.injected, k -> new Counts())
                                        .add(true, flagged);
                            }
                            if (flagged) {
                                String source = a.isModel() ? "model" : "rule";
                                r.bySource
                                        .computeIfAbsent(source, k -> new Counts())
                                        .add(labelled, true);
                            }
                        });
        return r;
    }

    private static void print(Result r, DetectorConfig cfg, PrintStream out) {
        for (Map.Entry<String, Counts> e : r.byHost.entrySet()) {
            out.println("host " + e.getKey() + ": " + e.getValue().describe());
        }
        for (Map.Entry<String, Counts> e : r.byKind.entrySet()) {
            Counts c = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "kind %s: labelled=%d detected=%d recall=%.4f%n",
                    e.getKey(),
                    c.tp + c.fn,
                    c.tp,
                    c.recall());
        }
        for (Map.Entry<String, Counts> e : r.bySource.entrySet()) {
            Counts c = e.getValue();
            out.printf(
                    Locale.ROOT,
                    "flagged by %s: %d (labelled %d, not labelled %d)%n",
                    e.getKey(),
                    c.tp + c.fp,
                    c.tp,
                    c.fp);
        }
        out.printf(
                Locale.ROOT,
                "samples=%d hosts=%d not scored (warm-up %s per host)=%d%n",
                r.samples,
                r.byHost.size(),
                HumanDuration.format(cfg.warmUp()),
                r.warmingUp);
        out.printf(
                Locale.ROOT,
                "SIM precision=%.4f recall=%.4f f1=%.4f%n",
                r.total.precision(),
                r.total.recall(),
                r.total.f1());
    }

    private static String usage() {
        return "usage: LabelledStreamEvaluation [--input FILE] [--set name=value]...";
    }
}
