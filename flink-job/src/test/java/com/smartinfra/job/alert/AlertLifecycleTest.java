package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SilenceCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle core without Flink ({@link InProcessAlerting}): event time and wall-clock time are
 * moved by hand, so the same decisions the job makes are checked on plain objects.
 */
class AlertLifecycleTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    private static final long P0 = T0 + 5 * MIN;

    private final List<Notification> out = new ArrayList<>();
    private InProcessAlerting alerting;

    private void start(Map<String, String> settings) {
        alerting = new InProcessAlerting(AlertConfig.fromMap(settings), out::add);
    }

    private void sample(String host, long t, long now) throws Exception {
        alerting.signal(Signal.of(new Sample(host, t, 40, 50, 60)), now);
    }

    /** A breach of {@code reason}; a {@code model} breach here is a strong one (severity 10). */
    private void breach(String host, long t, String reason, long now) throws Exception {
        alerting.signal(Signal.of(new Sample(host, t, 92.3, 50, 96.1)), now);
        Anomaly a = new Anomaly(host, t, 92.3, 50, 96.1, reason, 92.3, 85, 2, reason + " at " + t);
        a.severity = 10;
        alerting.signal(Signal.of(a), now);
    }

    /** A weak model anomaly (severity 1.2) with the forest's score against its threshold of 0.6. */
    private void modelBreach(String host, long t, double score, long now) throws Exception {
        modelBreach(host, t, score, 1.2, now);
    }

    /**
     * A model anomaly with the forest's score against the host's threshold of 0.6 and its severity
     * (1 at the threshold; a memory leak at 80 % lies dozens out).
     */
    private void modelBreach(String host, long t, double score, double severity, long now)
            throws Exception {
        alerting.signal(Signal.of(new Sample(host, t, 40, 71, 60)), now);
        Anomaly a = new Anomaly(host, t, 40, 71, 60, "model", score, 0.6, 3, "memory 71% high");
        a.severity = severity;
        alerting.signal(Signal.of(a), now);
    }

    /** Samples of {@code host} every 3 s from {@code from} to {@code to}, and the watermark. */
    private void normal(String host, long from, long to) throws Exception {
        for (long t = from; t <= to; t += 3 * S) {
            sample(host, t, t);
        }
        alerting.advanceWatermark(to, to);
    }

    @Test
    void aBacklogAheadOfTheWatermarkHoldsOneTimerPerHostAndScansOnlyOnce() throws Exception {
        // a host 10 minutes ahead of the watermark (one partition behind, or catching up): one
        // timer at its oldest pending tick, not one per tick; the map of ticks is listed once (a
        // new host's queue), never per timer; a late sample still gets judged
        start(Map.of("alert.group-wait", "0s"));
        for (long t = T0; t < T0 + 600 * S; t += 3 * S) {
            sample("web-01", t, P0);
        }
        assertThat(alerting.eventTimersWaiting()).as("timers for 200 pending ticks").isEqualTo(1);
        for (long w = T0; w <= T0 + 300 * S; w += S) {
            alerting.advanceWatermark(w, P0);
            assertThat(alerting.eventTimersWaiting()).as("timers at " + w).isEqualTo(1);
        }
        breach("web-01", T0 + 150 * S, "cpu>85", P0); // behind the watermark
        alerting.advanceWatermark(T0 + 301 * S, P0);
        assertThat(drain()).containsExactly("web-01#1: cpu=FIRING");
        alerting.advanceWatermark(T0 + 600 * S, P0);
        assertThat(drain()).containsExactly("web-01#2: cpu=RESOLVED");
        assertThat(alerting.eventTimersWaiting()).as("timers when nothing waits").isZero();
        assertThat(alerting.pendingScans()).as("scans of the pending map").isEqualTo(1);
    }

    @Test
    void stateWithoutAQueueOfPendingTimesRebuildsItFromThePendingTicks() throws Exception {
        // state of the version before the queue: pending ticks, no queue; the next timer lists
        // the ticks once and judges them as the queue would have
        assertThat(withPendingQueueDropped(true))
                .isEqualTo(withPendingQueueDropped(false))
                .contains("web-01#1: cpu=FIRING", "web-01#2: cpu=RESOLVED");
    }

    private List<String> withPendingQueueDropped(boolean drop) throws Exception {
        start(Map.of("alert.group-wait", "0s"));
        for (long t = T0; t < T0 + 600 * S; t += 3 * S) {
            sample("web-01", t, P0);
        }
        breach("web-01", T0 + 30 * S, "cpu>85", P0);
        long scans = alerting.pendingScans();
        if (drop) {
            alerting.dropPendingQueues();
        }
        alerting.advanceWatermark(T0 + 600 * S, P0);
        assertThat(alerting.pendingScans() - scans).as("scans").isEqualTo(drop ? 1 : 0);
        assertThat(alerting.eventTimersWaiting()).as("timers left").isZero();
        return drain();
    }

    private List<String> drain() {
        List<String> got = new ArrayList<>();
        for (Notification n : out) {
            StringBuilder b = new StringBuilder(n.id).append(':');
            for (AlertItem i : n.items) {
                b.append(' ').append(i.cause).append('=').append(i.kind);
                if (i.silenced) {
                    b.append("(silenced)");
                }
                if (i.warning) {
                    b.append("(warning)");
                }
                if (i.flapping) {
                    b.append("(flapping)");
                }
            }
            got.add(b.toString());
        }
        out.clear();
        return got;
    }

    @Test
    void aBreachIsJudgedWhenTheWatermarkPassesItAndGroupedForTheGroupWait() throws Exception {
        start(Map.of());
        breach("web-01", T0, "cpu>85", P0);
        breach("web-01", T0 + 10 * S, "cpu>85,disk>95", P0);
        alerting.advanceWatermark(T0 + 29 * S, P0);
        assertThat(drain()).as("still inside the group wait").isEmpty();
        alerting.advanceWatermark(T0 + 30 * S, P0);
        assertThat(drain()).containsExactly("web-01#1: cpu=FIRING disk=FIRING");

        // normal for a minute (the resolve hysteresis), then resolved in one message
        for (long t = T0 + 20 * S; t <= T0 + 90 * S; t += 10 * S) {
            sample("web-01", t, P0);
        }
        alerting.advanceWatermark(T0 + 90 * S, P0);
        assertThat(drain()).isEmpty();
        alerting.advanceWatermark(T0 + 110 * S, P0);
        assertThat(drain()).containsExactly("web-01#2: cpu=RESOLVED disk=RESOLVED");
    }

    @Test
    void aModelStillLearningTheHostJudgesButDoesNotPage() throws Exception {
        start(Map.of("alert.group-wait", "0s"));
        normal("app-01", T0, T0 + 10 * MIN);
        // high score and persistent, but weak (severity 1.2) and the model has seen minutes only
        for (long t = T0 + 10 * MIN + 3 * S; t <= T0 + 10 * MIN + 30 * S; t += 3 * S) {
            modelBreach("app-01", t, 0.9, t);
        }
        normal("app-01", T0 + 10 * MIN + 33 * S, T0 + 12 * MIN);
        // one strong sample alone (a stuck delta, a blip) proves little to a young model
        modelBreach("app-01", T0 + 12 * MIN + 3 * S, 0.55, 8, T0 + 12 * MIN + 3 * S);
        modelBreach("app-01", T0 + 12 * MIN + 6 * S, 0.55, 1.5, T0 + 12 * MIN + 6 * S);
        normal("app-01", T0 + 12 * MIN + 9 * S, T0 + 14 * MIN);
        assertThat(drain())
                .containsExactly(
                        "app-01#1: model=FIRING(warning)",
                        "app-01#2: model=RESOLVED(warning)",
                        "app-01#3: model=FIRING(warning)",
                        "app-01#4: model=RESOLVED(warning)");

        // after the learning period (1 h) a weak breach pages once it persisted (9 s)
        normal("app-01", T0 + 14 * MIN, T0 + H);
        for (long t = T0 + H + 3 * S; t <= T0 + H + 12 * S; t += 3 * S) {
            modelBreach("app-01", t, 0.9, t);
        }
        alerting.advanceWatermark(T0 + H + 12 * S, T0 + H + 12 * S);
        assertThat(drain())
                .containsExactly("app-01#5: model=FIRING(warning)", "app-01#6: model=FIRING");
    }

    @Test
    void aRampPagesAtItsSecondSampleWhileTheModelLearnsAndAtItsFirstOnceItKnowsTheHost()
            throws Exception {
        start(Map.of("alert.group-wait", "0s"));
        normal("app-05", T0, T0 + 20 * MIN);
        // a memory leak: far out of the host's range (severity 6, growing), scored below the
        // forest's threshold because the forest cannot tell how far outside its range a point is
        long r = T0 + 20 * MIN + 3 * S;
        modelBreach("app-05", r, 0.55, 6, r);
        alerting.advanceWatermark(r, r);
        assertThat(drain()).containsExactly("app-05#1: model=FIRING(warning)");
        modelBreach("app-05", r + 3 * S, 0.55, 6.5, r + 3 * S);
        alerting.advanceWatermark(r + 3 * S, r + 3 * S);
        List<Notification> paged = new ArrayList<>(out);
        assertThat(drain()).containsExactly("app-05#2: model=FIRING");
        assertThat(paged.get(0).items[0].severity).isEqualTo("critical");
        normal("app-05", r + 6 * S, T0 + 2 * H);
        assertThat(drain()).containsExactly("app-05#3: model=RESOLVED");

        // the host's model is mature: the same ramp pages at its first sample
        long m = T0 + 2 * H + 3 * S;
        modelBreach("app-05", m, 0.55, 6, m);
        alerting.advanceWatermark(m, m);
        assertThat(drain()).containsExactly("app-05#4: model=FIRING");
    }

    @Test
    void aWeakModelBreachPagesOnlyWhenItPersistsOrARuleAgrees() throws Exception {
        // (many flips in a few minutes here: no flap damping in this test)
        start(
                Map.of(
                        "alert.group-wait",
                        "0s",
                        "alert.model.learning-period",
                        "0s",
                        "alert.flap.max-flips",
                        "100"));
        normal("app-02", T0, T0 + MIN);
        // three weak samples in a row, above the threshold: a warning, recorded, never sent, and
        // so is its resolve (the false alerts measured at realistic rates were runs of two)
        for (long t = T0 + MIN + 3 * S; t <= T0 + MIN + 9 * S; t += 3 * S) {
            modelBreach("app-02", t, 0.62, t);
        }
        normal("app-02", T0 + MIN + 12 * S, T0 + 3 * MIN);
        assertThat(drain())
                .containsExactly(
                        "app-02#1: model=FIRING(warning)", "app-02#2: model=RESOLVED(warning)");

        // four weak samples in a row: pages at the fourth, 9 s after the first (persistence)
        for (long t = T0 + 3 * MIN + 3 * S; t <= T0 + 3 * MIN + 12 * S; t += 3 * S) {
            modelBreach("app-02", t, 0.62, t);
        }
        alerting.advanceWatermark(T0 + 3 * MIN + 12 * S, T0 + 3 * MIN + 12 * S);
        normal("app-02", T0 + 3 * MIN + 15 * S, T0 + 5 * MIN);
        List<Notification> sent = new ArrayList<>(out);
        assertThat(drain())
                .containsExactly(
                        "app-02#3: model=FIRING(warning)",
                        "app-02#4: model=FIRING",
                        "app-02#5: model=RESOLVED");
        assertThat(sent.get(1).items[0].severity).isEqualTo("critical");
        assertThat(sent.get(1).items[0].time).isEqualTo(T0 + 3 * MIN + 12 * S);
        assertThat(sent.get(0).items[0].severity).isEqualTo("warning");

        // one weak sample while a rule of the host fires: pages at once (agreement)
        breach("app-02", T0 + 5 * MIN + 3 * S, "cpu>85", T0 + 5 * MIN + 3 * S);
        modelBreach("app-02", T0 + 5 * MIN + 6 * S, 0.62, T0 + 5 * MIN + 6 * S);
        alerting.advanceWatermark(T0 + 5 * MIN + 6 * S, T0 + 5 * MIN + 6 * S);
        assertThat(drain()).containsExactly("app-02#6: cpu=FIRING", "app-02#7: model=FIRING");

        // a high score is not strength: one sample at score 0.75, severity 1.2, is a warning
        normal("app-02", T0 + 5 * MIN + 9 * S, T0 + 8 * MIN);
        drain();
        modelBreach("app-02", T0 + 8 * MIN + 3 * S, 0.75, T0 + 8 * MIN + 3 * S);
        alerting.advanceWatermark(T0 + 8 * MIN + 3 * S, T0 + 8 * MIN + 3 * S);
        assertThat(drain()).singleElement().asString().endsWith(": model=FIRING(warning)");

        // one strong sample (severity 2.5, as rare as the contamination to the 2.5th): pages at
        // once, even scored below the threshold (beyond the trained range)
        normal("app-02", T0 + 8 * MIN + 6 * S, T0 + 11 * MIN);
        drain();
        modelBreach("app-02", T0 + 11 * MIN + 3 * S, 0.5, 2.5, T0 + 11 * MIN + 3 * S);
        alerting.advanceWatermark(T0 + 11 * MIN + 3 * S, T0 + 11 * MIN + 3 * S);
        assertThat(drain()).singleElement().asString().endsWith(": model=FIRING");
    }

    @Test
    void incidentsTwentyMinutesApartAreNotFlappingButAnOscillationIs() throws Exception {
        start(Map.of("alert.group-wait", "0s"));
        long t = T0;
        for (int incident = 0; incident < 4; incident++) {
            breach("db-03", t, "disk>95", t);
            normal("db-03", t + 3 * S, t + 20 * MIN);
            t += 20 * MIN;
        }
        assertThat(drain()).hasSize(8).noneMatch(m -> m.contains("flapping"));

        // breaching for a sample every 70 s: it resolves and fires again and again within minutes
        for (int k = 0; k < 5; k++) {
            breach("db-03", t, "disk>95", t);
            normal("db-03", t + 3 * S, t + 67 * S);
            t += 70 * S;
        }
        assertThat(drain()).anyMatch(m -> m.contains("(flapping)"));
    }

    @Test
    void anAnomalyArrivingBeforeItsSampleIsTheSameBreach() throws Exception {
        start(Map.of("alert.group-wait", "0s"));
        alerting.signal(
                Signal.of(new Anomaly("db-01", T0, 20, 40, 97, "disk>95", 97, 95, 1, "disk")), P0);
        alerting.signal(Signal.of(new Sample("db-01", T0, 20, 40, 97)), P0);
        alerting.advanceWatermark(T0, P0);
        assertThat(drain()).containsExactly("db-01#1: disk=FIRING");
    }

    @Test
    void aSampleThatBreaksARuleSaysNothingAboutTheModel() throws Exception {
        // a mature model (no learning period), so that its strong breach pages
        start(
                Map.of(
                        "alert.group-wait",
                        "0s",
                        "alert.resolve-after",
                        "0s",
                        "alert.model.learning-period",
                        "0s"));
        breach("web-02", T0, "model", P0);
        breach("web-02", T0 + 5 * S, "cpu>85", P0); // the detector reports the rule, not the model
        alerting.advanceWatermark(T0 + 5 * S, P0);
        assertThat(drain()).containsExactly("web-02#1: model=FIRING", "web-02#2: cpu=FIRING");
        sample("web-02", T0 + 10 * S, P0);
        alerting.advanceWatermark(T0 + 10 * S, P0);
        assertThat(drain()).containsExactly("web-02#3: cpu=RESOLVED model=RESOLVED");
    }

    @Test
    void noDataRunsOnTheWallClockAndAForgottenHostStartsAfresh() throws Exception {
        start(Map.of("alert.no-data.forget-after", "3h"));
        sample("web-04", T0, P0);
        alerting.advanceWatermark(T0, P0);
        alerting.advanceProcessingTime(P0 + 2 * MIN - 1);
        assertThat(drain()).isEmpty();
        alerting.advanceProcessingTime(P0 + 2 * MIN);
        assertThat(drain()).containsExactly("web-04#1: nodata=FIRING");
        alerting.advanceProcessingTime(P0 + 2 * MIN + H);
        assertThat(drain()).containsExactly("web-04#2: nodata=REPEAT");
        alerting.advanceProcessingTime(P0 + 2 * MIN + 2 * H);
        assertThat(drain()).containsExactly("web-04#3: nodata=REPEAT");
        alerting.advanceProcessingTime(P0 + 3 * H);
        assertThat(drain()).as("forgotten without a resolve").isEmpty();
        assertThat(alerting.hostCount()).isZero();

        // back after being forgotten: a new host, message ids from 1 again
        sample("web-04", T0 + 4 * H, P0 + 4 * H);
        alerting.advanceProcessingTime(P0 + 4 * H + 2 * MIN);
        assertThat(drain()).containsExactly("web-04#1: nodata=FIRING");
    }

    @Test
    void aGroupGoesOutOnTheWallClockWhenEventTimeStalls() throws Exception {
        start(Map.of());
        breach("web-10", T0, "cpu>85", P0);
        alerting.advanceWatermark(T0, P0);
        alerting.advanceProcessingTime(P0 + 30 * S + AlertLifecycle.GROUP_FALLBACK_MS - 1);
        assertThat(drain()).isEmpty();
        alerting.advanceProcessingTime(P0 + 30 * S + AlertLifecycle.GROUP_FALLBACK_MS);
        assertThat(drain()).containsExactly("web-10#1: cpu=FIRING");
    }

    @Test
    void silencesApplyByHostAndCauseAndAreCapped() throws Exception {
        start(Map.of("alert.group-wait", "0s", "alert.silences.max-active", "1"));
        assertThat(
                        alerting.control(
                                SilenceCommand.silence("s1", "web-08", "cpu", P0 + H, null), P0))
                .isEqualTo(SilenceBook.Outcome.ADDED);
        assertThat(alerting.control(SilenceCommand.silence("s2", "*", null, P0 + H, null), P0))
                .isEqualTo(SilenceBook.Outcome.REFUSED);
        breach("web-08", T0, "cpu>85,disk>95", P0);
        alerting.advanceWatermark(T0, P0);
        assertThat(drain()).containsExactly("web-08#1: cpu=FIRING(silenced) disk=FIRING");

        assertThat(alerting.control(SilenceCommand.unsilence("s1"), P0 + MIN))
                .isEqualTo(SilenceBook.Outcome.REMOVED);
        breach("web-08", T0 + MIN, "cpu>85,disk>95", P0 + MIN);
        alerting.advanceWatermark(T0 + MIN, P0 + MIN);
        assertThat(drain()).containsExactly("web-08#2: cpu=FIRING");
    }
}
