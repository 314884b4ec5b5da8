package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static com.smartinfra.job.alert.Alerts.item;
import static com.smartinfra.job.alert.Alerts.notification;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet operator in Flink's keyed operator harness: watermarks and processing time set by hand.
 */
class FleetIncidentsFunctionTest {
    private static final long S = 1000;
    private static final long P0 = T0 + 60 * S;

    private KeyedOneInputStreamOperatorTestHarness<String, Notification, Notification> h;

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Notification, Notification>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new FleetIncidentsFunction(
                                AlertConfig.fromMap(Map.of("alert.fleet.enabled", "true")))),
                (KeySelector<Notification, String>) n -> FleetIncidents.KEY,
                Types.STRING);
    }

    /** A host's first page, decided by the lifecycle at {@code t}, then its watermark. */
    private void firing(String host, long t) throws Exception {
        h.processElement(
                notification(host + "#0", item(host, Causes.CPU, NotificationKind.FIRING, t)), t);
        h.processWatermark(t);
    }

    private List<Notification> output() {
        List<Notification> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                out.add((Notification) ((StreamRecord<?>) o).getValue());
            }
        }
        return out;
    }

    /** What a message says and is called: its id, stage, hosts and every item. */
    private static List<String> described(List<Notification> messages) {
        List<String> d = new ArrayList<>();
        for (Notification n : messages) {
            d.add(
                    n.id
                            + " "
                            + n.fleetStage
                            + " "
                            + Arrays.toString(n.fleetHosts)
                            + " "
                            + Arrays.toString(n.items));
        }
        return d;
    }

    /**
     * One step of the lifecycle's output: a message decided at {@code t} and its watermark (null
     * message: only the watermark).
     */
    private record Step(Notification message, long watermark) {}

    private static Notification page(String host, long t) {
        return notification(host + "#1", item(host, Causes.CPU, NotificationKind.FIRING, t));
    }

    private static Notification resolve(String host, long since, long t) {
        AlertItem i = item(host, Causes.CPU, NotificationKind.RESOLVED, t);
        i.since = since;
        i.sequence = 1;
        return notification(host + "#2", i);
    }

    /** Three hosts open an incident, a fourth joins it, all resolve. */
    private static List<Step> incident() {
        return List.of(
                new Step(page("web-01", T0), T0),
                new Step(page("db-01", T0 + S), T0 + S),
                new Step(page("cache-01", T0 + 4 * S), T0 + 4 * S),
                new Step(null, T0 + 20 * S),
                new Step(page("worker-01", T0 + 30 * S), T0 + 45 * S),
                new Step(resolve("web-01", T0, T0 + 90 * S), T0 + 90 * S),
                new Step(resolve("db-01", T0 + S, T0 + 91 * S), T0 + 91 * S),
                new Step(resolve("cache-01", T0 + 4 * S, T0 + 92 * S), T0 + 92 * S),
                new Step(resolve("worker-01", T0 + 30 * S, T0 + 95 * S), T0 + 120 * S));
    }

    /** Feeds {@code steps}, the wall clock at {@code wallClock} + {@code wallStep} a step. */
    private void feed(List<Step> steps, long wallClock, long wallStep) throws Exception {
        long now = wallClock;
        for (Step step : steps) {
            h.setProcessingTime(now);
            if (step.message() != null) {
                h.processElement(step.message(), step.message().time);
            }
            h.processWatermark(step.watermark());
            now += wallStep;
        }
    }

    @Test
    void aReplayAfterARestoreSendsTheSameMessagesWithTheSameIdsWhateverTheWallClock()
            throws Exception {
        List<Step> steps = incident();
        h = harness();
        h.open();
        feed(steps, P0, 4 * S);
        List<String> uninterrupted = described(output());
        assertThat(uninterrupted).hasSize(3); // opened, update, resolved
        assertThat(uninterrupted.get(0))
                .startsWith(
                        FleetMessages.incidentId("web-01", T0)
                                + "#1 OPENED [web-01, db-01, cache-01]");
        h.close();

        // the same input; a checkpoint after the second host's page, then a kill
        h = harness();
        h.open();
        feed(steps.subList(0, 2), P0, 4 * S);
        OperatorSubtaskState snapshot = h.snapshot(1, P0 + 5 * S);
        List<Notification> beforeTheKill = output();
        h.close();

        // restored 15 s of wall clock later; Flink replays the input after the checkpoint, at
        // other wall-clock times
        h = harness();
        h.initializeState(snapshot);
        h.open();
        feed(steps.subList(2, steps.size()), P0 + 15 * S, 5 * S);
        List<Notification> afterTheRestore = new ArrayList<>(beforeTheKill);
        afterTheRestore.addAll(output());

        assertThat(described(afterTheRestore)).isEqualTo(uninterrupted);
    }

    @Test
    void threeHostsWithinTheWaitBecomeOneFleetMessageInEventTime() throws Exception {
        h = harness();
        h.open();
        h.setProcessingTime(P0);
        firing("web-01", T0);
        firing("db-01", T0 + 2 * S);
        firing("cache-01", T0 + 2 * S);
        h.setProcessingTime(P0 + 50 * S);
        h.processWatermark(T0 + 9 * S);
        assertThat(output())
                .as("held for alert.fleet.wait (10 s) of event time, whatever the wall clock")
                .isEmpty();

        h.processWatermark(T0 + 10 * S);

        assertThat(output()).hasSize(1);
        assertThat(output().get(0).fleetStage).isEqualTo(FleetStage.OPENED);
        assertThat(output().get(0).fleetHosts).containsExactly("web-01", "db-01", "cache-01");
    }

    @Test
    void heldMessagesSurviveARestoreFromACheckpoint() throws Exception {
        h = harness();
        h.open();
        h.setProcessingTime(P0);
        firing("web-01", T0);
        firing("db-01", T0);
        firing("cache-01", T0);
        OperatorSubtaskState snapshot = h.snapshot(1, P0 + S);
        h.close();

        h = harness();
        h.initializeState(snapshot);
        h.open();
        h.processWatermark(T0 + 10 * S);

        assertThat(output()).hasSize(1);
        assertThat(output().get(0).fleetHosts).containsExactly("web-01", "db-01", "cache-01");
        assertThat(output().get(0).id).isEqualTo(FleetMessages.incidentId("web-01", T0) + "#1");
    }

    @Test
    void aStalledWatermarkStillDecidesAfterAMinuteOfWallClock() throws Exception {
        h = harness();
        h.open();
        h.setProcessingTime(P0);
        firing("web-01", T0);
        firing("db-01", T0);
        firing("cache-01", T0);
        h.setProcessingTime(P0 + 60 * S);
        assertThat(output()).as("the watermark moved (to T0) since the check was armed").isEmpty();

        // every host silent: the watermark stays at T0 for the next minute
        h.setProcessingTime(P0 + 120 * S);

        assertThat(output()).hasSize(1);
        assertThat(output().get(0).fleetStage).isEqualTo(FleetStage.OPENED);
    }

    @Test
    void aMovingWatermarkIsNotOvertakenByTheWallClockFallback() throws Exception {
        h = harness();
        h.open();
        h.setProcessingTime(P0);
        firing("web-01", T0);
        firing("db-01", T0);
        h.processWatermark(T0 + 5 * S);
        // event time moved within the minute: the fallback leaves the decision to it
        h.setProcessingTime(P0 + 60 * S);
        assertThat(output()).isEmpty();
        h.processWatermark(T0 + 10 * S);
        assertThat(output()).hasSize(2);
    }

    @Test
    void theEndOfABoundedInputReleasesWhatIsHeld() throws Exception {
        h = harness();
        h.open();
        h.setProcessingTime(P0);
        firing("web-01", T0);
        firing("db-01", T0);

        h.processWatermark(Long.MAX_VALUE);

        assertThat(output()).hasSize(2);
        assertThat(output()).allSatisfy(n -> assertThat(n.fleetStage).isNull());
    }
}
