package com.smartinfra.job.alert;

import java.util.Map;

/** Builders of test notifications. */
final class Alerts {
    static final long T0 = 1_750_783_320_000L; // 2025-06-24T16:42:00Z

    private Alerts() {}

    static AlertConfig config(Map<String, String> settings) {
        return AlertConfig.fromMap(settings);
    }

    static AlertItem item(String host, String cause, NotificationKind kind, long time) {
        AlertItem i = new AlertItem();
        i.host = host;
        i.cause = cause;
        i.kind = kind;
        i.severity = Causes.severityOf(cause);
        i.time = time;
        i.since = kind == NotificationKind.FIRING ? time : time - 120_000;
        i.rule = Causes.MODEL.equals(cause) ? "model" : cause + ">85";
        i.value = 92.3;
        i.threshold = 85;
        i.score = 92.3;
        i.explanation = cause + " 92.3% > 85 (expected 20.0–45.0%)";
        i.cpu = 92.3;
        i.memory = 88.1;
        i.disk = 95.6;
        return i;
    }

    static Notification notification(String id, AlertItem... items) {
        Notification n = new Notification();
        n.id = id;
        n.host = items[0].host;
        n.items = items;
        for (AlertItem i : items) {
            n.time = Math.max(n.time, i.time);
        }
        n.cpu = 50;
        n.memory = 60;
        n.disk = 70;
        n.sampleTime = n.time;
        n.decidedAt = n.time;
        return n;
    }
}
