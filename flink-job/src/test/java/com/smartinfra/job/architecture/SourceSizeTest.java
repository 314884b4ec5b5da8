package com.smartinfra.job.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sizes a newcomer can read in one sitting (issue 13): no main source class of any module over 450
 * lines, and the {@code bin/smart-infra} entry script a short dispatcher over {@code bin/lib}.
 */
class SourceSizeTest {
    /** The checkout's root: tests run in the flink-job module's directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final int MAX_CLASS_LINES = 450;
    private static final int MAX_ENTRY_SCRIPT_LINES = 199;

    @Test
    void noMainClassIsLongerThan450Lines() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        for (String module : List.of("schema", "flink-job", "simulator", "dashboard-api")) {
            Path sources = ROOT.resolve(module).resolve("src/main/java");
            assertThat(sources).as("main sources of %s", module).isDirectory();
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    int lines = Files.readAllLines(f).size();
                    if (lines > MAX_CLASS_LINES) {
                        tooLong.put(ROOT.relativize(f).toString(), lines);
                    }
                }
            }
        }
        assertThat(tooLong).as("main classes over %d lines", MAX_CLASS_LINES).isEmpty();
    }

    @Test
    void theEntryScriptIsAShortDispatcher() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("bin/smart-infra")))
                .as("lines of bin/smart-infra (the work belongs in bin/lib/<component>.sh)")
                .hasSizeLessThanOrEqualTo(MAX_ENTRY_SCRIPT_LINES);
    }
}
