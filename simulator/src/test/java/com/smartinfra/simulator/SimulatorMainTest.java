package com.smartinfra.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, with --dry-run (stdout) as the sink. */
class SimulatorMainTest {
    private static final String START = "2025-06-24T00:00:00Z";
    private static final long START_MS = Instant.parse(START).toEpochMilli();

    private static List<Sample> parse(List<String> lines) throws Exception {
        List<Sample> out = new ArrayList<>();
        for (String l : lines) {
            out.add(SampleJson.parse(l.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void badArgumentsExitWithCode2AndUsage() {
        Cli cli = Cli.run("--hosts", "0", "--dry-run");
        assertThat(cli.code).isEqualTo(2);
        assertThat(cli.err())
                .startsWith("simulator: --hosts must be between 1 and 100000, was 0\n")
                .contains("Usage:", "--anomaly-rate");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void helpPrintsUsageAndExits0() {
        Cli cli = Cli.run("--help");
        assertThat(cli.code).isZero();
        assertThat(cli.out()).startsWith("Usage:").contains("--replay FILE", "--dry-run");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void dryRunPrintsTheGeneratorsStreamAsJsonLines() throws Exception {
        Cli cli =
                Cli.run("--dry-run", "--fast", "--seed", "42", "--start", START, "--count", "5000");
        assertThat(cli.code).isZero();
        List<Sample> printed = parse(cli.lines());
        assertThat(printed)
                .isEqualTo(new SampleGenerator(5, 3_000, 0.1, 42L, START_MS).samples(5000));
        assertThat(cli.main.stats().emitted()).isEqualTo(5000);
        assertThat(cli.main.stats().anomalous())
                .isEqualTo(printed.stream().filter(s -> s.injected != null).count())
                .isPositive();
    }

    @Test
    void sameSeedAndStartGiveTheSameOutputAndAnotherSeedDoesNot() {
        String[] args = {"--dry-run", "--fast", "--seed", "9", "--start", START, "--count", "500"};
        String first = Cli.run(args).out();
        assertThat(Cli.run(args).out()).isEqualTo(first);
        args[3] = "10";
        assertThat(Cli.run(args).out()).isNotEqualTo(first);
    }

    @Test
    void durationLimitsSimulatedTime() throws Exception {
        Cli cli =
                Cli.run(
                        "--dry-run",
                        "--fast",
                        "--seed",
                        "1",
                        "--start",
                        START,
                        "--duration",
                        "1h",
                        "--hosts",
                        "10");
        assertThat(cli.code).isZero();
        List<Sample> samples = parse(cli.lines());
        assertThat(samples).hasSize(12_000);
        assertThat(samples.get(samples.size() - 1).timestamp)
                .isEqualTo(START_MS + 3_600_000 - 3_000);
    }

    @Test
    void realTimeModePacesAndStillHonoursTheCount() throws Exception {
        Cli cli = Cli.run("--dry-run", "--interval", "10ms", "--count", "15", "--seed", "3");
        assertThat(cli.code).isZero();
        List<Sample> samples = parse(cli.lines());
        assertThat(samples).hasSize(15);
        assertThat(samples.get(14).timestamp - samples.get(0).timestamp).isEqualTo(20);
    }

    @Test
    void rateModeSpacesEachHostsSamples() throws Exception {
        Cli cli =
                Cli.run(
                        "--dry-run",
                        "--rate",
                        "500",
                        "--count",
                        "20",
                        "--seed",
                        "3",
                        "--start",
                        START);
        assertThat(cli.code).isZero();
        List<Sample> samples = parse(cli.lines());
        assertThat(samples).hasSize(20);
        // 500 samples/s over 5 hosts: each host every 10 ms
        assertThat(samples.get(5).timestamp - samples.get(0).timestamp).isEqualTo(10);
        assertThat(samples.get(19).timestamp - START_MS).isEqualTo(30);
    }

    @Test
    void stopRequestEndsAnEndlessRun() throws Exception {
        Cli cli = new Cli();
        CompletableFuture<Integer> code =
                CompletableFuture.supplyAsync(
                        () ->
                                cli.main.run(
                                        new String[] {"--dry-run", "--interval", "20ms"},
                                        Map.of()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (cli.main.stats() == null
                && cli.out().split("\n").length < 20
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        cli.main.requestStop();
        assertThat(code.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(cli.main.awaitFinished(Duration.ofSeconds(1))).isTrue();
        assertThat(cli.main.stats().stopped()).isTrue();
        assertThat(cli.main.stats().emitted()).isGreaterThanOrEqualTo(20);
        assertThat(cli.lines()).hasSize((int) cli.main.stats().emitted());
    }

    @Test
    void replaysANabCsv(@TempDir Path dir) throws Exception {
        Path csv =
                Files.writeString(
                        dir.resolve("ec2_cpu.csv"),
                        "timestamp,value\n"
                                + "2014-04-10 00:02:00,10.5\n"
                                + "2014-04-10 00:07:00,20\n"
                                + "2014-04-10 00:12:00,97.5\n");
        Cli cli =
                Cli.run(
                        "--dry-run",
                        "--fast",
                        "--replay",
                        csv.toString(),
                        "--replay-host",
                        "ec2-1",
                        "--start",
                        START,
                        "--interval",
                        "5m");
        assertThat(cli.code).isZero();
        List<Sample> samples = parse(cli.lines());
        assertThat(samples).extracting(s -> s.cpu).containsExactly(10.5, 20.0, 97.5);
        assertThat(samples).extracting(s -> s.host).containsOnly("ec2-1");
        assertThat(samples)
                .extracting(s -> s.timestamp - START_MS)
                .containsExactly(0L, 300_000L, 600_000L);
    }

    @Test
    void aBrokenReplayFileExitsWithCode2(@TempDir Path dir) throws Exception {
        Path csv =
                Files.writeString(
                        dir.resolve("bad.csv"), "timestamp,value\n2014-04-10 00:02:00,x\n");
        Cli cli = Cli.run("--dry-run", "--replay", csv.toString());
        assertThat(cli.code).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo(
                        "simulator: --replay "
                                + csv
                                + ": line 2: value 'x' is not a finite number\n");
        assertThat(cli.out()).isEmpty();
    }
}
