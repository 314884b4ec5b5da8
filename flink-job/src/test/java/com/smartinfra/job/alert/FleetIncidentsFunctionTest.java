package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static com.smartinfra.job.alert.Alerts.item;
import static com.smartinfra.job.alert.Alerts.notification;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

/** The fleet operator in Flink's keyed operator harness, processing time set by hand. */
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

    private void firing(String host, long t) throws Exception {
        h.processElement(
                notification(host + "#0", item(host, Causes.CPU, NotificationKind.FIRING, t)), t);
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

    @Test
    void threeHostsWithinTheWaitBecomeOneFleetMessageOnProcessingTime() throws Exception {
        h = harness();
        h.open();
        h.setProcessingTime(P0);
        firing("web-01", T0);
        h.setProcessingTime(P0 + 2 * S);
        firing("db-01", T0 + 2 * S);
        firing("cache-01", T0 + 2 * S);
        h.setProcessingTime(P0 + 9 * S);
        assertThat(output()).as("held for alert.fleet.wait (10 s)").isEmpty();

        h.setProcessingTime(P0 + 10 * S);

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
        h.setProcessingTime(P0 + 10 * S);

        assertThat(output()).hasSize(1);
        assertThat(output().get(0).fleetHosts).containsExactly("web-01", "db-01", "cache-01");
        assertThat(output().get(0).id).isEqualTo("fleet#0");
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
