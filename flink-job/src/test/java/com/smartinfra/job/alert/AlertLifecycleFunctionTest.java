package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SilenceCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle operator in Flink's keyed-broadcast operator harness: event time by watermarks,
 * processing time set by hand, so hours of alerting run in milliseconds.
 */
class AlertLifecycleFunctionTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;

    /** Processing (wall-clock) time at the start of each test. */
    private static final long P0 = T0 + 5 * MIN;

    private KeyedBroadcastOperatorTestHarness<String, Signal, SilenceCommand, Notification> h;

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, Signal, SilenceCommand, Notification>
            harness(AlertConfig config) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new AlertLifecycleFunction(config),
                        List.of(AlertLifecycleFunction.SILENCES)),
                (KeySelector<Signal, String>) s -> s.host,
                Types.STRING,
                1,
                1,
                0);
    }

    private void start(Map<String, String> settings) throws Exception {
        h = harness(AlertConfig.fromMap(settings));
        h.open();
        h.setProcessingTime(P0);
        // like the control source in the job: it never holds event time back
        h.processBroadcastWatermark(Long.MAX_VALUE);
    }

    private void sample(String host, long t) throws Exception {
        h.processElement(Signal.of(new Sample(host, t, 40, 50, 60)), t);
    }

    /** The metrics of a breaching sample, as on its anomaly. */
    private void breachingSample(String host, long t) throws Exception {
        h.processElement(Signal.of(new Sample(host, t, 92.3, 50, 96.1)), t);
    }

    private void anomaly(String host, long t, String reason) throws Exception {
        h.processElement(
                Signal.of(
                        new Anomaly(
                                host,
                                t,
                                92.3,
                                50,
                                96.1,
                                reason,
                                92.3,
                                85,
                                2,
                                reason + " at " + t + " (expected 20.0–45.0%)")),
                t);
    }

    /** A breaching sample: the sample and its anomaly. */
    private void breach(String host, long t, String reason) throws Exception {
        breachingSample(host, t);
        anomaly(host, t, reason);
    }

    private List<Notification> drain() {
        List<Notification> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    private static List<String> summary(List<Notification> ns) {
        List<String> out = new ArrayList<>();
        for (Notification n : ns) {
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
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void whatStartsWithinTheGroupWaitGoesOutAsOneMessageAndNothingIsSentTwice() throws Exception {
        start(Map.of());
        for (long t = T0; t <= T0 + 120 * S; t += 5 * S) {
            breach("web-01", t, t >= T0 + 10 * S ? "cpu>85,disk>95" : "cpu>85");
            if (t == T0 + 20 * S) {
                breach("web-02", t, "memory>90");
            } else {
                sample("web-02", t);
            }
        }
        h.processWatermark(T0 + 60 * S);
        List<Notification> first = drain();
        assertThat(summary(first))
                .containsExactlyInAnyOrder(
                        "web-01#1: cpu=FIRING disk=FIRING", "web-02#1: memory=FIRING");
        Notification web01 = first.stream().filter(n -> n.host.equals("web-01")).findFirst().get();
        assertThat(web01.items[0].id()).isEqualTo("web-01|cpu|" + T0 + "|0");
        assertThat(web01.items[1].id()).isEqualTo("web-01|disk|" + (T0 + 10 * S) + "|0");
        assertThat(web01.items[1].value).isEqualTo(96.1);
        assertThat(web01.items[1].threshold).isEqualTo(95.0);
        assertThat(web01.items[0].cpu).isEqualTo(92.3);
        assertThat(web01.items[0].explanation).contains("(expected 20.0–45.0%)");

        // web-01 keeps breaching: nothing new; web-02 was normal for a minute: resolved
        h.processWatermark(T0 + 120 * S);
        assertThat(summary(drain())).containsExactly("web-02#2: memory=RESOLVED");
    }

    @Test
    void samplesAndAnomaliesMayArriveInAnyOrder() throws Exception {
        List<String> reference = null;
        for (int order = 0; order < 3; order++) {
            start(Map.of("alert.group-wait", "0s"));
            long[] breaching = {0, 5, 10, 15, 25, 30}; // one normal sample at 20 s: no resolve
            List<Long> times = new ArrayList<>();
            for (long t = 0; t <= 150; t += 5) {
                times.add(T0 + t * S);
            }
            List<Runnable> samples = new ArrayList<>();
            List<Runnable> anomalies = new ArrayList<>();
            for (long t : times) {
                if (Arrays.stream(breaching).anyMatch(b -> T0 + b * S == t)) {
                    samples.add(unchecked(() -> breachingSample("web-01", t)));
                    anomalies.add(unchecked(() -> anomaly("web-01", t, "cpu>85")));
                } else {
                    samples.add(unchecked(() -> sample("web-01", t)));
                }
            }
            if (order == 0) { // samples first
                samples.forEach(Runnable::run);
                anomalies.forEach(Runnable::run);
            } else if (order == 1) { // anomalies first
                anomalies.forEach(Runnable::run);
                samples.forEach(Runnable::run);
            } else { // interleaved, watermark moving as they come
                for (int i = 0; i < samples.size(); i++) {
                    if (i < anomalies.size()) {
                        anomalies.get(i).run();
                    }
                    samples.get(i).run();
                    h.processWatermark(times.get(i) - 5 * S);
                }
            }
            h.processWatermark(T0 + 200 * S);
            List<String> got = summary(drain());
            assertThat(got).as("order %d", order).hasSize(2);
            if (reference == null) {
                reference = got;
                assertThat(got).containsExactly("web-01#1: cpu=FIRING", "web-01#2: cpu=RESOLVED");
            } else {
                assertThat(got).as("order %d", order).isEqualTo(reference);
            }
            h.close();
            h = null;
        }
    }

    @Test
    void aLateBreachBehindTheWatermarkIsStillJudged() throws Exception {
        // each on-time sample's timer judges only its own tick (no scan of every pending one); a
        // late one must still be found, and a backlog far ahead of the watermark drains in order
        start(Map.of("alert.group-wait", "0s"));
        for (long t = T0; t <= T0 + 60 * S; t += 5 * S) {
            sample("web-01", t);
        }
        h.processWatermark(T0 + 60 * S);
        assertThat(drain()).isEmpty();
        breach("web-01", T0 + 32 * S, "cpu>85"); // behind the watermark: late
        for (long t = T0 + 65 * S; t <= T0 + 600 * S; t += 5 * S) {
            sample("web-01", t); // a backlog: 108 ticks ahead of the watermark
        }
        h.processWatermark(T0 + 61 * S);
        assertThat(summary(drain())).containsExactly("web-01#1: cpu=FIRING");
        h.processWatermark(T0 + 600 * S);
        assertThat(summary(drain())).containsExactly("web-01#2: cpu=RESOLVED");
    }

    @Test
    void aSteadyBreachRepeatsOncePerRepeatInterval() throws Exception {
        start(Map.of());
        for (long t = T0; t <= T0 + 150 * MIN; t += MIN) {
            breach("db-01", t, "disk>95");
        }
        h.processWatermark(T0 + 151 * MIN);
        List<Notification> out = drain();
        assertThat(summary(out))
                .containsExactly(
                        "db-01#1: disk=FIRING", "db-01#2: disk=REPEAT", "db-01#3: disk=REPEAT");
        assertThat(out.get(1).items[0].time).isEqualTo(T0 + H);
        assertThat(out.get(2).items[0].id()).isEqualTo("db-01|disk|" + T0 + "|2");
    }

    @Test
    void aFlappingHostSendsAHandfulOfMessagesNotHundreds() throws Exception {
        start(Map.of("alert.group-wait", "0s", "alert.resolve-after", "0s"));
        // four hours of a CPU going over and under its limit every 30 s: 480 raw flips
        for (long t = T0; t < T0 + 4 * H; t += 30 * S) {
            if (((t - T0) / (30 * S)) % 2 == 0) {
                breach("web-03", t, "cpu>85");
            } else {
                sample("web-03", t);
            }
        }
        h.processWatermark(T0 + 4 * H);
        List<String> got = summary(drain());
        assertThat(got)
                .containsExactly(
                        "web-03#1: cpu=FIRING",
                        "web-03#2: cpu=RESOLVED",
                        "web-03#3: cpu=FIRING",
                        "web-03#4: cpu=RESOLVED",
                        "web-03#5: cpu=FIRING(flapping)",
                        "web-03#6: cpu=REPEAT(flapping)",
                        "web-03#7: cpu=REPEAT(flapping)",
                        "web-03#8: cpu=REPEAT(flapping)");
    }

    @Test
    void aSilentHostRaisesNoDataOnProcessingTimeRepeatsHourlyAndResolvesWhenBack()
            throws Exception {
        start(Map.of());
        sample("web-04", T0);
        sample("web-05", T0);
        h.processWatermark(T0);
        h.setProcessingTime(P0 + 90 * S);
        sample("web-05", T0 + 90 * S); // web-05 keeps reporting
        h.setProcessingTime(P0 + 2 * MIN - 1);
        assertThat(drain()).isEmpty();

        h.setProcessingTime(P0 + 2 * MIN);
        List<Notification> out = drain();
        assertThat(summary(out)).containsExactly("web-04#1: nodata=FIRING");
        AlertItem noData = out.get(0).items[0];
        assertThat(noData.id()).isEqualTo("web-04|nodata|" + (P0 + 2 * MIN) + "|0");
        assertThat(noData.explanation)
                .isEqualTo("No data from web-04 for 2m (last sample 2025-06-24T16:42:00Z)");
        assertThat(noData.severity).isEqualTo("critical");

        // web-05 falls silent later; web-04 repeats once an hour, not every minute
        h.setProcessingTime(P0 + 90 * S + 2 * MIN);
        assertThat(summary(drain())).containsExactly("web-05#1: nodata=FIRING");
        h.setProcessingTime(P0 + 2 * MIN + 59 * MIN);
        assertThat(drain()).isEmpty();
        h.setProcessingTime(P0 + 2 * MIN + H);
        assertThat(summary(drain())).containsExactly("web-04#2: nodata=REPEAT");

        // web-04 is back
        h.setProcessingTime(P0 + 2 * H);
        sample("web-04", T0 + 2 * H);
        h.processWatermark(T0 + 2 * H + 30 * S);
        out = drain();
        assertThat(summary(out)).contains("web-04#3: nodata=RESOLVED");
        Notification back = out.stream().filter(n -> n.host.equals("web-04")).findFirst().get();
        assertThat(back.items[0].id()).isEqualTo("web-04|nodata|" + (P0 + 2 * MIN) + "|2");
    }

    @Test
    void afterARestoreEveryHostGetsGraceBeforeNoData() throws Exception {
        start(Map.of());
        sample("web-06", T0);
        sample("web-07", T0);
        h.processWatermark(T0);
        OperatorSubtaskState snapshot = h.snapshot(1, P0);
        h.close();

        // the job was down for ten minutes
        h = harness(AlertConfig.defaultConfig());
        h.initializeState(snapshot);
        h.open();
        h.processBroadcastWatermark(Long.MAX_VALUE);
        long restart = P0 + 10 * MIN;
        h.setProcessingTime(restart);
        assertThat(drain()).as("no page storm at restart").isEmpty();
        h.setProcessingTime(restart + 30 * S);
        sample("web-06", T0 + 10 * MIN); // reports again after the restart
        h.setProcessingTime(restart + 2 * MIN);
        assertThat(summary(drain())).containsExactly("web-07#1: nodata=FIRING");
    }

    @Test
    void silencedAlertsAreRecordedButMarkedNotToBeSent() throws Exception {
        start(Map.of("alert.group-wait", "0s"));
        h.processBroadcastElement(
                SilenceCommand.silence("s1", "web-08", "cpu", P0 + H, "kernel upgrade"), P0);
        breach("web-08", T0, "cpu>85,disk>95");
        h.processWatermark(T0);
        assertThat(summary(drain())).containsExactly("web-08#1: cpu=FIRING(silenced) disk=FIRING");

        // lifted: the still-firing CPU alert is announced at the next sample, same alert id
        h.processBroadcastElement(SilenceCommand.unsilence("s1"), P0 + MIN);
        h.setProcessingTime(P0 + MIN);
        breach("web-08", T0 + MIN, "cpu>85,disk>95");
        h.processWatermark(T0 + MIN);
        List<Notification> out = drain();
        assertThat(summary(out)).containsExactly("web-08#2: cpu=FIRING");
        assertThat(out.get(0).items[0].id()).isEqualTo("web-08|cpu|" + T0 + "|1");

        // every host, every cause, including no-data
        h.processBroadcastElement(
                SilenceCommand.silence("all", "*", null, P0 + 2 * H, null), P0 + MIN);
        h.setProcessingTime(P0 + MIN + 3 * MIN);
        assertThat(summary(drain())).containsExactly("web-08#3: nodata=FIRING(silenced)");
    }

    @Test
    void silencesBeyondTheCapAreRefusedSoNoOneCanMuteEverything() throws Exception {
        start(Map.of("alert.group-wait", "0s", "alert.silences.max-active", "2"));
        h.processBroadcastElement(SilenceCommand.silence("s1", "web-01", "cpu", P0 + H, null), P0);
        h.processBroadcastElement(SilenceCommand.silence("s2", "web-02", "cpu", P0 + H, null), P0);
        // the third, muting every host, is refused
        h.processBroadcastElement(
                SilenceCommand.silence("s3", "*", null, P0 + H, "\nFAKE log line"), P0);
        breach("web-08", T0, "cpu>85");
        h.processWatermark(T0);
        assertThat(summary(drain())).containsExactly("web-08#1: cpu=FIRING");

        // renewing an active one is not a new one; after an unsilence there is room again
        h.processBroadcastElement(SilenceCommand.silence("s2", "web-02", "cpu", P0 + H, null), P0);
        h.processBroadcastElement(SilenceCommand.unsilence("s1"), P0);
        h.processBroadcastElement(SilenceCommand.silence("s3", "web-08", null, P0 + H, null), P0);
        breach("web-08", T0 + MIN, "disk>95");
        h.processWatermark(T0 + MIN);
        assertThat(summary(drain())).containsExactly("web-08#2: disk=FIRING(silenced)");
    }

    @Test
    void aRestoreRepeatsOnlyWhatFollowedTheCheckpointAndWithTheSameIds() throws Exception {
        start(Map.of());
        for (long t = T0; t < T0 + 2 * MIN; t += 10 * S) {
            breach("web-09", t, "cpu>85");
        }
        h.processWatermark(T0 + 2 * MIN);
        assertThat(summary(drain())).containsExactly("web-09#1: cpu=FIRING");
        OperatorSubtaskState checkpoint = h.snapshot(1, P0);

        // after the checkpoint: the disk breaches too, then both resolve
        Map<Long, String> after = new HashMap<>();
        for (long t = T0 + 2 * MIN; t < T0 + 6 * MIN; t += 10 * S) {
            after.put(t, t < T0 + 3 * MIN ? "cpu>85,disk>95" : null);
        }
        List<Notification> beforeCrash = feed(after, T0 + 6 * MIN);
        assertThat(summary(beforeCrash))
                .containsExactly("web-09#2: disk=FIRING", "web-09#3: cpu=RESOLVED disk=RESOLVED");
        h.close();

        // crash; restart from the checkpoint; the source replays what followed it
        h = harness(AlertConfig.defaultConfig());
        h.initializeState(checkpoint);
        h.open();
        h.setProcessingTime(P0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        List<Notification> afterRestore = feed(after, T0 + 6 * MIN);
        assertThat(summary(afterRestore)).isEqualTo(summary(beforeCrash));
        assertThat(ids(afterRestore)).isEqualTo(ids(beforeCrash));
    }

    @Test
    void aStalledWatermarkStillLetsAGroupGoOut() throws Exception {
        start(Map.of());
        breach("web-10", T0, "cpu>85");
        h.processWatermark(T0);
        h.setProcessingTime(P0 + 30 * S + AlertLifecycleFunction.GROUP_FALLBACK_MS - 1);
        assertThat(drain()).isEmpty();
        h.setProcessingTime(P0 + 30 * S + AlertLifecycleFunction.GROUP_FALLBACK_MS);
        assertThat(summary(drain())).containsExactly("web-10#1: cpu=FIRING");
    }

    private List<Notification> feed(Map<Long, String> input, long watermark) throws Exception {
        for (long t : new java.util.TreeSet<>(input.keySet())) {
            String reason = input.get(t);
            if (reason == null) {
                sample("web-09", t);
            } else {
                breach("web-09", t, reason);
            }
        }
        h.processWatermark(watermark);
        return drain();
    }

    private static List<String> ids(List<Notification> ns) {
        List<String> out = new ArrayList<>();
        for (Notification n : ns) {
            out.add(n.id);
            for (AlertItem i : n.items) {
                out.add(i.id());
            }
        }
        return out;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Runnable unchecked(ThrowingRunnable r) {
        return () -> {
            try {
                r.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
