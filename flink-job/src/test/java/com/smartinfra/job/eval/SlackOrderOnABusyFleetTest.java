package com.smartinfra.job.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.alert.AlertConfig;
import com.smartinfra.job.alert.AlertItem;
import com.smartinfra.job.alert.NotificationKind;
import com.smartinfra.job.alert.SlackMessageRenderer;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.simulator.SimulatorMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Slack shows on a busy fleet — 100 simulated hosts for 3 hours at an anomaly rate of 1 %, the
 * detector and the alert lifecycle in event time, the fleet incident stage on — in the order the
 * job sends it: a host's next alert of a cause is never announced before the resolve of its
 * previous one, and every notification a message carries is in its text (in full, or one short line
 * each when the rest no longer fits), so no resolve hides behind "… and N more". The fault suite
 * checks the same on the running job; this finds it in seconds.
 */
class SlackOrderOnABusyFleetTest {

    @Test
    void noAlertIsAnnouncedBeforeItsPredecessorResolvedAndEveryNotificationIsShown()
            throws Exception {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit =
                new SimulatorMain(
                                new PrintStream(stream, true, StandardCharsets.UTF_8),
                                new PrintStream(errors, true, StandardCharsets.UTF_8))
                        .run(
                                new String[] {
                                    "--dry-run",
                                    "--fast",
                                    "--hosts",
                                    "100",
                                    "--duration",
                                    "3h",
                                    "--seed",
                                    "42",
                                    "--anomaly-rate",
                                    "0.01",
                                    "--start",
                                    "2025-06-24T00:00:00Z"
                                },
                                Map.of());
        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        AlertConfig config = AlertConfig.fromMap(Map.of("alert.fleet.enabled", "true"));
        SlackMessageRenderer renderer = new SlackMessageRenderer(config);

        Map<String, String> firing = new HashMap<>(); // host|cause| -> the alert announced firing
        List<String> announcedEarly = new ArrayList<>();
        List<String> notShown = new ArrayList<>();
        int[] messages = {0, 0};
        AlertEvaluation.evaluate(
                new ByteArrayInputStream(stream.toByteArray()),
                DetectorConfig.defaults(),
                config,
                n -> {
                    String text = renderer.text(n);
                    boolean sends = false;
                    for (AlertItem i : n.items) {
                        if (!i.sent()) {
                            continue;
                        }
                        sends = true;
                        if (!text.contains("| id " + i.id())) {
                            notShown.add(i.id() + " in " + n.id);
                        }
                        String hostCause = i.host + "|" + i.cause + "|";
                        if (i.kind == NotificationKind.RESOLVED) {
                            firing.remove(hostCause, i.alertId());
                        } else if (i.kind == NotificationKind.FIRING && !i.relisted) {
                            String before = firing.put(hostCause, i.alertId());
                            if (before != null && !before.equals(i.alertId())) {
                                announcedEarly.add(i.alertId() + " while " + before + " fired");
                            }
                        }
                    }
                    messages[0] += sends ? 1 : 0;
                    messages[1] += n.fleetIncident != null ? 1 : 0;
                });

        assertThat(messages[1]).as("fleet messages (the stage took part)").isGreaterThan(20);
        assertThat(messages[0]).as("messages").isGreaterThan(300);
        assertThat(announcedEarly).as("announced before the previous one resolved").isEmpty();
        assertThat(notShown)
                .as("notifications a message carries but its text leaves out")
                .isEmpty();
    }
}
