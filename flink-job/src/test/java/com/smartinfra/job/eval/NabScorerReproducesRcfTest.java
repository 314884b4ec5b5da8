package com.smartinfra.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The scorer against NAB's published results for Random Cut Forest: from RCF's {@code
 * anomaly_score} column and its published thresholds, every file's score and counts as in {@code
 * randomCutForest_<profile>_scores.csv}.
 */
class NabScorerReproducesRcfTest {
    private static Map<String, List<long[]>> windows;
    private static List<NabBenchmark.Scored> rcf;
    private static final Map<NabProfile, Double> publishedThreshold =
            new EnumMap<>(NabProfile.class);

    @BeforeAll
    static void load() throws IOException {
        windows = NabTestData.windows();
        rcf = NabTestData.scored(NabTestData.results("randomCutForest"), windows);
        Path thresholds = NabTestData.root().resolve("results/randomCutForest/thresholds.json");
        try (JsonParser p = new JsonFactory().createParser(thresholds.toFile())) {
            String profile = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    for (NabProfile np : NabProfile.values()) {
                        if (np.nabName().equals(name)) {
                            profile = name;
                        }
                    }
                    if (name.equals("threshold")) {
                        p.nextToken();
                        for (NabProfile np : NabProfile.values()) {
                            if (np.nabName().equals(profile)) {
                                publishedThreshold.put(np, p.getDoubleValue());
                            }
                        }
                    }
                }
            }
        }
    }

    /** One row of a published {@code *_scores.csv}. */
    private static final class Published {
        double score;
        int tp;
        int tn;
        int fp;
        int fn;
        int total;
    }

    private static Map<String, Published> published(NabProfile profile) throws IOException {
        Path csv =
                NabTestData.root()
                        .resolve(
                                "results/randomCutForest/randomCutForest_"
                                        + profile.nabName()
                                        + "_scores.csv");
        Map<String, Published> out = new HashMap<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[2].isEmpty() || c[0].equals("Totals")) {
                continue;
            }
            Published p = new Published();
            p.score = Double.parseDouble(c[4]);
            p.tp = Integer.parseInt(c[5]);
            p.tn = Integer.parseInt(c[6]);
            p.fp = Integer.parseInt(c[7]);
            p.fn = Integer.parseInt(c[8]);
            p.total = Integer.parseInt(c[9]);
            out.put(c[2], p);
        }
        return out;
    }

    @Test
    void theSubsetHas28FilesAnd36Windows() {
        assertThat(rcf).hasSize(28);
        assertThat(rcf.stream().mapToInt(f -> f.windows.size()).sum()).isEqualTo(36);
        assertThat(publishedThreshold).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void everyFileScoresAsPublished(NabProfile profile) throws IOException {
        Map<String, Published> expected = published(profile);
        assertThat(expected).hasSize(28);
        NabBenchmark.Result result =
                NabBenchmark.scoreAt(rcf, profile, publishedThreshold.get(profile));
        for (NabBenchmark.Scored f : rcf) {
            Published want = expected.get(f.name);
            NabSweeper.ThresholdScore got = result.perFile.get(f.name);
            assertThat(got.score).as(f.name + " score").isCloseTo(want.score, within(1e-6));
            assertThat(new int[] {got.tp, got.tn, got.fp, got.fn})
                    .as(f.name + " tp, tn, fp, fn")
                    .containsExactly(want.tp, want.tn, want.fp, want.fn);
            assertThat(f.timestamps.length).as(f.name + " rows").isEqualTo(want.total);
        }
    }

    @Test
    void rcfOnTheSubsetNormalisesAsComputedByHand() {
        NabBenchmark.Result r =
                NabBenchmark.scoreAt(
                        rcf, NabProfile.STANDARD, publishedThreshold.get(NabProfile.STANDARD));
        // 36 windows: null = -36 (fnWeight 1 each), perfect = +36
        assertThat(r.nullScore).isCloseTo(-36.0, within(1e-12));
        assertThat(r.perfect).isEqualTo(36.0);
        double publishedRawSum = 0.399062; // sum of the Score column of the standard csv
        assertThat(r.raw).isCloseTo(publishedRawSum, within(1e-5));
        assertThat(r.normalized()).isCloseTo(100 * (publishedRawSum + 36) / 72, within(1e-4));
    }

    @Test
    void theOptimisedThresholdIsNoWorseThanThePublishedOne() {
        for (NabProfile p : NabProfile.values()) {
            NabBenchmark.Result atPublished =
                    NabBenchmark.scoreAt(rcf, p, publishedThreshold.get(p));
            NabBenchmark.Result optimised = NabBenchmark.score(rcf, p);
            assertThat(optimised.raw)
                    .as(p.nabName())
                    .isGreaterThanOrEqualTo(atPublished.raw - 1e-9);
        }
    }

    @Test
    void nullDetectorScoresZeroAndPerfectDetectorScoresHundred() {
        List<NabBenchmark.Scored> none = new ArrayList<>();
        List<NabBenchmark.Scored> perfect = new ArrayList<>();
        for (NabBenchmark.Scored f : rcf) {
            none.add(
                    new NabBenchmark.Scored(
                            f.name, f.timestamps, new double[f.timestamps.length], f.windows));
            double[] s = new double[f.timestamps.length];
            for (long[] w : f.windows) {
                for (int i = 0; i < f.timestamps.length; i++) {
                    if (f.timestamps[i] == w[0]) {
                        s[i] = 1.0;
                    }
                }
            }
            perfect.add(new NabBenchmark.Scored(f.name, f.timestamps, s, f.windows));
        }
        for (NabProfile p : NabProfile.values()) {
            assertThat(NabBenchmark.score(none, p).normalized())
                    .as(p.nabName())
                    .isCloseTo(0.0, within(1e-9));
            assertThat(NabBenchmark.score(perfect, p).normalized())
                    .as(p.nabName())
                    .isCloseTo(100.0, within(1e-9));
        }
    }
}
