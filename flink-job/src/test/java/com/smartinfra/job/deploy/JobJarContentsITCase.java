package com.smartinfra.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jars {@code mvn package} built (failsafe runs this after packaging): the job jar people
 * submit holds the job and none of the evaluation tools; the tools jar holds the tools, which run
 * beside the job jar ({@code bin/smart-infra eval-nab|eval-sim|eval-alerts}).
 */
class JobJarContentsITCase {
    private static final String EVAL = "com/smartinfra/job/eval/";

    @Test
    void theJobJarHoldsNoEvaluationTools() throws IOException {
        List<String> entries = entries(jar("job"));
        assertThat(entries).contains("com/smartinfra/job/SmartInfraJob.class");
        assertThat(entries).filteredOn(e -> e.startsWith(EVAL)).isEmpty();
    }

    @Test
    void theToolsJarHoldsTheEvaluationTools() throws IOException {
        List<String> entries = entries(jar("tools"));
        assertThat(entries)
                .contains(
                        EVAL + "NabEvaluation.class",
                        EVAL + "LabelledStreamEvaluation.class",
                        EVAL + "AlertEvaluation.class");
        // the job's classes come from the job jar beside it, not a second copy
        assertThat(entries).doesNotContain("com/smartinfra/job/SmartInfraJob.class");
    }

    private static Path jar(String classifier) {
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        Path jar = Path.of("target", "flink-job-" + version + "-" + classifier + ".jar");
        assertThat(jar).as("the %s jar (run after mvn package)", classifier).isRegularFile();
        return jar;
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return Collections.list(f.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
