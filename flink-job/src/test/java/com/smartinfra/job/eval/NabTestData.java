package com.smartinfra.job.eval;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The NAB subset shipped in the test resources (28 files of NAB, MIT licence). */
final class NabTestData {
    private NabTestData() {}

    static Path root() {
        try {
            return Paths.get(NabTestData.class.getResource("/nab/LICENSE.txt").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, List<long[]>> windows() throws IOException {
        return NabCorpus.readWindows(root().resolve("combined_windows.json"));
    }

    /** A detector's results files (one sub-directory per category), keyed by data file name. */
    static List<NabCorpus.DataFile> results(String detector) throws IOException {
        Path dir = root().resolve("results").resolve(detector);
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files =
                    s.filter(p -> Files.isRegularFile(p) && p.getParent() != null)
                            .filter(p -> !p.getParent().equals(dir))
                            .filter(p -> p.toString().endsWith(".csv"))
                            .sorted()
                            .collect(Collectors.toList());
        }
        List<NabCorpus.DataFile> out = new ArrayList<>();
        for (Path p : files) {
            String category = p.getParent().getFileName().toString();
            String base = p.getFileName().toString().substring(detector.length() + 1);
            out.add(NabCorpus.readCsv(p, category + "/" + base));
        }
        return out;
    }

    static List<NabBenchmark.Scored> scored(
            List<NabCorpus.DataFile> files, Map<String, List<long[]>> windows) {
        List<NabBenchmark.Scored> out = new ArrayList<>();
        for (NabCorpus.DataFile f : files) {
            out.add(
                    new NabBenchmark.Scored(
                            f.name, f.timestamps, f.anomalyScores, windows.get(f.name)));
        }
        return out;
    }
}
