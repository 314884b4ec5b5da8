package com.smartinfra.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The detector on the simulator's labelled stream, as {@code bin/smart-infra eval-sim} runs it. */
class LabelledStreamEvaluationTest {
    private static final Pattern LAST =
            Pattern.compile("SIM precision=([0-9.]+) recall=([0-9.]+) f1=([0-9.]+)");
    private static final long START = Instant.parse("2025-06-24T00:00:00Z").toEpochMilli();

    /** 10 hosts, one simulated hour, seed 42: what eval-sim scores by default. */
    private static byte[] hour;

    @BeforeAll
    static void simulateOneHour() {
        SampleGenerator gen = new SampleGenerator(10, 3_000, 0.1, 42L, START);
        hour = jsonLines(gen.samplesUntil(START + 3_600_000));
    }

    private static byte[] jsonLines(List<Sample> samples) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Sample s : samples) {
            out.writeBytes(SampleJson.toJson(s));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static String run(InputStream in, String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code =
                LabelledStreamEvaluation.run(
                        args, in, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultDetectorReachesF1OfAtLeast09OnTheSimulatedHour() throws IOException {
        String out = run(new ByteArrayInputStream(hour));
        System.out.print(out);
        String[] lines = out.split("\n");
        Matcher m = LAST.matcher(lines[lines.length - 1]);
        assertThat(m.matches()).as(lines[lines.length - 1]).isTrue();
        double precision = Double.parseDouble(m.group(1));
        double recall = Double.parseDouble(m.group(2));
        double f1 = Double.parseDouble(m.group(3));
        assertThat(f1).isGreaterThanOrEqualTo(0.9);
        assertThat(precision).isGreaterThanOrEqualTo(0.85);
        assertThat(recall).isGreaterThanOrEqualTo(0.9);
        assertThat(out).contains("host web-01: ", "host queue-02: ");
        // every injected kind is mostly found, not only the ones the rules catch
        for (String kind : List.of("cpu_spike", "memory_leak", "disk_fill", "overload")) {
            Matcher k =
                    Pattern.compile("kind " + kind + ": labelled=(\\d+) detected=(\\d+) recall=")
                            .matcher(out);
            assertThat(k.find()).as(kind).isTrue();
            assertThat(Long.parseLong(k.group(2)))
                    .as(kind + " detected")
                    .isGreaterThanOrEqualTo(Long.parseLong(k.group(1)) * 9 / 10);
        }
        assertThat(out).containsPattern("flagged by model: [1-9]");
        // 2 minutes of 3-second samples per host are warm-up, not scored
        assertThat(out).contains("samples=12000 hosts=10 not scored (warm-up 2m per host)=400");
    }

    @Test
    void theSameStreamScoresTheSame() throws IOException {
        DetectorConfig cfg = DetectorConfig.defaults();
        LabelledStreamEvaluation.Result a =
                LabelledStreamEvaluation.evaluate(new ByteArrayInputStream(hour), cfg);
        LabelledStreamEvaluation.Result b =
                LabelledStreamEvaluation.evaluate(new ByteArrayInputStream(hour), cfg);
        assertThat(b.total.describe()).isEqualTo(a.total.describe());
        assertThat(a.total.tp + a.total.fp + a.total.fn + a.total.tn)
                .isEqualTo(a.samples - a.warmingUp);
    }

    @Test
    void aDetectorThatFlagsNothingHasNoRecallAndAFlaggingOneNoPrecision() {
        LabelledStreamEvaluation.Counts c = new LabelledStreamEvaluation.Counts();
        c.add(true, false);
        c.add(false, false);
        assertThat(c.recall()).isZero();
        assertThat(c.f1()).isZero();
        c.add(true, true);
        c.add(false, true);
        c.add(false, true);
        // tp 1, fp 2, fn 1
        assertThat(c.precision()).isEqualTo(1.0 / 3);
        assertThat(c.recall()).isEqualTo(0.5);
        assertThat(c.f1()).isEqualTo(2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5));
    }

    @Test
    void aLineThatIsNotASampleStopsTheRunNamingTheLine() {
        byte[] in =
                ("{\"host\":\"a\",\"timestamp\":1750723200000,\"cpu\":1,\"memory\":2,\"disk\":3}\n"
                                + "{\"host\":\"a\",\"cpu\":1}\n")
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> run(new ByteArrayInputStream(in)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("line 2 is not a valid sample: ")
                .hasMessageContaining("timestamp");
    }

    @Test
    void unknownOptionsAndEmptyInputAreRefused() {
        assertThatThrownBy(() -> run(new ByteArrayInputStream(hour), "--hosts", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --hosts");
        assertThatThrownBy(() -> run(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no samples on the input");
    }
}
