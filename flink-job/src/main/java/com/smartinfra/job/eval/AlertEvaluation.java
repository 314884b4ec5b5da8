package com.smartinfra.job.eval;

import com.smartinfra.job.alert.AlertConfig;
import com.smartinfra.job.alert.FleetIncidents;
import com.smartinfra.job.alert.FleetState;
import com.smartinfra.job.alert.InProcessAlerting;
import com.smartinfra.job.alert.Notification;
import com.smartinfra.job.alert.Signal;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.Detector;
import com.smartinfra.job.detect.DetectorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What an on-call engineer would get from a labelled stream: the simulator's samples go, in order
 * and in event time, through the job's {@link Detector} and the job's alert lifecycle ({@link
 * InProcessAlerting}, the same code as the Flink operator), and the notifications are scored
 * against the labels.
 *
 * <pre>
 * AlertEvaluation [--input FILE] [--set name=value]...
 * </pre>
 *
 * Reads standard input unless {@code --input} names a file. {@code --set} changes a detector
 * setting (as in {@link LabelledStreamEvaluation}) or, for names starting with {@code alert.}, an
 * alert setting of the job. The wall clock is the samples' time (a live replay).
 *
 * <ul>
 *   <li>An <b>incident</b> is a run of consecutive samples of one host labelled with the same
 *       injected kind.
 *   <li>An alert is <b>paged</b> when a notification of it is sent (not silenced, not a warning
 *       that is only recorded); its first such notification's time is when it paged. A paged alert
 *       belongs to the incident of its host whose span, widened by 1 min before and 2 min after,
 *       contains that time (the latest such incident to start); without one it is a <b>false
 *       alert</b>.
 *   <li>An incident is <b>alerted</b> when a paged alert of its host is firing during it (from its
 *       page to its resolve), <b>recorded</b> when any alert, paged or not, is.
 *   <li>A <b>message</b> is one notification with something to send (one Slack message); it
 *       <b>pages</b> when it sends a firing, repeat or flapping notification. A message belongs to
 *       the incident of its first sent notification that has one.
 *   <li><b>Delay</b>: from an incident's first sample to the first page of an alert that belongs to
 *       it (the detection), and to the message that carried it (plus the group wait).
 * </ul>
 *
 * Prints one line per injected kind and the total, then the false alerts, and last {@code ALERTS
 * incidents=… alerted=… messages_per_incident=… paging_per_incident=… false_per_host_day=…}.
 */
public final class AlertEvaluation {
    private static final String ALERT_PREFIX = "alert.";
    private static final double DAY_MS = 86_400_000.0;

    private AlertEvaluation() {}

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.in, System.out));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("AlertEvaluation: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs with {@code args}; returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out) throws IOException {
        EvalArgs opts = EvalArgs.parse(args, Set.of("--input", "--set"), usage());
        DetectorConfig detector =
                opts.applySettings(DetectorConfig.defaults().toBuilder(), ALERT_PREFIX).build();
        AlertConfig alert;
        try {
            alert = AlertConfig.fromMap(opts.settings(ALERT_PREFIX));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        String input = opts.last("--input");
        AlertEvaluationResult r;
        if (input == null || input.equals("-")) {
            r = evaluate(stdin, detector, alert);
        } else {
            try (InputStream in = Files.newInputStream(Paths.get(input))) {
                r = evaluate(in, detector, alert);
            }
        }
        AlertReport.print(r, out);
        return 0;
    }

    /** Runs every sample of {@code in} through a fresh detector and alert lifecycle. */
    static AlertEvaluationResult evaluate(
            InputStream in, DetectorConfig detectorConfig, AlertConfig alertConfig)
            throws IOException {
        return evaluate(in, detectorConfig, alertConfig, n -> {});
    }

    /** The same, showing {@code sent} every message, in the order the job would send them. */
    static AlertEvaluationResult evaluate(
            InputStream in,
            DetectorConfig detectorConfig,
            AlertConfig alertConfig,
            Consumer<Notification> sent)
            throws IOException {
        Detector detector = new Detector(detectorConfig);
        List<long[]> emittedAt = new ArrayList<>();
        List<Notification> notifications = new ArrayList<>();
        InProcessAlerting[] alerting = new InProcessAlerting[1];
        // the job's fleet stage after the lifecycle, in event time: it follows the watermark
        FleetIncidents fleet = new FleetIncidents(alertConfig);
        FleetState fleetState = new FleetState();
        boolean[] inFleetTime = {false};
        Consumer<Notification> released =
                n -> {
                    notifications.add(n);
                    sent.accept(n);
                    // decided at the stage's event time; a wall-clock message passes at once
                    emittedAt.add(
                            new long[] {
                                inFleetTime[0] ? fleetState.clock : alerting[0].watermark()
                            });
                };
        alerting[0] =
                new InProcessAlerting(
                        alertConfig, n -> fleet.onNotification(fleetState, n, released));
        AlertEvaluationResult r = new AlertEvaluationResult();
        Map<String, LabelledIncident> open = new HashMap<>();
        Map<String, long[]> span = new LinkedHashMap<>();
        long[] tick = {Long.MIN_VALUE};
        r.samples =
                LabelledSamples.forEach(
                        in,
                        s -> {
                            long t = s.timestamp;
                            try {
                                if (t > tick[0]) {
                                    // every sample before t has arrived (the simulator's order)
                                    if (tick[0] != Long.MIN_VALUE) {
                                        alerting[0].advanceWatermark(tick[0], t);
                                        inFleetTime[0] = true;
                                        fleet.onTime(fleetState, tick[0], released);
                                        inFleetTime[0] = false;
                                    }
                                    tick[0] = t;
                                }
                                alerting[0].signal(Signal.of(s), t);
                                Anomaly a = detector.process(s);
                                if (a != null) {
                                    alerting[0].signal(Signal.of(a), t);
                                }
                            } catch (IOException | RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            long[] hs = span.get(s.host);
                            if (hs == null) {
                                span.put(s.host, new long[] {t, t});
                            } else {
                                if (t > hs[1]) {
                                    r.interval = Math.min(r.interval, t - hs[1]);
                                }
                                hs[1] = Math.max(hs[1], t);
                            }
                            LabelledIncident i = open.get(s.host);
                            if (i != null && !i.kind.equals(s.injected)) {
                                open.remove(s.host);
                                i = null;
                            }
                            if (s.injected != null) {
                                if (i == null) {
                                    i = new LabelledIncident(s.host, s.injected, t);
                                    open.put(s.host, i);
                                    r.incidents.add(i);
                                }
                                i.end = t;
                                i.samples++;
                            }
                        });
        try {
            alerting[0].advanceWatermark(Long.MAX_VALUE, tick[0]);
            // what the fleet stage still holds goes out after its wait
            inFleetTime[0] = true;
            fleet.endOfInput(fleetState, released);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (r.interval == Long.MAX_VALUE) {
            r.interval = 0;
        }
        r.hosts = span.size();
        for (long[] hs : span.values()) {
            r.hostDays += (hs[1] - hs[0] + r.interval) / DAY_MS;
        }
        IncidentMatching.score(r, notifications, emittedAt);
        return r;
    }

    private static String usage() {
        return "usage: AlertEvaluation [--input FILE] [--set name=value]...";
    }
}
