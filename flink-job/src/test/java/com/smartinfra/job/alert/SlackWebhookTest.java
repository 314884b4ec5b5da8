package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.config.InvalidConfigurationException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackWebhookTest {
    private static final String URL = "https://hooks.slack.com/services/T000/B000/s3cr3t";

    @TempDir Path tmp;
    private final Map<String, String> env = new HashMap<>();

    private URI resolve(AlertConfig c) {
        return SlackWebhook.resolve(c, env::get);
    }

    @Test
    void readsTheUrlFromTheSettingsFileThenTheEnvironmentsFileThenTheEnvironment()
            throws Exception {
        assertThat(resolve(AlertConfig.defaultConfig())).isNull();

        env.put(AlertConfig.WEBHOOK_URL_ENV, URL + "-env");
        assertThat(resolve(AlertConfig.defaultConfig())).hasToString(URL + "-env");

        Path envFile = tmp.resolve("from-env-file");
        Files.writeString(envFile, URL + "-envfile\n");
        env.put(AlertConfig.WEBHOOK_URL_FILE_ENV, envFile.toString());
        assertThat(resolve(AlertConfig.defaultConfig())).hasToString(URL + "-envfile");

        Path file = tmp.resolve("from-setting");
        Files.writeString(file, URL);
        AlertConfig c =
                AlertConfig.fromMap(Map.of("alert.slack.webhook-url-file", file.toString()));
        assertThat(resolve(c)).hasToString(URL);
    }

    @Test
    void aBadUrlStopsStartUpWithoutQuotingTheSecret() throws Exception {
        env.put(AlertConfig.WEBHOOK_URL_ENV, "hooks.slack.com/services/T000/B000/s3cr3t");
        assertThatThrownBy(() -> resolve(AlertConfig.defaultConfig()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(AlertConfig.WEBHOOK_URL_ENV)
                .hasMessageNotContaining("s3cr3t");

        AlertConfig missing =
                AlertConfig.fromMap(
                        Map.of("alert.slack.webhook-url-file", tmp.resolve("nope").toString()));
        assertThatThrownBy(() -> resolve(missing))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("'alert.slack.webhook-url-file'");
    }

    @Test
    void redactsTheUrlAndItsSecretPathFromLogText() {
        URI u = URI.create(URL);
        assertThat(SlackWebhook.redact("POST " + URL + " failed", u))
                .isEqualTo("POST <webhook> failed");
        assertThat(SlackWebhook.redact("no route to /services/T000/B000/s3cr3t", u))
                .doesNotContain("s3cr3t");
    }
}
