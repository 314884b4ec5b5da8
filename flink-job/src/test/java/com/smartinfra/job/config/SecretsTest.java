package com.smartinfra.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir Path tmp;

    @Test
    void aTokenFileIsReadStripped() throws Exception {
        Path f = Files.writeString(tmp.resolve("token"), "  s3cret-token-value-0123\n");
        assertThat(Secrets.read("NO_SUCH_ENV_VAR_42", f.toString(), "influxdb.token-file"))
                .isEqualTo("s3cret-token-value-0123");
    }

    @Test
    void theExampleFilesPlaceholderIsRefusedWithoutEchoingIt() throws Exception {
        // what .env.example ships: a deployment must not run on it
        Path f = Files.writeString(tmp.resolve("token"), "change-me-to-a-long-random-token\n");
        assertThatThrownBy(
                        () ->
                                Secrets.read(
                                        "NO_SUCH_ENV_VAR_42", f.toString(), "influxdb.token-file"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'influxdb.token-file'")
                .hasMessageContaining("placeholder")
                .hasMessageNotContaining("long-random");
    }
}
