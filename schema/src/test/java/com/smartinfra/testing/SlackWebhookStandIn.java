package com.smartinfra.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for a Slack incoming webhook: answers {@code POST /services/T.../B.../...} like
 * Slack does ({@code 200 ok}), records every request, and can be told to answer 500, to throttle
 * with {@code 429} and {@code Retry-After}, to refuse a payload ({@code 400 invalid_blocks}), or to
 * hang without answering. Scripted answers ({@code ...Next}) are used first, one per request; then
 * the standing answer ({@code ...Always}, or 200).
 */
public final class SlackWebhookStandIn implements AutoCloseable {
    /** The secret part of the URL, as Slack issues it. */
    public static final String PATH = "/services/T0STANDIN/B0STANDIN/s3cr3tW3bh00kT0k3nXYZ";

    /** One request as received. */
    public static final class Request {
        public final String method;
        public final String path;
        public final Map<String, List<String>> headers;
        public final String body;
        public final long receivedAtNanos;

        /** The status answered, or 0 for a request left hanging. */
        public final int answeredStatus;

        Request(
                String method,
                String path,
                Map<String, List<String>> headers,
                String body,
                long receivedAtNanos,
                int answeredStatus) {
            this.method = method;
            this.path = path;
            this.headers = headers;
            this.body = body;
            this.receivedAtNanos = receivedAtNanos;
            this.answeredStatus = answeredStatus;
        }

        public boolean accepted() {
            return answeredStatus == 200;
        }
    }

    private static final class Reply {
        final int status;
        final String body;
        final String retryAfter;
        final boolean hang;

        Reply(int status, String body, String retryAfter, boolean hang) {
            this.status = status;
            this.body = body;
            this.retryAfter = retryAfter;
            this.hang = hang;
        }
    }

    private static final Reply OK = new Reply(200, "ok", null, false);

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> scripted = new ArrayDeque<>();
    private volatile Reply standing = OK;
    private volatile CountDownLatch release = new CountDownLatch(1);

    public SlackWebhookStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        threads =
                Executors.newCachedThreadPool(
                        r -> {
                            Thread t = new Thread(r, "slack-stand-in");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(threads);
        server.start();
    }

    /** The webhook URL to configure (its path is the "secret"). */
    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The next {@code n} requests answer {@code status} (Slack's 5xx body: an HTML page). */
    public synchronized void failNext(int n, int status) {
        for (int i = 0; i < n; i++) {
            scripted.add(new Reply(status, "<html>server error</html>", null, false));
        }
    }

    /** The next {@code n} requests answer 429 with {@code Retry-After: seconds}. */
    public synchronized void throttleNext(int n, int retryAfterSeconds) {
        for (int i = 0; i < n; i++) {
            scripted.add(
                    new Reply(429, "rate_limited", Integer.toString(retryAfterSeconds), false));
        }
    }

    /** The next {@code n} requests are refused with {@code status} and Slack's error code. */
    public synchronized void refuseNext(int n, int status, String error) {
        for (int i = 0; i < n; i++) {
            scripted.add(new Reply(status, error, null, false));
        }
    }

    /** The next {@code n} requests get no answer until {@link #heal()} or {@link #close()}. */
    public synchronized void hangNext(int n) {
        for (int i = 0; i < n; i++) {
            scripted.add(new Reply(0, null, null, true));
        }
    }

    /** Every request answers {@code status} until {@link #heal()}. */
    public void failAlways(int status) {
        standing = new Reply(status, "<html>server error</html>", null, false);
    }

    /** Every request answers 429 with {@code Retry-After: seconds} until {@link #heal()}. */
    public void throttleAlways(int retryAfterSeconds) {
        standing = new Reply(429, "rate_limited", Integer.toString(retryAfterSeconds), false);
    }

    /** Every request hangs until {@link #heal()}. */
    public void hangAlways() {
        standing = new Reply(0, null, null, true);
    }

    /** Back to answering 200: scripted answers dropped, hanging requests released. */
    public synchronized void heal() {
        scripted.clear();
        standing = OK;
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Bodies of the requests answered 200, in arrival order. */
    public List<String> accepted() {
        return requests.stream().filter(Request::accepted).map(r -> r.body).toList();
    }

    /** Waits until at least {@code n} requests arrived; returns whether they did. */
    public boolean awaitRequests(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return requests.size() >= n;
    }

    private synchronized Reply nextReply() {
        Reply r = scripted.poll();
        return r != null ? r : standing;
    }

    private void handle(HttpExchange ex) throws IOException {
        long received = System.nanoTime();
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String text = new String(body, StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            Reply reply = nextReply();
            if (!"POST".equals(ex.getRequestMethod()) || !PATH.equals(path)) {
                reply = new Reply(404, "no_service", null, false);
            }
            if (reply.hang) {
                requests.add(
                        new Request(
                                ex.getRequestMethod(),
                                path,
                                ex.getRequestHeaders(),
                                text,
                                received,
                                0));
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // close without answering
            }
            requests.add(
                    new Request(
                            ex.getRequestMethod(),
                            path,
                            ex.getRequestHeaders(),
                            text,
                            received,
                            reply.status));
            byte[] out = reply.body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            if (reply.retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", reply.retryAfter);
            }
            ex.sendResponseHeaders(reply.status, out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
