package com.smartinfra.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.SharedDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiConfigTest {
    private static Map<String, String> minimal() {
        Map<String, String> m = new HashMap<>();
        m.put("INFLUXDB_URL", "http://127.0.0.1:8086");
        m.put("INFLUXDB_TOKEN", "s3cret-token");
        return m;
    }

    @Test
    void appliesDefaults() {
        ApiConfig c = ApiConfig.from(minimal());

        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.port()).isEqualTo(4567);
        assertThat(c.influxUrl()).isEqualTo("http://127.0.0.1:8086");
        assertThat(c.influxToken()).containsExactly("s3cret-token".toCharArray());
        assertThat(c.influxOrg()).isEqualTo("smart-infra");
        assertThat(c.influxBucket()).isEqualTo("metrics");
    }

    @Test
    void readsEverySetting() {
        Map<String, String> m = minimal();
        m.put("API_BIND", "0.0.0.0");
        m.put("API_PORT", "0");
        m.put("INFLUXDB_ORG", "acme");
        m.put("INFLUXDB_BUCKET", "telemetry");

        ApiConfig c = ApiConfig.from(m);

        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.port()).isZero();
        assertThat(c.influxOrg()).isEqualTo("acme");
        assertThat(c.influxBucket()).isEqualTo("telemetry");
    }

    @Test
    void neverShowsTheToken() {
        assertThat(ApiConfig.from(minimal()).toString())
                .doesNotContain("s3cret")
                .contains("<redacted>");
    }

    @Test
    void requiresTheInfluxUrlAndNamesIt() {
        Map<String, String> m = minimal();
        m.remove("INFLUXDB_URL");
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageStartingWith("INFLUXDB_URL is required");
    }

    @Test
    void refusesAnInvalidInfluxUrlWithoutEchoingCredentials() {
        for (String bad :
                new String[] {
                    "localhost:8086", "ftp://x", "http://", "http://u:pw@host:8086", "::"
                }) {
            Map<String, String> m = minimal();
            m.put("INFLUXDB_URL", bad);
            assertThatThrownBy(() -> ApiConfig.from(m))
                    .as(bad)
                    .isInstanceOf(ApiConfigException.class)
                    .hasMessageStartingWith("INFLUXDB_URL must be an http(s) URL")
                    .hasMessageNotContaining("pw");
        }
    }

    @Test
    void aHostIsSilentAfterTheJobsNoDataDelayUnlessToldOtherwise() {
        assertThat(ApiConfig.from(minimal()).noDataAfter())
                .as("the job's alert.no-data.after default")
                .isEqualTo(SharedDefaults.NO_DATA_AFTER)
                .isEqualTo(Duration.ofMinutes(2));
        Map<String, String> m = minimal();
        m.put("NO_DATA_AFTER", "5min");
        assertThat(ApiConfig.from(m).noDataAfter()).isEqualTo(Duration.ofMinutes(5));
        for (String bad : new String[] {"soon", "0s", "500ms"}) {
            m.put("NO_DATA_AFTER", bad);
            assertThatThrownBy(() -> ApiConfig.from(m))
                    .as(bad)
                    .isInstanceOf(ApiConfigException.class)
                    .hasMessageStartingWith("NO_DATA_AFTER must be");
        }
    }

    @Test
    void refusesABadPortAndNamesIt() {
        for (String bad : new String[] {"http", "-1", "65536", ""}) {
            Map<String, String> m = minimal();
            m.put("API_PORT", bad);
            assertThatThrownBy(() -> ApiConfig.from(m))
                    .as(bad)
                    .isInstanceOf(ApiConfigException.class)
                    .hasMessageStartingWith("API_PORT");
        }
    }

    @Test
    void requiresAToken() {
        Map<String, String> m = minimal();
        m.remove("INFLUXDB_TOKEN");
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageStartingWith("INFLUXDB_TOKEN or INFLUXDB_TOKEN_FILE is required");
    }

    @Test
    void readsTheTokenFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "file-token\n");
        Map<String, String> m = minimal();
        m.remove("INFLUXDB_TOKEN");
        m.put("INFLUXDB_TOKEN_FILE", file.toString());

        assertThat(ApiConfig.from(m).influxToken()).containsExactly("file-token".toCharArray());
    }

    @Test
    void refusesAMissingOrEmptyTokenFileAndBothTokenSources(@TempDir Path dir) throws Exception {
        Map<String, String> m = minimal();
        m.remove("INFLUXDB_TOKEN");
        m.put("INFLUXDB_TOKEN_FILE", dir.resolve("absent").toString());
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageStartingWith("INFLUXDB_TOKEN_FILE cannot be read");

        Path empty = Files.writeString(dir.resolve("empty"), "  \n");
        m.put("INFLUXDB_TOKEN_FILE", empty.toString());
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageStartingWith("INFLUXDB_TOKEN_FILE names an empty file");

        m.put("INFLUXDB_TOKEN", "t");
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessage("set only one of INFLUXDB_TOKEN and INFLUXDB_TOKEN_FILE");
    }

    @Test
    void argumentsNameTheSameSettings() {
        assertThat(
                        ApiConfig.parseArgs(
                                new String[] {
                                    "--api.port=8080",
                                    "--influxdb.url=http://influxdb:8086",
                                    "--influxdb.token-file=/run/secrets/t"
                                }))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "API_PORT", "8080",
                                "INFLUXDB_URL", "http://influxdb:8086",
                                "INFLUXDB_TOKEN_FILE", "/run/secrets/t"));
    }

    @Test
    void refusesATokenOnTheCommandLineAndUnknownArguments() {
        assertThatThrownBy(() -> ApiConfig.parseArgs(new String[] {"--influxdb.token=abc"}))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageContaining("not accepted on the command line")
                .hasMessageNotContaining("abc");
        assertThatThrownBy(() -> ApiConfig.parseArgs(new String[] {"--api.prot=1"}))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageContaining("unknown argument '--api.prot'");
        assertThatThrownBy(() -> ApiConfig.parseArgs(new String[] {"4567"}))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageContaining("argument '4567'");
    }

    @Test
    void kafkaAndCorsAreOffByDefault() {
        ApiConfig c = ApiConfig.from(minimal());

        assertThat(c.kafkaBootstrapServers()).isNull();
        assertThat(c.metricsTopic()).isEqualTo("metrics");
        assertThat(c.corsOrigins()).isEmpty();
    }

    @Test
    void readsKafkaTopicAndCorsOrigins() {
        Map<String, String> m = minimal();
        m.put("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092, 10.0.0.7:9093,[::1]:9094");
        m.put("METRICS_TOPIC", "metrics.v2");
        m.put("ALERT_CONTROL_TOPIC", "alert-control.v2");
        m.put("API_CORS_ORIGINS", "https://ops.example.com, http://localhost:3000");

        ApiConfig c = ApiConfig.from(m);

        assertThat(c.kafkaBootstrapServers()).isEqualTo("kafka-1:9092,10.0.0.7:9093,[::1]:9094");
        assertThat(c.metricsTopic()).isEqualTo("metrics.v2");
        assertThat(c.alertControlTopic()).isEqualTo("alert-control.v2");
        assertThat(ApiConfig.from(minimal()).alertControlTopic()).isEqualTo("alert-control");
        assertThat(c.corsOrigins())
                .containsExactlyInAnyOrder("https://ops.example.com", "http://localhost:3000");
    }

    @Test
    void refusesBadKafkaTopicAndCorsSettingsNamingThem() {
        String[][] cases = {
            {"KAFKA_BOOTSTRAP_SERVERS", "kafka"},
            {"KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,"},
            {"KAFKA_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:9092"},
            {"METRICS_TOPIC", "metrics topic"},
            {"METRICS_TOPIC", ""},
            {"ALERT_CONTROL_TOPIC", "alert/control"},
            {"API_CORS_ORIGINS", "*"},
            {"API_CORS_ORIGINS", "https://ops.example.com/"},
            {"API_CORS_ORIGINS", "ops.example.com"},
        };
        for (String[] bad : cases) {
            Map<String, String> m = minimal();
            m.put(bad[0], bad[1]);
            assertThatThrownBy(() -> ApiConfig.from(m))
                    .as(bad[0] + "=" + bad[1])
                    .isInstanceOf(ApiConfigException.class)
                    .hasMessageStartingWith(bad[0]);
        }
    }

    @Test
    void anEmptyKafkaSettingMeansIngestIsOff() {
        Map<String, String> m = minimal();
        m.put("KAFKA_BOOTSTRAP_SERVERS", " ");

        assertThat(ApiConfig.from(m).kafkaBootstrapServers()).isNull();
    }

    @Test
    void refusesPlaceholderSecretsNamingTheSettingWithoutEchoingThem(@TempDir Path dir)
            throws Exception {
        String[] placeholders = {
            "change-me-to-a-long-random-token",
            "CHANGE-ME",
            "changeme-please-1234567",
            "change_me_0123456789",
            "<your InfluxDB token>",
            "your-token-goes-here-123",
        };
        for (String name : new String[] {"INFLUXDB_TOKEN", "API_TOKEN"}) {
            for (String placeholder : placeholders) {
                Map<String, String> m = minimal();
                m.put(name, placeholder);
                assertThatThrownBy(() -> ApiConfig.from(m))
                        .as(name + "=" + placeholder)
                        .isInstanceOf(ApiConfigException.class)
                        .hasMessageStartingWith(name + " is a placeholder")
                        .hasMessageNotContaining(placeholder);
            }
        }
        Path file = Files.writeString(dir.resolve("token"), "change-me-to-a-long-random-token\n");
        Map<String, String> m = minimal();
        m.remove("INFLUXDB_TOKEN");
        m.put("INFLUXDB_TOKEN_FILE", file.toString());
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessageStartingWith("INFLUXDB_TOKEN_FILE is a placeholder");
    }

    @Test
    void refusesAShortApiTokenNamingIt() {
        Map<String, String> m = minimal();
        m.put("API_TOKEN", "fifteen-chars-x");
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessage("API_TOKEN must be at least 16 characters (use a long random value)");
    }

    @Test
    void refusesBadWriteLimitSettingsNamingThem() {
        String[][] cases = {
            {"API_WRITE_RATE", "0"},
            {"API_WRITE_RATE", "-1"},
            {"API_WRITE_RATE", "fast"},
            {"API_WRITE_RATE", "NaN"},
            {"API_WRITE_BURST", "0"},
            {"API_WRITE_BURST", "1.5"},
            {"API_MAX_SILENCES", "0"},
            {"API_MAX_SILENCES", "100000"},
        };
        for (String[] bad : cases) {
            Map<String, String> m = minimal();
            m.put(bad[0], bad[1]);
            assertThatThrownBy(() -> ApiConfig.from(m))
                    .as(bad[0] + "=" + bad[1])
                    .isInstanceOf(ApiConfigException.class)
                    .hasMessageStartingWith(bad[0]);
        }
    }

    @Test
    void writesAreOpenAndLimitedByDefault() {
        ApiConfig c = ApiConfig.from(minimal());

        assertThat(c.apiToken()).isNull();
        assertThat(c.writeRate()).isEqualTo(5.0);
        assertThat(c.writeBurst()).isEqualTo(20);
        assertThat(c.maxSilences()).isEqualTo(100);
        assertThat(c.toString()).contains("apiToken=<not set>");
    }

    @Test
    void readsTheApiTokenAndWriteLimitsAndNeverShowsTheToken(@TempDir Path dir) throws Exception {
        Map<String, String> m = minimal();
        m.put("API_TOKEN", "  api-token-0123456789abcdef ");
        m.put("API_WRITE_RATE", "0.5");
        m.put("API_WRITE_BURST", "3");
        m.put("API_MAX_SILENCES", "7");
        ApiConfig c = ApiConfig.from(m);

        assertThat(c.apiToken()).containsExactly("api-token-0123456789abcdef".toCharArray());
        assertThat(c.writeRate()).isEqualTo(0.5);
        assertThat(c.writeBurst()).isEqualTo(3);
        assertThat(c.maxSilences()).isEqualTo(7);
        assertThat(c.toString())
                .doesNotContain("api-token-0123456789abcdef")
                .doesNotContain("s3cret")
                .contains("apiToken=<redacted>");

        Path file = Files.writeString(dir.resolve("api-token"), "file-api-token-0123456789\n");
        m.remove("API_TOKEN");
        m.put("API_TOKEN_FILE", file.toString());
        assertThat(ApiConfig.from(m).apiToken())
                .containsExactly("file-api-token-0123456789".toCharArray());

        m.put("API_TOKEN", "api-token-0123456789abcdef");
        assertThatThrownBy(() -> ApiConfig.from(m))
                .isInstanceOf(ApiConfigException.class)
                .hasMessage("set only one of API_TOKEN and API_TOKEN_FILE");
    }

    @Test
    void refusesTheApiTokenOnTheCommandLineWithoutEchoingIt() {
        assertThatThrownBy(
                        () -> ApiConfig.parseArgs(new String[] {"--api.token=abcdefghijklmnopq"}))
                .isInstanceOf(ApiConfigException.class)
                .hasMessage(
                        "--api.token is not accepted on the command line: set API_TOKEN or"
                                + " API_TOKEN_FILE");
        assertThat(ApiConfig.parseArgs(new String[] {"--api.token-file=/run/secrets/api"}))
                .containsEntry("API_TOKEN_FILE", "/run/secrets/api");
    }
}
