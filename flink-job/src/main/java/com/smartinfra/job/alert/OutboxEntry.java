package com.smartinfra.job.alert;

/** A message waiting for Slack, in the delivery operator's checkpointed outbox. A Flink POJO. */
public final class OutboxEntry {
    public Notification notification;

    /** Attempts so far. */
    public int attempts;

    /** Slack refused the blocks: send the plain text alone. */
    public boolean textOnly;

    /** The "pending" report was written (once per message is enough). */
    public boolean reportedPending;

    public OutboxEntry() {}

    OutboxEntry(Notification notification) {
        this.notification = notification;
    }
}
