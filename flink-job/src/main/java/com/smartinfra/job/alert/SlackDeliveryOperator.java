package com.smartinfra.job.alert;

import com.smartinfra.schema.retry.Backoff;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to the Slack incoming webhook from a checkpointed outbox, one message at a
 * time in arrival order, and reports what became of each notification (for InfluxDB).
 *
 * <p><b>Why an outbox operator and not an {@code AsyncSinkBase} sink.</b> Before every checkpoint
 * an async sink waits for its in-flight requests; a Slack that hangs or is down for minutes, with
 * patient retries, would hold every checkpoint of the job (and then fail it). Here nothing waits:
 * the HTTP call is asynchronous ({@link HttpClient#sendAsync}), its answer is handed to the task
 * thread through the operator's mailbox (no polling, no lock: state is only touched by the task
 * thread), and a message leaves the outbox only when Slack accepted it. A checkpoint simply stores
 * the outbox, in-flight message included. So:
 *
 * <ul>
 *   <li>no message twice: with a Kafka journal ({@link DeliveryJournal}), a restore skips every
 *       message Slack accepted after the restored checkpoint (the checkpointed outbox and the
 *       notifications regenerated from replayed input carry the same deterministic ids);
 *   <li>nothing is lost while Slack is down: transient failures (no answer, timeout, 408, 5xx) are
 *       retried without limit, with exponential backoff and jitter; 429 waits for {@code
 *       Retry-After}; a refused webhook (403/404/410) is retried at the longest backoff so that a
 *       fixed URL delivers the backlog; the outbox is bounded by {@code alert.slack.max-outbox}
 *       (the oldest message is dropped, and reported, beyond it);
 *   <li>after a restore, the messages in the checkpointed outbox are sent unless the journal says
 *       Slack accepted them; without a journal, what was sent after the last completed checkpoint
 *       is sent again;
 *   <li>one rate limit, {@code alert.slack.send-interval} (Slack: ~1/s): parallelism 1;
 *   <li>a message Slack refuses as such (400 and other 4xx) is retried once as plain text without
 *       blocks, then reported as rejected and dropped, so that it cannot block the queue.
 * </ul>
 *
 * <p>Timing uses the processing-time service (tests simulate minutes of outage in milliseconds). At
 * the end of a bounded input the outbox is drained for up to a minute.
 */
public final class SlackDeliveryOperator extends AbstractStreamOperator<AlertDelivery>
        implements OneInputStreamOperator<Notification, AlertDelivery>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SlackDeliveryOperator.class);

    /** At the end of a bounded input, how long one wait for an answer lasts. */
    static final long END_WAIT_STEP_MS = 50;

    static final Duration DRAIN_AT_END = Duration.ofMinutes(1);

    private final AlertConfig config;

    /** Kafka for the delivery journal; null: no journal. */
    private final String journalBootstrapServers;

    private transient ListState<OutboxEntry> outboxState;
    private transient ListState<Long> journalPositionState;
    private transient long restoredJournalPosition;
    private transient DeliveryJournal journal;

    private transient SlackOutbox outbox;
    private transient SlackMessageRenderer renderer;

    /** Null: no webhook configured, alerts are recorded but not sent. */
    private transient SlackWebhookClient webhook;

    /** Runs the answer's handling on the task thread, in turn with records and timers. */
    private transient MailboxExecutor mailbox;

    private transient Backoff backoff;
    private transient CompletableFuture<HttpResponse<String>> inFlight;
    private transient OutboxEntry inFlightEntry;
    private transient long nextSendAt;
    private transient int failures;
    private transient long wakeAt;
    private transient SlackDeliveryMetrics metrics;

    /** Without a delivery journal: a restore may repeat what followed its checkpoint. */
    public SlackDeliveryOperator(AlertConfig config) {
        this(config, null);
    }

    /**
     * With the delivery journal {@code alert.slack.delivery-journal-topic} on this Kafka (null or a
     * blank topic: none).
     */
    public SlackDeliveryOperator(AlertConfig config, String journalBootstrapServers) {
        this.config = config;
        this.journalBootstrapServers =
                config.slackDeliveryJournalTopic == null ? null : journalBootstrapServers;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        outboxState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "slack-outbox", TypeInformation.of(OutboxEntry.class)));
        outbox = new SlackOutbox(config.slackMaxOutbox, outboxState.get());
        journalPositionState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>("slack-journal-position", Long.class));
        restoredJournalPosition = -1;
        for (Long p : journalPositionState.get()) {
            restoredJournalPosition = Math.max(restoredJournalPosition, p);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        renderer = new SlackMessageRenderer(config);
        backoff = Backoff.exponential(config.slackRetryBackoff, config.slackRetryBackoffMax);
        mailbox =
                getContainingTask()
                        .getMailboxExecutorFactory()
                        .createExecutor(getOperatorConfig().getChainIndex());
        wakeAt = Long.MAX_VALUE;
        metrics = new SlackDeliveryMetrics(getMetricGroup(), () -> outbox.size());
        webhook = SlackWebhookClient.open(config);
        if (webhook == null) {
            LOG.info(
                    "No Slack webhook ({} or {} not set): alerts are recorded in InfluxDB"
                            + " measurement 'alerts' but not sent",
                    AlertConfig.WEBHOOK_URL_ENV,
                    AlertConfig.WEBHOOK_URL_FILE_ENV);
            for (OutboxEntry e : outbox.clear()) {
                report(e.notification, AlertDelivery.NOT_CONFIGURED, e.attempts, -1);
            }
            return;
        }
        if (journalBootstrapServers != null) {
            journal =
                    new DeliveryJournal(journalBootstrapServers, config.slackDeliveryJournalTopic);
            journal.open();
            if (restoredJournalPosition >= 0) {
                outbox.acceptedBeforeRestore(journal.acceptedSince(restoredJournalPosition));
            }
        }
        if (!outbox.isEmpty()) {
            LOG.info("{} Slack message(s) restored from the checkpoint", outbox.size());
            wake(now());
        }
    }

    @Override
    public void processElement(StreamRecord<Notification> record) throws Exception {
        Notification n = record.getValue();
        for (AlertItem i : n.items) {
            if (i.silenced) {
                emit(i, n.id, AlertDelivery.SILENCED, 0, -1);
            } else if (i.warning) {
                emit(i, n.id, AlertDelivery.WARNING, 0, -1);
            }
        }
        if (!n.sendable()) {
            return;
        }
        if (webhook == null) {
            report(n, AlertDelivery.NOT_CONFIGURED, 0, -1);
            return;
        }
        if (outbox.isFull() && !makeRoom()) {
            metrics.notDelivered.inc();
            LOG.warn("Slack outbox full ({} messages): dropping {}", outbox.size(), n.id);
            report(n, AlertDelivery.DROPPED, 0, -1);
            return;
        }
        outbox.add(n);
        pump();
    }

    /**
     * Makes progress: collects an answer, sends the next message when allowed, sets a timer for the
     * next allowed send. Runs on the task thread only (records, timers, mails).
     */
    private void pump() {
        long now = now();
        if (inFlight != null) {
            if (!inFlight.isDone()) {
                return; // its answer arrives as a mail
            }
            complete(now);
        }
        outbox.skipAlreadyAccepted(
                (e, acceptedAt) -> {
                    metrics.alreadyDelivered.inc();
                    LOG.info(
                            "Slack message {} was accepted before the restore: not sent again",
                            e.notification.id);
                    report(e.notification, AlertDelivery.SENT, e.attempts, acceptedAt);
                });
        if (outbox.isEmpty()) {
            return;
        }
        if (now < nextSendAt) {
            wake(nextSendAt);
            return;
        }
        OutboxEntry e = outbox.head();
        inFlightEntry = e;
        e.attempts++;
        inFlight = webhook.post(renderer.payload(e.notification, e.textOnly));
        if (journal != null) {
            inFlight =
                    journal.recordWhenAccepted(
                            e.notification.id, inFlight, SlackWebhookClient::accepted);
        }
        // the answer (or the request's failure) wakes the task thread through its mailbox; the mail
        // is queued once inFlight is complete (not a future derived from it: the mail could run
        // first)
        inFlight.whenComplete((r, failure) -> answerArrived());
        nextSendAt = now + config.slackSendInterval.toMillis();
    }

    /** On the HTTP thread: asks the task thread to handle the answer. */
    private void answerArrived() {
        try {
            mailbox.execute(this::pump, "Slack webhook answer");
        } catch (RejectedExecutionException closing) {
            // the task is closing: the message stays in the outbox (and in the checkpoint)
        }
    }

    private void complete(long now) {
        CompletableFuture<HttpResponse<String>> done = inFlight;
        OutboxEntry e = inFlightEntry;
        inFlight = null;
        inFlightEntry = null;
        HttpResponse<String> r;
        try {
            r = done.get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | RuntimeException ex) {
            Throwable cause = ex instanceof ExecutionException ? ex.getCause() : ex;
            retryLater(
                    e,
                    now,
                    cause.getClass().getSimpleName()
                            + (cause.getMessage() == null
                                    ? ""
                                    : ": " + webhook.redact(cause.getMessage())));
            return;
        }
        int status = r.statusCode();
        if (SlackWebhookClient.accepted(r)) {
            outbox.remove(e);
            failures = 0;
            metrics.sent.inc();
            report(e.notification, AlertDelivery.SENT, e.attempts, now);
            return;
        }
        String answer = webhook.describe(r);
        if (status == 429) {
            long wait = SlackWebhookClient.retryAfterMillis(r, now);
            nextSendAt = Math.max(nextSendAt, now + wait);
            metrics.retries.inc();
            LOG.warn(
                    "Slack throttles the webhook ({}): next message in {} ms, {} waiting",
                    answer,
                    wait,
                    outbox.size());
            reportPending(e);
        } else if (SlackWebhookClient.transientFailure(status)) {
            retryLater(e, now, answer);
        } else if (status == 403 || status == 404 || status == 410) {
            // the webhook itself is refused (revoked, channel archived): nothing sends until fixed
            failures++;
            metrics.retries.inc();
            nextSendAt = now + config.slackRetryBackoffMax.toMillis();
            LOG.error(
                    "Slack refuses the webhook ({}): check {} / {}; {} message(s) wait in the"
                            + " outbox",
                    answer,
                    AlertConfig.WEBHOOK_URL_ENV,
                    AlertConfig.WEBHOOK_URL_FILE_ENV,
                    outbox.size());
            reportPending(e);
        } else if (!e.textOnly) {
            e.textOnly = true;
            LOG.warn(
                    "Slack refused message {} ({}); sending it again as plain text",
                    e.notification.id,
                    answer);
        } else {
            outbox.remove(e);
            metrics.notDelivered.inc();
            LOG.error(
                    "Slack refused message {} even as plain text ({}); it is recorded as"
                            + " rejected",
                    e.notification.id,
                    answer);
            report(e.notification, AlertDelivery.REJECTED, e.attempts, -1);
        }
    }

    private void retryLater(OutboxEntry e, long now, String why) {
        failures++;
        metrics.retries.inc();
        long delay = backoff.delayMillis(failures);
        nextSendAt = Math.max(nextSendAt, now + delay);
        LOG.warn(
                "Slack webhook failed ({}); retry {} in {} ms, {} message(s) waiting",
                why,
                failures,
                delay,
                outbox.size());
        reportPending(e);
    }

    private void reportPending(OutboxEntry e) {
        if (!e.reportedPending) {
            e.reportedPending = true;
            report(e.notification, AlertDelivery.PENDING, e.attempts, -1);
        }
    }

    /** Drops the oldest waiting message, reported, to make room; false when none can go. */
    private boolean makeRoom() {
        OutboxEntry victim = outbox.evictOldestWaiting(inFlightEntry != null);
        if (victim == null) {
            return false;
        }
        metrics.notDelivered.inc();
        LOG.warn(
                "Slack outbox full ({} messages): dropping the oldest waiting one, {}",
                config.slackMaxOutbox,
                victim.notification.id);
        report(victim.notification, AlertDelivery.DROPPED, victim.attempts, -1);
        return true;
    }

    /** One report per sent item of the message. */
    private void report(Notification n, String status, int attempts, long sentAt) {
        for (AlertItem i : n.items) {
            if (i.sent() && !i.relisted) {
                emit(i, n.id, status, attempts, sentAt);
            }
        }
    }

    private void emit(AlertItem i, String messageId, String status, int attempts, long sentAt) {
        metrics.reports.inc(status);
        output.collect(
                new StreamRecord<>(
                        AlertDelivery.of(i, messageId, status, attempts, sentAt), i.time));
    }

    private void wake(long at) {
        if (at < wakeAt) {
            wakeAt = at;
            getProcessingTimeService().registerTimer(at, this::onWake);
        }
    }

    private void onWake(long time) {
        if (time >= wakeAt) {
            wakeAt = Long.MAX_VALUE;
        }
        pump();
    }

    private long now() {
        return getProcessingTimeService().getCurrentProcessingTime();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        // the in-flight message stays in the outbox until Slack accepted it
        outboxState.update(outbox.snapshot());
        if (journal != null) {
            journalPositionState.update(List.of(journal.checkpointPosition(inFlight != null)));
        }
    }

    /** A bounded input ends (tests, backfills): deliver what is waiting, within a minute. */
    @Override
    public void endInput() throws Exception {
        if (webhook == null) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN_AT_END.toNanos();
        while ((!outbox.isEmpty() || inFlight != null) && System.nanoTime() < deadline) {
            pump();
            if (inFlight != null) {
                try {
                    inFlight.get(END_WAIT_STEP_MS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    // collected by the next pump()
                }
            } else if (!outbox.isEmpty()) {
                Thread.sleep(Math.max(1, Math.min(END_WAIT_STEP_MS, nextSendAt - now())));
            }
        }
        if (!outbox.isEmpty()) {
            LOG.warn(
                    "End of input: {} Slack message(s) still undelivered, kept in state",
                    outbox.size());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (inFlight != null) {
                inFlight.cancel(true);
            }
            if (webhook != null) {
                webhook.close();
            }
            if (journal != null) {
                journal.close();
            }
        }
    }

    /** For tests: a request is out and its answer has not arrived. */
    boolean awaitingAnswer() {
        return inFlight != null && !inFlight.isDone();
    }

    /** For tests. */
    int outboxSize() {
        return outbox.size();
    }
}
