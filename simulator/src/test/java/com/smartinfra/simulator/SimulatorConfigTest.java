package com.smartinfra.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorConfigTest {
    private static final long NOW = Instant.parse("2025-06-24T12:00:00Z").toEpochMilli();

    private static SimulatorConfig parse(Map<String, String> env, String... args)
            throws ConfigException {
        return SimulatorConfig.parse(args, env, NOW, 1234L);
    }

    private static SimulatorConfig parse(String... args) throws ConfigException {
        return parse(Map.of(), args);
    }

    @Test
    void defaults() throws Exception {
        SimulatorConfig c = parse();
        assertThat(c.hosts()).isEqualTo(5);
        assertThat(c.hostCount()).isEqualTo(5);
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.hostInterval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.anomalyRate()).isEqualTo(0.1);
        assertThat(c.seed()).isEqualTo(1234L);
        assertThat(c.seedGiven()).isFalse();
        assertThat(c.startMillis()).isEqualTo(NOW);
        assertThat(c.startGiven()).isFalse();
        assertThat(c.duration()).isEmpty();
        assertThat(c.count()).isEmpty();
        assertThat(c.rate()).isEmpty();
        assertThat(c.fast()).isFalse();
        assertThat(c.dryRun()).isFalse();
        assertThat(c.replay()).isEmpty();
        assertThat(c.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(c.topic()).isEqualTo("metrics");
        assertThat(c.kafkaTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.help()).isFalse();
    }

    @Test
    void everyOption() throws Exception {
        SimulatorConfig c =
                parse(
                        "--hosts",
                        "10",
                        "--interval",
                        "500ms",
                        "--anomaly-rate=0.25",
                        "--seed",
                        "-7",
                        "--start",
                        "2025-01-02T03:04:05Z",
                        "--duration",
                        "1h",
                        "--count",
                        "100",
                        "--fast",
                        "--dry-run",
                        "--bootstrap-servers",
                        "kafka-1:9092,kafka-2:19092",
                        "--topic",
                        "metrics.v2",
                        "--kafka-timeout",
                        "15s");
        assertThat(c.hosts()).isEqualTo(10);
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.anomalyRate()).isEqualTo(0.25);
        assertThat(c.seed()).isEqualTo(-7L);
        assertThat(c.seedGiven()).isTrue();
        assertThat(c.startMillis()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z").toEpochMilli());
        assertThat(c.duration()).contains(Duration.ofHours(1));
        assertThat(c.count()).hasValue(100);
        assertThat(c.fast()).isTrue();
        assertThat(c.dryRun()).isTrue();
        assertThat(c.bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:19092");
        assertThat(c.topic()).isEqualTo("metrics.v2");
        assertThat(c.kafkaTimeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void kafkaDefaultsComeFromTheEnvironmentAndOptionsWin() throws Exception {
        Map<String, String> env =
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:29092", "METRICS_TOPIC", "m2");
        assertThat(parse(env).bootstrapServers()).isEqualTo("kafka:29092");
        assertThat(parse(env).topic()).isEqualTo("m2");
        SimulatorConfig c = parse(env, "--bootstrap-servers", "other:1", "--topic", "t");
        assertThat(c.bootstrapServers()).isEqualTo("other:1");
        assertThat(c.topic()).isEqualTo("t");
        assertThat(parse(Map.of("METRICS_TOPIC", " ")).topic()).isEqualTo("metrics");
        assertThatThrownBy(() -> parse(Map.of("METRICS_TOPIC", "bad topic")))
                .hasMessageContaining("METRICS_TOPIC");
        assertThatThrownBy(() -> parse(Map.of("KAFKA_BOOTSTRAP_SERVERS", "nohostport")))
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @ParameterizedTest
    @CsvSource({
        "500ms, 500",
        "3s, 3000",
        "1.5m, 90000",
        "2h, 7200000",
        "1d, 86400000",
        "PT5S, 5000",
        "10S, 10000"
    })
    void durations(String text, long millis) throws Exception {
        assertThat(SimulatorConfig.parseDuration("--interval", text))
                .isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({
        "2025-06-24T16:42:00Z, 2025-06-24T16:42:00Z",
        "2025-06-24T18:42:00+02:00, 2025-06-24T16:42:00Z",
        "2025-06-24T16:42:00, 2025-06-24T16:42:00Z",
        "2025-06-24, 2025-06-24T00:00:00Z"
    })
    void startTimes(String text, String instant) throws Exception {
        assertThat(parse("--start", text).startMillis())
                .isEqualTo(Instant.parse(instant).toEpochMilli());
    }

    @Test
    void rateSetsEachHostsInterval() throws Exception {
        assertThat(parse("--rate", "100").hostInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(parse("--rate", "1000", "--hosts", "20").hostInterval())
                .isEqualTo(Duration.ofMillis(20));
        assertThat(parse("--rate", "3", "--hosts", "1").hostInterval())
                .isEqualTo(Duration.ofNanos(333_333_333));
        assertThat(parse("--rate", "100000").hostInterval()).isEqualTo(Duration.ofNanos(50_000));
        assertThat(parse("--rate", "100").rate()).hasValue(100.0);
    }

    @Test
    void replayPlaysOneHost(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("cpu.csv"), "timestamp,value\n");
        SimulatorConfig c = parse("--replay", csv.toString(), "--replay-host", "ec2-a");
        assertThat(c.replay()).contains(csv);
        assertThat(c.replayHost()).isEqualTo("ec2-a");
        assertThat(c.hostCount()).isEqualTo(1);
        assertThat(parse("--replay", csv.toString()).replayHost()).isEqualTo("replay-01");
        assertThat(parse("--replay", csv.toString(), "--rate", "10").hostInterval())
                .isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> parse("--replay", csv.toString(), "--hosts", "3"))
                .hasMessage("--hosts cannot be combined with --replay (a replay plays one host)");
        assertThatThrownBy(() -> parse("--replay", csv.toString(), "--anomaly-rate", "0.2"))
                .hasMessageContaining("--anomaly-rate cannot be combined with --replay");
        assertThatThrownBy(() -> parse("--replay", csv.toString(), "--replay-host", "a b"))
                .hasMessageContaining("--replay-host 'a b' is not a valid host name");
    }

    @Test
    void helpWinsOverEverythingElse() throws Exception {
        assertThat(parse("--hosts", "0", "--help").help()).isTrue();
        assertThat(parse("-h").help()).isTrue();
        assertThat(SimulatorConfig.USAGE)
                .contains(
                        "--hosts",
                        "--interval",
                        "--anomaly-rate",
                        "--seed",
                        "--start",
                        "--duration",
                        "--count",
                        "--rate",
                        "--replay",
                        "--replay-host",
                        "--fast",
                        "--bootstrap-servers",
                        "--topic",
                        "--dry-run",
                        "--help");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--hosts 0 | --hosts must be between 1 and 100000, was 0",
                "--hosts five | --hosts must be a whole number, was 'five'",
                "--hosts | option --hosts needs a value",
                "--hosts --fast | option --hosts needs a value",
                "--interval 3x | --interval must be a duration like 500ms, 3s, 1m, 2h or 1d, was '3x'",
                "--interval 0s | --interval must be at least 1ms, was '0s'",
                "--anomaly-rate 1.5 | --anomaly-rate must be between 0 and 1, was 1.5",
                "--anomaly-rate NaN | --anomaly-rate must be between 0 and 1, was NaN",
                "--seed 1.5 | --seed must be a whole number, was '1.5'",
                "--start yesterday | --start must be an ISO-8601 time like 2025-06-24T00:00:00Z, was 'yesterday'",
                "--start 1970-01-01T00:00:00Z | --start must be between 2000-01-01 and 2100-01-01, was '1970-01-01T00:00:00Z'",
                "--duration forever | --duration must be a duration like 500ms, 3s, 1m, 2h or 1d, was 'forever'",
                "--count 0 | --count must be at least 1, was 0",
                "--rate 0 | --rate must be greater than 0 and at most 10000000, was 0",
                "--rate 10 --interval 1s | --rate and --interval cannot be combined: --rate sets the pace",
                "--rate 10 --fast | --rate and --fast cannot be combined: --fast sends as fast as possible",
                "--replay /no/such/file.csv | --replay file '/no/such/file.csv' does not exist or is not a readable file",
                "--replay-host web-9 | --replay-host needs --replay FILE",
                "--topic a/b | --topic 'a/b' is not a valid Kafka topic name ([A-Za-z0-9._-]{1,249})",
                "--bootstrap-servers localhost | --bootstrap-servers must be host:port[,host:port...], was 'localhost'",
                "--bootstrap-servers a:1,b:99999 | --bootstrap-servers must be host:port[,host:port...], was 'a:1,b:99999'",
                "--fast=yes | option --fast takes no value",
                "--hosts 3 --hosts 4 | option --hosts is given twice",
                "--verbose | unknown option '--verbose'",
                "hosts | unexpected argument 'hosts'",
            })
    void badArgumentsNameTheOption(String args, String message) {
        assertThatThrownBy(() -> parse(args.trim().split(" +")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void fleetIncidentOptions() throws Exception {
        SimulatorConfig c = parse("--hosts", "10", "--fleet-every", "2h");
        assertThat(c.fleetEvery()).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(c.fleetHosts()).isEqualTo(5);
        assertThat(parse("--hosts", "10", "--fleet-every", "2h", "--fleet-hosts", "3").fleetHosts())
                .isEqualTo(3);
        assertThat(parse().fleetEvery()).isNull();
        assertThatThrownBy(() -> parse("--hosts", "3", "--fleet-every", "2h", "--fleet-hosts", "4"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--fleet-hosts 4 is more than the 3 hosts");
        assertThatThrownBy(() -> parse("--fleet-hosts", "3"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--fleet-hosts needs --fleet-every D");
        assertThatThrownBy(() -> parse("--fleet-every", "1m"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be at least 24 samples");
    }
}
