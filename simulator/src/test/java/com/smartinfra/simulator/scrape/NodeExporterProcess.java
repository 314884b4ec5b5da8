package com.smartinfra.simulator.scrape;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's real {@code prometheus-node-exporter}, started by a test on a free loopback port and
 * stopped with {@link #close}. {@code bin/smart-infra test} installs the package when missing.
 */
final class NodeExporterProcess implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus-node-exporter");

    private final Process process;
    private final URI url;
    private final Path log;

    private NodeExporterProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    static NodeExporterProcess start() throws Exception {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    BINARY
                            + " is missing: apt-get install -y --no-install-recommends"
                            + " prometheus-node-exporter (bin/smart-infra test does)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("node-exporter-", ".log");
        Process p =
                new ProcessBuilder(
                                List.of(
                                        BINARY.toString(),
                                        "--web.listen-address=127.0.0.1:" + port))
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        NodeExporterProcess ne =
                new NodeExporterProcess(
                        p, URI.create("http://127.0.0.1:" + port + "/metrics"), log);
        ne.awaitReady();
        return ne;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(
                        "node_exporter did not start: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    URI url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(log);
    }
}
