package com.smartinfra.testing;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real InfluxDB for tests: "InfluxDB 1.x engine behind a v2 write proxy". Debian's influxd with
 * the project's nginx shim ({@code bin/lib/influxdb-local.sh}, the same script {@code
 * bin/smart-infra up} uses), started once per test JVM on free loopback ports and stopped when the
 * JVM exits. It does not cover InfluxDB 2.7's token auth; a short retention stands in for a
 * bucket's ({@link #setRetention}). A test may {@link #stop()} and {@link #restart()} the server
 * (same ports, same data) to stage an outage.
 */
public final class InfluxDbTestServer {
    /** Clients must send some token; the 1.x server does not check it. */
    public static final String TOKEN = "test-token";

    public static final String ORG = "smart-infra";

    private static String url;
    private static Path dir;
    private static List<Integer> ports;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private InfluxDbTestServer() {}

    /** Starts the server on first use; returns the URL the influxdb-client-java talks to. */
    public static synchronized String url() {
        if (url == null) {
            try {
                dir = Files.createTempDirectory("influxdb-test");
                ports = freePorts(3);
            } catch (IOException e) {
                throw new IllegalStateException("could not start InfluxDB for tests", e);
            }
            launch();
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        try {
                                            run(script(), "stop", dir.toString());
                                        } catch (Exception ignored) {
                                            // JVM is exiting
                                        }
                                    },
                                    "influxdb-test-stop"));
            url = "http://127.0.0.1:" + ports.get(1);
        }
        return url;
    }

    private static void launch() {
        try {
            run(
                    script(),
                    "start",
                    dir.toString(),
                    ports.get(0).toString(),
                    ports.get(1).toString(),
                    ports.get(2).toString());
        } catch (IOException e) {
            throw new IllegalStateException("could not start InfluxDB for tests", e);
        }
    }

    private static String script() {
        return projectRoot().resolve("bin/lib/influxdb-local.sh").toString();
    }

    /**
     * Stops the server's processes (influxd and the shim): clients then meet refused connections,
     * as when InfluxDB is down. {@link #restart()} brings it back with its data; a test that stops
     * it must restart it (in a finally block), other tests share it.
     */
    public static synchronized void stop() {
        url();
        try {
            run(script(), "stop", dir.toString());
        } catch (IOException e) {
            throw new IllegalStateException("could not stop InfluxDB", e);
        }
    }

    /** Starts the stopped server again on the same ports with the same data; returns when up. */
    public static synchronized void restart() {
        url();
        launch();
    }

    /**
     * Gives {@code db}'s default retention policy a retention of {@code duration} (an InfluxQL
     * duration such as {@code 1h}, the shortest 1.x allows): a write of a point older than that is
     * refused, as InfluxDB 2.x refuses points beyond a bucket's retention.
     */
    public static void setRetention(String db, String duration) {
        query(
                "",
                "ALTER RETENTION POLICY autogen ON "
                        + db
                        + " DURATION "
                        + duration
                        + " SHARD DURATION "
                        + duration);
    }

    /** Creates a fresh database (= v2 bucket) and returns its name. */
    public static String createDatabase(String prefix) {
        String db = KafkaTestBroker.uniqueTopic(prefix).replace('-', '_');
        query("", "CREATE DATABASE " + db);
        return db;
    }

    /**
     * Writes line-protocol lines (ms precision) to {@code db} with the unmodified
     * influxdb-client-java, as the job and production clients do.
     */
    public static void write(String db, List<String> lines) {
        try (InfluxDBClient client =
                InfluxDBClientFactory.create(url(), TOKEN.toCharArray(), ORG, db)) {
            client.getWriteApiBlocking().writeRecords(db, ORG, WritePrecision.MS, lines);
        }
    }

    /** Runs an InfluxQL statement and returns the raw JSON answer. */
    public static String query(String db, String influxql) {
        try {
            String body =
                    "q="
                            + URLEncoder.encode(influxql, StandardCharsets.UTF_8)
                            + (db.isEmpty() ? "" : "&db=" + db)
                            + "&epoch=ms";
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(url() + "/query"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                throw new IllegalStateException(
                        "InfluxQL failed: " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The project checkout: the first parent folder holding {@code bin/lib/influxdb-local.sh}. */
    public static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("bin/lib/influxdb-local.sh"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException(
                "no bin/lib/influxdb-local.sh above " + Path.of("").toAbsolutePath());
    }

    /** Distinct free loopback ports (free at the time of asking). */
    public static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports.add(s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
        return ports;
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " exited " + p.exitValue() + ": " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
