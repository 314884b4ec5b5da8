package com.smartinfra.job.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.alert.AlertConfig;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The counting of {@code bin/smart-infra eval-alerts} on a hand-made stream of one host whose
 * outcome can be worked out by hand: the rules only (the forest never leaves its warm-up), one
 * sample every 3 s, the job's default alert settings (group wait 30 s, fleet stage on with its 10-s
 * wait, resolve after 1 min).
 */
class AlertEvaluationTest {
    private static final long START = 1_750_723_200_000L; // 2025-06-24T00:00:00Z
    private static final long STEP = 3_000;

    /** A rule-only detector: the model's warm-up is longer than the stream. */
    private static final DetectorConfig RULES_ONLY =
            DetectorConfig.defaults().toBuilder().warmUp(Duration.ofDays(1)).build();

    /**
     * 400 samples (20 min) of one host at CPU 20 %, except: samples 100–104 at CPU 95 % labelled
     * cpu_spike (caught by cpu>85); samples 200–202 labelled memory_leak but normal (missed);
     * sample 300 at CPU 95 % without a label (a false alert, 294 s after the last incident).
     */
    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int k = 0; k < 400; k++) {
            boolean spike = (k >= 100 && k <= 104) || k == 300;
            Sample s = new Sample("web-01", START + k * STEP, spike ? 95 : 20, 40, 30);
            if (k >= 100 && k <= 104) {
                s.injected = "cpu_spike";
            } else if (k >= 200 && k <= 202) {
                s.injected = "memory_leak";
            }
            out.writeBytes(SampleJson.toJson(s));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static AlertEvaluationResult evaluate(byte[] stream) throws IOException {
        return AlertEvaluation.evaluate(
                new ByteArrayInputStream(stream), RULES_ONLY, AlertConfig.defaultConfig());
    }

    @Test
    void countsIncidentsMessagesFalseAlertsAndDelaysAsWorkedOutByHand() throws IOException {
        AlertEvaluationResult r = evaluate(stream());

        assertThat(r.samples).isEqualTo(400);
        assertThat(r.hosts).isEqualTo(1);
        assertThat(r.interval).isEqualTo(STEP);
        assertThat(r.hostDays)
                .isCloseTo(1200.0 / 86_400, org.assertj.core.data.Offset.offset(1e-9));

        IncidentFigures spike = r.byKind.get("cpu_spike");
        assertThat(spike.incidents).isEqualTo(1);
        assertThat(spike.alerted).isEqualTo(1);
        // the firing message and the resolve message
        assertThat(spike.messages).isEqualTo(2);
        assertThat(spike.pagingMessages).isEqualTo(1);
        assertThat(spike.resolves).isEqualTo(1);
        // paged at its first sample; the message waits for the group (30 s), then the fleet
        // stage holds a first page for its wait (10 s of event time)
        assertThat(spike.pageDelays).containsExactly(0L);
        assertThat(spike.messageDelays).containsExactly(40_000L);

        IncidentFigures leak = r.byKind.get("memory_leak");
        assertThat(leak.incidents).isEqualTo(1);
        assertThat(leak.alerted).isZero();
        assertThat(leak.recorded).isZero();
        assertThat(leak.messages).isZero();
        assertThat(leak.pageDelays).isEmpty();

        assertThat(r.total.incidents).isEqualTo(2);
        assertThat(r.total.alerted).isEqualTo(1);
        // the lone spike: one alert, its firing and its resolve message
        assertThat(r.falseAlerts()).isEqualTo(1);
        assertThat(r.falseMessages).isEqualTo(2);
        assertThat(r.falsePagingMessages).isEqualTo(1);
        assertThat(r.falseByCause).isEqualTo(Map.of("cpu", 1L));
        assertThat(r.falsePerHostDay()).isCloseTo(72.0, org.assertj.core.data.Offset.offset(1e-6));
        // (2 + 2) messages, (1 + 1) pages over 2 incidents
        assertThat(r.messagesPerIncident()).isEqualTo(2.0);
        assertThat(r.pagingPerIncident()).isEqualTo(1.0);
        assertThat(r.flappingAlerts()).isZero();
    }

    @Test
    void printsOneLinePerKindTheTotalAndLastAGreppableSummary() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.nio.file.Path f = java.nio.file.Files.createTempFile("labelled", ".jsonl");
        try {
            java.nio.file.Files.write(f, stream());
            int code =
                    AlertEvaluation.run(
                            new String[] {"--input", f.toString(), "--set", "alert.group-wait=0s"},
                            new ByteArrayInputStream(new byte[0]),
                            new PrintStream(bytes, true, StandardCharsets.UTF_8));
            assertThat(code).isZero();
        } finally {
            java.nio.file.Files.delete(f);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] lines = out.split("\n");
        assertThat(out).containsPattern("(?m)^cpu_spike +1 +1 \\(100\\.0%\\)");
        assertThat(out).containsPattern("(?m)^memory_leak +1 +0 \\( *0\\.0%\\)");
        assertThat(out).containsPattern("(?m)^incidents +2 +1 \\( 50\\.0%\\)");
        assertThat(lines[lines.length - 1])
                .startsWith("ALERTS incidents=2 alerted=0.5000 messages_per_incident=2.00")
                .contains("paging_per_incident=1.00", "resolves_per_alerted=1.00");
    }

    @Test
    void aPageShortlyBeforeAnIncidentBelongsToItAndTheLatestStartedIncidentWins() {
        LabelledIncident a = new LabelledIncident("h", "cpu_spike", 100_000);
        a.end = 200_000;
        LabelledIncident b = new LabelledIncident("h", "overload", 250_000);
        b.end = 260_000;
        List<LabelledIncident> both = List.of(a, b);
        assertThat(IncidentMatching.incidentAt(both, 40_000)).isSameAs(a); // 60 s early
        assertThat(IncidentMatching.incidentAt(both, 39_999)).isNull();
        assertThat(IncidentMatching.incidentAt(both, 255_000)).isSameAs(b);
        assertThat(IncidentMatching.incidentAt(both, 220_000)).isSameAs(a); // within a's 2 min
        assertThat(IncidentMatching.incidentAt(both, 380_001)).isNull();
    }

    @Test
    void percentilesAreNearestRank() {
        assertThat(AlertReport.percentile(List.of(3L, 1L, 2L, 10L), 0.5)).isEqualTo(2);
        assertThat(AlertReport.percentile(List.of(3L, 1L, 2L, 10L), 0.95)).isEqualTo(10);
        assertThat(AlertReport.percentile(List.of(), 0.95)).isEqualTo(-1);
    }

    @Test
    void anUnknownAlertSettingStopsTheRunNamingIt() {
        assertThatThrownBy(
                        () ->
                                AlertEvaluation.run(
                                        new String[] {"--set", "alert.group-wiat=0s"},
                                        new ByteArrayInputStream(stream()),
                                        new PrintStream(new ByteArrayOutputStream())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alert.group-wiat");
    }
}
