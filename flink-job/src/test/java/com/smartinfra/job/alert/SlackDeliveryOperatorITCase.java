package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static com.smartinfra.job.alert.Alerts.item;
import static com.smartinfra.job.alert.Alerts.notification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.testing.KafkaTestBroker;
import com.smartinfra.testing.SlackWebhookStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slack delivery operator in Flink's operator harness against a local Slack stand-in. HTTP is
 * real; the operator's clock (processing time) is the harness's, so a five-minute outage with its
 * backoff runs in well under a second: the test advances simulated time in 50 ms steps and, while a
 * request is out, waits (in real time) for the stand-in's answer and runs the task's mails (the
 * operator hands each answer to the task thread through its mailbox) before the next step.
 */
class SlackDeliveryOperatorITCase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long P0 = T0 + 300_000;

    /** The step of simulated time. */
    private static final long STEP_MS = 50;

    @TempDir Path tmp;
    private SlackWebhookStandIn slack;
    private SlackDeliveryOperator op;
    private OneInputStreamOperatorTestHarness<Notification, AlertDelivery> h;

    /** Kafka of the delivery journal; null: no journal. */
    private String journalServers;

    /** Simulated times at which the stand-in received a request. */
    private final List<Long> attemptTimes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        slack = new SlackWebhookStandIn();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
        slack.close();
    }

    private AlertConfig config(String... extra) throws Exception {
        Path url = tmp.resolve("slack-webhook-url");
        Files.writeString(url, slack.webhookUrl());
        Map<String, String> s = new HashMap<>();
        s.put("alert.slack.webhook-url-file", url.toString());
        s.put("alert.slack.request-timeout", "2s");
        for (int i = 0; i < extra.length; i += 2) {
            s.put(extra[i], extra[i + 1]);
        }
        return AlertConfig.fromMap(s);
    }

    private void start(AlertConfig config) throws Exception {
        start(config, null);
    }

    private void start(AlertConfig config, OperatorSubtaskState restore) throws Exception {
        op = new SlackDeliveryOperator(config, journalServers);
        h = new OneInputStreamOperatorTestHarness<>(op);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.setProcessingTime(P0);
        h.open();
    }

    private static Notification message(int n) {
        return notification(
                "web-0" + n + "#1", item("web-0" + n, "cpu", NotificationKind.FIRING, T0 + n));
    }

    private void send(Notification n) throws Exception {
        h.processElement(n, n.time);
    }

    /** Advances simulated time by {@code ms}, letting each request's real answer arrive. */
    private void advance(long ms) throws Exception {
        long end = h.getProcessingTime() + ms;
        while (h.getProcessingTime() < end) {
            awaitAnswer();
            h.setProcessingTime(Math.min(end, h.getProcessingTime() + STEP_MS));
            noteAttempts();
        }
        awaitAnswer();
    }

    /** Advances until {@code done}, at most {@code maxMs} of simulated time. */
    private void advanceUntil(BooleanSupplier done, long maxMs) throws Exception {
        long end = h.getProcessingTime() + maxMs;
        while (!done.getAsBoolean() && h.getProcessingTime() < end) {
            advance(STEP_MS);
        }
        assertThat(done.getAsBoolean()).as("condition within %d ms simulated", maxMs).isTrue();
    }

    private void awaitAnswer() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean wasOut = op.awaitingAnswer();
        while (op.awaitingAnswer() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        // the answer's mail is queued just after the request completes
        long mailDeadline = System.nanoTime() + 2_000_000_000L;
        while (wasOut && !h.getTaskMailbox().hasMail() && System.nanoTime() < mailDeadline) {
            Thread.sleep(1);
        }
        runMails();
        noteAttempts();
    }

    /** What the task thread would do between records: run the mails queued for it. */
    private void runMails() throws Exception {
        Optional<Mail> mail;
        while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
        }
    }

    private void noteAttempts() {
        while (attemptTimes.size() < slack.requests().size()) {
            attemptTimes.add(h.getProcessingTime());
        }
    }

    private List<AlertDelivery> reports(String status) {
        return h.extractOutputValues().stream().filter(d -> d.status.equals(status)).toList();
    }

    private List<String> acceptedMessageIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String body : slack.accepted()) {
            ids.add(messageId(body));
        }
        return ids;
    }

    private static String messageId(String body) throws Exception {
        String text = JSON.readTree(body).get("text").asText();
        // the host of the single item identifies the test message
        return text.lines().filter(l -> l.startsWith("CRITICAL")).findFirst().orElse(text);
    }

    @Test
    void slacksAnswerIsHandledThroughTheMailboxWithoutWaitingForATimer() throws Exception {
        start(config());
        send(message(1));
        long sentAt = h.getProcessingTime();
        awaitAnswer(); // real time passes, simulated time does not: no timer can fire

        assertThat(reports(AlertDelivery.SENT)).hasSize(1);
        assertThat(h.getProcessingTime()).isEqualTo(sentAt);
        assertThat(op.outboxSize()).isZero();
    }

    @Test
    void deliversEveryMessageInOrderAtMostOnePerSendInterval() throws Exception {
        start(config());
        for (int i = 1; i <= 5; i++) {
            send(message(i));
        }
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 5, 10_000);

        List<AlertDelivery> sent = reports(AlertDelivery.SENT);
        assertThat(sent)
                .extracting(d -> d.item.host)
                .containsExactly("web-01", "web-02", "web-03", "web-04", "web-05");
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).sentAt - sent.get(i - 1).sentAt).isGreaterThanOrEqualTo(1000);
        }
        assertThat(sent).allMatch(d -> d.delivered && d.attempts == 1);
        assertThat(slack.requests()).hasSize(5).allMatch(r -> r.method.equals("POST"));
        assertThat(slack.requests().get(0).headers.get("Content-type"))
                .containsExactly("application/json; charset=utf-8");
        JsonNode body = JSON.readTree(slack.accepted().get(0));
        assertThat(body.get("text").asText()).startsWith("ALERT! High metrics detected:\n");
        assertThat(body.get("blocks").size()).isGreaterThan(3);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffAndJitter() throws Exception {
        slack.failNext(4, 500);
        start(config("alert.slack.retry-backoff", "1s", "alert.slack.retry-backoff-max", "1min"));
        send(message(1));
        advanceUntil(() -> !reports(AlertDelivery.SENT).isEmpty(), 60_000);

        assertThat(slack.requests())
                .extracting(r -> r.answeredStatus)
                .containsExactly(500, 500, 500, 500, 200);
        // retry n waits between half and all of 1 s * 2^(n-1), and at least the send interval
        long[] lo = {1000, 1000, 2000, 4000};
        long[] hi = {1000, 2000, 4000, 8000};
        for (int n = 0; n < 4; n++) {
            long gap = attemptTimes.get(n + 1) - attemptTimes.get(n);
            assertThat(gap).as("gap before retry %d", n + 1).isBetween(lo[n], hi[n] + 100);
        }
        assertThat(reports(AlertDelivery.PENDING)).hasSize(1);
        AlertDelivery sent = reports(AlertDelivery.SENT).get(0);
        assertThat(sent.attempts).isEqualTo(5);
        assertThat(sent.item.id()).isEqualTo("web-01|cpu|" + (T0 + 1) + "|0");
    }

    @Test
    void honoursRetryAfterOnThrottling() throws Exception {
        slack.throttleNext(1, 30);
        start(config());
        send(message(1));
        send(message(2));
        advance(29_900);
        assertThat(slack.requests()).hasSize(1);
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 2, 5_000);
        assertThat(attemptTimes.get(1) - attemptTimes.get(0)).isBetween(30_000L, 30_100L);
        assertThat(acceptedMessageIds()).hasSize(2);
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactly("web-01", "web-02");
    }

    @Test
    void aHangingSlackBlocksNeitherNewAlertsNorCheckpointsAndLosesNothing() throws Exception {
        slack.hangNext(1);
        start(config("alert.slack.request-timeout", "300ms"));
        send(message(1));
        assertThat(slack.awaitRequests(1, java.time.Duration.ofSeconds(5))).isTrue();
        // the request hangs; new alerts are still taken and a checkpoint still completes
        send(message(2));
        assertThat(op.awaitingAnswer()).isTrue();
        OperatorSubtaskState checkpoint = h.snapshot(1, P0);
        assertThat(op.outboxSize()).isEqualTo(2);

        // the request times out (real time), is retried after a backoff, and both go out in order
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 2, 10_000);
        assertThat(slack.requests()).extracting(r -> r.answeredStatus).containsExactly(0, 200, 200);
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactly("web-01", "web-02");
        h.close();

        // the checkpoint taken during the hang holds both messages
        start(config(), checkpoint);
        assertThat(op.outboxSize()).isEqualTo(2);
    }

    @Test
    void aFiveMinuteOutageLosesNothing() throws Exception {
        slack.failAlways(503);
        start(config());
        // an alert every 15 s during five minutes of outage
        for (int i = 0; i < 20; i++) {
            send(
                    notification(
                            "host-" + i + "#1",
                            item("host-" + i, "disk", NotificationKind.FIRING, T0 + i)));
            advance(15_000);
        }
        assertThat(reports(AlertDelivery.SENT)).isEmpty();
        int attemptsDuringOutage = slack.requests().size();
        // backoff 1 s doubling to 1 min: a dozen attempts, not one per second
        assertThat(attemptsDuringOutage).isBetween(8, 16);
        assertThat(reports(AlertDelivery.PENDING)).hasSizeGreaterThanOrEqualTo(1);

        slack.heal();
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 20, 120_000);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("host-" + i);
        }
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactlyElementsOf(expected);
        assertThat(slack.accepted()).hasSize(20);
        assertThat(op.outboxSize()).isZero();
    }

    @Test
    void aRestoreResendsOnlyWhatFollowedTheLastCheckpoint() throws Exception {
        AlertConfig config = config();
        start(config);
        for (int i = 1; i <= 3; i++) {
            send(message(i));
        }
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 3, 10_000);
        send(message(4));
        send(message(5));
        OperatorSubtaskState checkpoint = h.snapshot(2, P0);
        // after the checkpoint: message 4 is accepted, then Slack goes down, then a crash
        advanceUntil(() -> slack.accepted().size() == 4, 5_000);
        slack.failAlways(500);
        advance(3_000);
        assertThat(slack.requests().size()).isGreaterThan(4);
        assertThat(slack.accepted()).hasSize(4);
        h.close();
        h = null;

        slack.heal();
        start(config, checkpoint);
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 2, 10_000);
        List<String> accepted = slack.accepted();
        assertThat(accepted).hasSize(6);
        // 1-3 were sent before the checkpoint: never again; 4 again, byte for byte (same ids)
        assertThat(accepted.get(4)).isEqualTo(accepted.get(3));
        assertThat(accepted.subList(0, 4)).doesNotHaveDuplicates();
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactly("web-04", "web-05");
    }

    @Test
    void withTheDeliveryJournalARestoreSendsNothingTwice() throws Exception {
        journalServers = KafkaTestBroker.bootstrapServers();
        AlertConfig config =
                config("alert.slack.delivery-journal-topic", "deliveries-" + UUID.randomUUID());
        start(config);
        for (int i = 1; i <= 3; i++) {
            send(message(i));
        }
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 3, 10_000);
        send(message(4));
        send(message(5));
        OperatorSubtaskState checkpoint = h.snapshot(2, P0);
        // after the checkpoint: 4 and 5 are accepted, then 6 arrives and is accepted; then a crash
        advanceUntil(() -> slack.accepted().size() == 4, 5_000);
        slack.failAlways(500);
        advance(3_000);
        slack.heal();
        send(message(6));
        // (a crash between Slack's answer and the operator reading it would repeat a message)
        advanceUntil(() -> sentHosts().contains("web-06"), 10_000);
        h.close();
        h = null;

        // the restore replays 4 and 5 from the outbox, and the input replays 6
        start(config, checkpoint);
        send(message(6));
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 3, 10_000);
        advance(3_000);
        assertThat(acceptedMessageIds()).doesNotHaveDuplicates().hasSize(6);
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactlyInAnyOrder("web-04", "web-05", "web-06");
    }

    @Test
    void aCheckpointBetweenSlacksAnswerAndItsCollectionStillSendsNothingTwice() throws Exception {
        journalServers = KafkaTestBroker.bootstrapServers();
        AlertConfig config =
                config("alert.slack.delivery-journal-topic", "deliveries-" + UUID.randomUUID());
        start(config);
        send(message(1));
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 1, 10_000);
        send(message(2));
        // the request goes out; Slack accepts it, the journal has it; the task thread has not
        // collected the answer when the checkpoint comes: message 2 is still in the outbox
        h.setProcessingTime(h.getProcessingTime() + config.slackSendInterval.toMillis());
        assertThat(slack.awaitRequests(2, Duration.ofSeconds(10))).isTrue();
        Thread.sleep(1_000);
        OperatorSubtaskState checkpoint = h.snapshot(3, P0);
        h.close();
        h = null;

        start(config, checkpoint);
        advance(3_000);
        assertThat(acceptedMessageIds()).doesNotHaveDuplicates().hasSize(2);
    }

    private List<String> sentHosts() {
        return reports(AlertDelivery.SENT).stream().map(d -> d.item.host).toList();
    }

    @Test
    void silencedNotificationsAreRecordedButNotSent() throws Exception {
        start(config());
        AlertItem memory = item("web-01", "memory", NotificationKind.FIRING, T0);
        memory.silenced = true;
        AlertItem cpu = item("web-01", "cpu", NotificationKind.FIRING, T0);
        send(notification("web-01#1", memory, cpu));
        AlertItem onlySilenced = item("web-02", "disk", NotificationKind.FIRING, T0);
        onlySilenced.silenced = true;
        send(notification("web-02#1", onlySilenced));
        advanceUntil(() -> !reports(AlertDelivery.SENT).isEmpty(), 5_000);
        advance(3_000);

        assertThat(slack.accepted()).hasSize(1);
        assertThat(slack.accepted().get(0)).contains("web-01 cpu").doesNotContain("memory ");
        assertThat(reports(AlertDelivery.SILENCED))
                .extracting(d -> d.item.id())
                .containsExactlyInAnyOrder(memory.id(), onlySilenced.id());
        assertThat(reports(AlertDelivery.SILENCED)).allMatch(d -> !d.delivered);
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.id())
                .containsExactly(cpu.id());
    }

    @Test
    void withoutAWebhookAlertsAreRecordedButNotSent() throws Exception {
        assumeTrue(
                System.getenv(AlertConfig.WEBHOOK_URL_ENV) == null
                        && System.getenv(AlertConfig.WEBHOOK_URL_FILE_ENV) == null,
                "a Slack webhook is configured in this environment");
        start(AlertConfig.defaultConfig());
        send(message(1));
        advance(2_000);
        assertThat(slack.requests()).isEmpty();
        assertThat(reports(AlertDelivery.NOT_CONFIGURED)).hasSize(1).allMatch(d -> !d.delivered);
    }

    @Test
    void aPayloadSlackRefusesIsRetriedAsPlainTextThenRejectedWithoutBlockingTheQueue()
            throws Exception {
        slack.refuseNext(1, 400, "invalid_blocks");
        start(config());
        send(message(1));
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 1, 5_000);
        assertThat(JSON.readTree(slack.requests().get(0).body).has("blocks")).isTrue();
        JsonNode retry = JSON.readTree(slack.requests().get(1).body);
        assertThat(retry.has("blocks")).isFalse();
        assertThat(retry.get("text").asText()).startsWith("ALERT! High metrics detected:");

        slack.refuseNext(2, 400, "invalid_payload");
        send(message(2));
        send(message(3));
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 2, 10_000);
        assertThat(reports(AlertDelivery.REJECTED))
                .extracting(d -> d.item.host)
                .containsExactly("web-02");
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactly("web-01", "web-03");
    }

    @Test
    void aFullOutboxDropsTheOldestWaitingMessageAndReportsIt() throws Exception {
        slack.failAlways(500);
        start(config("alert.slack.max-outbox", "3"));
        for (int i = 1; i <= 5; i++) {
            send(message(i));
        }
        assertThat(reports(AlertDelivery.DROPPED))
                .extracting(d -> d.item.host)
                .containsExactly("web-02", "web-03");
        slack.heal();
        advanceUntil(() -> reports(AlertDelivery.SENT).size() == 3, 120_000);
        assertThat(reports(AlertDelivery.SENT))
                .extracting(d -> d.item.host)
                .containsExactly("web-01", "web-04", "web-05");
    }
}
