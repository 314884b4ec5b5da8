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

    private void breach(String host, long t, String reason, long now) throws Exception {
        alerting.signal(Signal.of(new Sample(host, t, 92.3, 50, 96.1)), now);
        alerting.signal(
                Signal.of(
                        new Anomaly(
                                host, t, 92.3, 50, 96.1, reason, 92.3, 85, 2, reason + " at " + t)),
                now);
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
        start(Map.of("alert.group-wait", "0s", "alert.resolve-after", "0s"));
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
