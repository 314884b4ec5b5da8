package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.NotificationKind.FIRING;
import static com.smartinfra.job.alert.NotificationKind.FLAPPING;
import static com.smartinfra.job.alert.NotificationKind.REPEAT;
import static com.smartinfra.job.alert.NotificationKind.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure state machine: no Flink, no clock. Times are seconds for readability. */
class AlertStateMachineTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;

    /** fire at once, resolve after 1 min normal, repeat hourly, flapping beyond 4 flips/h. */
    private static final AlertStateMachine.Policy DEFAULT =
            new AlertStateMachine.Policy(0, MIN, H, H, 4);

    private final AlertState s = new AlertState("cpu");
    private final List<AlertItem> items = new ArrayList<>();

    private NotificationKind observe(boolean breaching, long t, AlertStateMachine.Policy p) {
        return observe(breaching, t, false, p);
    }

    private NotificationKind observe(
            boolean breaching, long t, boolean silenced, AlertStateMachine.Policy p) {
        NotificationKind k = AlertStateMachine.observe(s, breaching, t, silenced, p);
        if (k != null) {
            items.add(AlertStateMachine.notify("web-01", s, k, t, silenced));
        }
        return k;
    }

    @Test
    void aBreachFiresAtOnceAndIsNotRepeatedBeforeTheRepeatInterval() {
        assertThat(observe(true, 0, DEFAULT)).isEqualTo(FIRING);
        for (long t = 10 * S; t < H; t += 10 * S) {
            assertThat(observe(true, t, DEFAULT)).as("t=%d", t).isNull();
        }
        assertThat(observe(true, H, DEFAULT)).isEqualTo(REPEAT);
        assertThat(observe(true, H + 10 * S, DEFAULT)).isNull();
        assertThat(observe(true, 2 * H, DEFAULT)).isEqualTo(REPEAT);
        assertThat(items)
                .extracting(AlertItem::id)
                .containsExactly("web-01|cpu|0|0", "web-01|cpu|0|1", "web-01|cpu|0|2");
        assertThat(items).allMatch(i -> i.since == 0 && !i.silenced && !i.flapping);
    }

    @Test
    void aMinimumDurationHoldsTheAlertPendingAndAShortBlipNeverFires() {
        AlertStateMachine.Policy p = new AlertStateMachine.Policy(30 * S, MIN, H, H, 4);
        assertThat(observe(true, 0, p)).isNull();
        assertThat(s.phase).isEqualTo(AlertPhase.PENDING);
        assertThat(observe(true, 20 * S, p)).isNull();
        assertThat(observe(false, 25 * S, p)).isNull(); // the blip is over: back to OK, silently
        assertThat(s.phase).isEqualTo(AlertPhase.OK);
        assertThat(observe(true, 40 * S, p)).isNull();
        assertThat(observe(true, 60 * S, p)).isNull();
        assertThat(observe(true, 70 * S, p)).isEqualTo(FIRING);
        assertThat(items.get(0).since).isEqualTo(70 * S);
    }

    @Test
    void resolvingNeedsAnUninterruptedNormalStretch() {
        observe(true, 0, DEFAULT);
        assertThat(observe(false, 10 * S, DEFAULT)).isNull();
        assertThat(observe(false, 40 * S, DEFAULT)).isNull();
        assertThat(observe(true, 50 * S, DEFAULT)).isNull(); // breach again: hysteresis restarts
        assertThat(observe(false, 60 * S, DEFAULT)).isNull();
        assertThat(observe(false, 100 * S, DEFAULT)).isNull();
        assertThat(observe(false, 120 * S, DEFAULT)).isEqualTo(RESOLVED);
        assertThat(observe(false, 130 * S, DEFAULT)).isNull();
        assertThat(items).extracting(i -> i.kind).containsExactly(FIRING, RESOLVED);
        assertThat(items.get(1).id()).isEqualTo("web-01|cpu|0|1");

        // a new episode is a new alert id
        assertThat(observe(true, H, DEFAULT)).isEqualTo(FIRING);
        assertThat(items.get(2).id()).isEqualTo("web-01|cpu|" + H + "|0");
    }

    @Test
    void aFlappingAlertIsHeldFiringInsteadOfSendingEveryFlip() {
        AlertStateMachine.Policy p = new AlertStateMachine.Policy(0, 0, H, H, 4);
        // flips every 30 s for two hours: 240 raw transitions
        for (long t = 0; t < 2 * H; t += 30 * S) {
            observe((t / (30 * S)) % 2 == 0, t, p);
        }
        // four flips are told, the fifth marks it flapping; then only the hourly repeat
        assertThat(items)
                .extracting(i -> i.kind)
                .containsExactly(FIRING, RESOLVED, FIRING, RESOLVED, FIRING, REPEAT);
        assertThat(items.get(4).flapping).isTrue();
        assertThat(items.get(5).flapping).isTrue();
        assertThat(items.get(5).alertId()).isEqualTo(items.get(4).alertId());
        assertThat(s.flapping).isTrue();

        // stable from now on: the flips age out of the window, then it follows the raw state
        long t = 2 * H;
        NotificationKind last = null;
        while (last != RESOLVED && t < 4 * H) {
            last = observe(false, t, p);
            t += 30 * S;
        }
        assertThat(last).isEqualTo(RESOLVED);
        assertThat(t).isLessThanOrEqualTo(3 * H + MIN);
        assertThat(s.flapping).isFalse();
        assertThat(items)
                .extracting(i -> i.kind)
                .containsExactly(
                        FIRING, RESOLVED, FIRING, RESOLVED, FIRING, REPEAT, REPEAT, RESOLVED);
    }

    @Test
    void flappingThatStartsOnAResolveIsAnnouncedOnce() {
        AlertStateMachine.Policy p = new AlertStateMachine.Policy(0, 0, H, H, 3);
        observe(true, 0, p);
        observe(false, MIN, p);
        observe(true, 2 * MIN, p);
        assertThat(observe(false, 3 * MIN, p)).isEqualTo(FLAPPING); // 4th flip: held firing
        assertThat(observe(true, 4 * MIN, p)).isNull();
        assertThat(observe(false, 5 * MIN, p)).isNull();
        assertThat(items)
                .extracting(i -> i.kind)
                .containsExactly(FIRING, RESOLVED, FIRING, FLAPPING);
        assertThat(items.get(3).alertId()).isEqualTo(items.get(2).alertId());
    }

    @Test
    void silencedNotificationsAreRecordedAndAnnouncedWhenTheSilenceEnds() {
        assertThat(observe(true, 0, true, DEFAULT)).isEqualTo(FIRING);
        assertThat(items.get(0).silenced).isTrue();
        assertThat(observe(true, 10 * S, true, DEFAULT)).isNull();
        // silence over while still firing: announced now, same alert
        assertThat(observe(true, 20 * S, false, DEFAULT)).isEqualTo(FIRING);
        assertThat(items.get(1).silenced).isFalse();
        assertThat(items.get(1).id()).isEqualTo("web-01|cpu|0|1");
        assertThat(observe(true, 30 * S, false, DEFAULT)).isNull();
    }

    @Test
    void theResolveOfAnAlertNobodyWasToldAboutIsNotSent() {
        observe(true, 0, true, DEFAULT);
        observe(false, 10 * S, true, DEFAULT);
        assertThat(observe(false, 80 * S, false, DEFAULT)).isEqualTo(RESOLVED);
        assertThat(items.get(1).silenced).isTrue();
    }
}
