package com.smartinfra.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.JobConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what {@link ConfigurationReference} generates from the options; run with
 * {@code -Dconfiguration.reference.write=true} to regenerate it.
 */
class ConfigurationReferenceTest {
    /** The repository's docs, from the module directory Maven runs tests in. */
    private static final Path FILE = Path.of("..", "docs", "configuration.md");

    @Test
    void theCommittedReferenceIsTheGeneratedOne() throws Exception {
        if (Boolean.getBoolean("configuration.reference.write")) {
            ConfigurationReference.main(new String[] {FILE.toString()});
        }
        String committed =
                Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "(missing)";
        assertThat(committed)
                .as(
                        "docs/configuration.md differs from the job's ConfigOptions; regenerate it"
                                + " with: "
                                + ConfigurationReference.REGENERATE)
                .isEqualTo(ConfigurationReference.render());
    }

    @Test
    void everySettingIsInTheReferenceWithItsDefault() {
        String md = ConfigurationReference.render();
        for (OptionGroup g : JobConfig.GROUPS) {
            for (ConfigOption<?> o : g.options()) {
                assertThat(md).contains("| `" + o.key() + "` |");
            }
        }
        assertThat(md)
                .contains("| `detect.trees` | `32` | Integer |")
                .contains("| `detect.state-ttl` | `24h` | Duration |")
                .contains("| `ingest.max-age` | `7d` | Duration |")
                .contains("| `influxdb.retry-backoff` | `200ms` | Duration |")
                .contains("| `kafka.bootstrap-servers` | — | String |");
    }
}
