package com.smartinfra.job.alert;

import com.smartinfra.schema.retry.RetryAfter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP to the Slack incoming webhook: one asynchronous POST per message on its own daemon threads,
 * redirects refused, and answers described without the webhook URL (a secret).
 */
final class SlackWebhookClient implements AutoCloseable {
    /** A 429 without a usable Retry-After waits this long. */
    static final long DEFAULT_RETRY_AFTER_MS = 30_000;

    static final long MAX_RETRY_AFTER_MS = 3_600_000;

    /** Slack's error codes are short ({@code invalid_blocks}); more is someone else's page. */
    private static final int MAX_ANSWER_CHARS = 100;

    private final URI webhook;
    private final Duration requestTimeout;
    private final ExecutorService threads;
    private final HttpClient http;

    private SlackWebhookClient(URI webhook, Duration requestTimeout) {
        this.webhook = webhook;
        this.requestTimeout = requestTimeout;
        this.threads =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "slack-webhook-http");
                            t.setDaemon(true);
                            return t;
                        });
        this.http =
                HttpClient.newBuilder()
                        .executor(threads)
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(
                                requestTimeout.compareTo(Duration.ofSeconds(10)) < 0
                                        ? requestTimeout
                                        : Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /** The client of the configured webhook, or null when none is configured. */
    static SlackWebhookClient open(AlertConfig config) {
        URI webhook = SlackWebhook.resolve(config, System::getenv);
        return webhook == null ? null : new SlackWebhookClient(webhook, config.slackRequestTimeout);
    }

    /** Posts one message; the future completes with Slack's answer or the request's failure. */
    CompletableFuture<HttpResponse<String>> post(String payload) {
        HttpRequest request =
                HttpRequest.newBuilder(webhook)
                        .timeout(requestTimeout)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                        .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static boolean accepted(HttpResponse<?> r) {
        return r.statusCode() >= 200 && r.statusCode() < 300;
    }

    /** No answer worth the name (408, 5xx, 1xx, a redirect): the same message is tried again. */
    static boolean transientFailure(int status) {
        return status == 408 || status >= 500 || status < 200 || (status >= 300 && status < 400);
    }

    /**
     * How long a 429 makes us wait: Retry-After (seconds or an HTTP date) capped at an hour, or
     * {@link #DEFAULT_RETRY_AFTER_MS} when the header is missing or unusable.
     */
    static long retryAfterMillis(HttpResponse<?> r, long now) {
        long ms =
                RetryAfter.millis(r.headers().firstValue("Retry-After").orElse(null), now)
                        .orElse(DEFAULT_RETRY_AFTER_MS);
        return Math.min(ms, MAX_RETRY_AFTER_MS);
    }

    /** {@code HTTP 400 invalid_blocks}: the status and Slack's short error, never the URL. */
    String describe(HttpResponse<String> r) {
        String body = r.body();
        if (body == null || body.isBlank()) {
            return "HTTP " + r.statusCode();
        }
        String b = redact(body.strip());
        return "HTTP "
                + r.statusCode()
                + " "
                + (b.length() > MAX_ANSWER_CHARS ? b.substring(0, MAX_ANSWER_CHARS) + "…" : b);
    }

    /** {@code text} without the webhook URL (an exception message may quote it). */
    String redact(String text) {
        return SlackWebhook.redact(text, webhook);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
