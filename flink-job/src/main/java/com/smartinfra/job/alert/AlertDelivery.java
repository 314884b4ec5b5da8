package com.smartinfra.job.alert;

/**
 * What became of one notification: one point of the InfluxDB measurement {@code alerts}. A point is
 * identified by host, cause and time, so a later report about the same notification (pending, then
 * sent) overwrites the earlier one. A Flink POJO.
 */
public final class AlertDelivery {
    /** Slack accepted the message. */
    public static final String SENT = "sent";

    /** Not sent: silenced, or the resolve of an alert that was never announced. */
    public static final String SILENCED = "silenced";

    /** A warning: recorded for the dashboard, not sent (the alert does not page). */
    public static final String WARNING = "warning";

    /** Not sent: no webhook URL is configured. */
    public static final String NOT_CONFIGURED = "not-configured";

    /** Not sent yet: Slack failed or throttled, the message waits in the outbox. */
    public static final String PENDING = "pending";

    /** Not sent: Slack refused the message itself (HTTP 400 and the like), even as plain text. */
    public static final String REJECTED = "rejected";

    /** Not sent: the outbox was full ({@code alert.slack.max-outbox}) and it was the oldest. */
    public static final String DROPPED = "dropped";

    public AlertItem item;
    public String messageId;
    public String status;
    public boolean delivered;

    /** Delivery attempts so far. */
    public int attempts;

    /** Processing time of the accepted attempt, or -1. */
    public long sentAt = -1;

    public AlertDelivery() {}

    static AlertDelivery of(
            AlertItem item, String messageId, String status, int attempts, long sentAt) {
        AlertDelivery d = new AlertDelivery();
        d.item = item;
        d.messageId = messageId;
        d.status = status;
        d.delivered = SENT.equals(status);
        d.attempts = attempts;
        d.sentAt = sentAt;
        return d;
    }

    @Override
    public String toString() {
        return status + " " + item;
    }
}
