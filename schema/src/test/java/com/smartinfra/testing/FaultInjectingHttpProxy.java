package com.smartinfra.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on loopback in front of a real server that can inject failures: the next N requests
 * answer a given status, or every request does, until told otherwise. Everything else is forwarded
 * unchanged to the real server. It records each request (method, path, body) so a test can see what
 * the client really sent.
 */
public final class FaultInjectingHttpProxy implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP =
            Set.of(
                    "connection",
                    "content-length",
                    "host",
                    "transfer-encoding",
                    "upgrade",
                    "keep-alive",
                    "expect");

    /** One request as the proxy received it. */
    public static final class Request {
        public final String method;
        public final String pathAndQuery;
        public final byte[] body;
        public final Map<String, List<String>> headers;
        public final int answeredStatus;
        public final long receivedAtNanos = System.nanoTime();

        Request(
                String method,
                String pathAndQuery,
                byte[] body,
                Map<String, List<String>> headers,
                int answeredStatus) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
            this.body = body;
            this.headers = headers;
            this.answeredStatus = answeredStatus;
        }
    }

    private final String target;
    private final HttpServer server;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;
    private volatile boolean failAlways;
    private volatile String retryAfterSeconds;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FaultInjectingHttpProxy(String targetBaseUrl) throws IOException {
        this.target =
                targetBaseUrl.endsWith("/")
                        ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1)
                        : targetBaseUrl;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code n} requests answer {@code status} (optionally with Retry-After). */
    public void failNext(int n, int status, String retryAfterSeconds) {
        this.failureStatus = status;
        this.retryAfterSeconds = retryAfterSeconds;
        failuresLeft.set(n);
    }

    /** Every request answers {@code status} until {@link #heal()}. */
    public void failAlways(int status) {
        this.failureStatus = status;
        this.retryAfterSeconds = null;
        this.failAlways = true;
    }

    public void heal() {
        failAlways = false;
        failuresLeft.set(0);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            String pathAndQuery = ex.getRequestURI().toString();
            if (failAlways || failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                int status = failureStatus;
                requests.add(
                        new Request(
                                ex.getRequestMethod(),
                                pathAndQuery,
                                body,
                                ex.getRequestHeaders(),
                                status));
                byte[] msg =
                        ("{\"code\":\"injected\",\"message\":\"fault injected by test proxy\"}")
                                .getBytes();
                ex.getResponseHeaders().add("Content-Type", "application/json");
                if (retryAfterSeconds != null) {
                    ex.getResponseHeaders().add("Retry-After", retryAfterSeconds);
                }
                ex.sendResponseHeaders(status, msg.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(msg);
                }
                return;
            }
            HttpRequest.Builder forward =
                    HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                            .timeout(Duration.ofSeconds(30))
                            .method(
                                    ex.getRequestMethod(),
                                    body.length == 0
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofByteArray(body));
            ex.getRequestHeaders()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                                    values.forEach(v -> forward.header(name, v));
                                }
                            });
            HttpResponse<byte[]> r;
            try {
                r = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            requests.add(
                    new Request(
                            ex.getRequestMethod(),
                            pathAndQuery,
                            body,
                            ex.getRequestHeaders(),
                            r.statusCode()));
            r.headers()
                    .map()
                    .forEach(
                            (name, values) -> {
                                if (!HOP_BY_HOP.contains(name.toLowerCase())
                                        && !name.startsWith(":")) {
                                    ex.getResponseHeaders().put(name, values);
                                }
                            });
            byte[] out = r.body();
            ex.sendResponseHeaders(r.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
