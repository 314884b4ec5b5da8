package com.smartinfra.simulator.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.SimulatorLog;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Several targets at once: the real node_exporter beside a stand-in exporter (a local HTTP server)
 * that fails for a while and then answers. The failing one is logged with its URL and tried again
 * after growing waits; the good one goes on at its pace; the stand-in's samples come once it
 * answers.
 */
class ScrapeSourceITCase {
    @Test
    void aFailingTargetIsRetriedWithBackoffAndStopsNoOther() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Long> tries = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(4);
        try (NodeExporterProcess nodeExporter = NodeExporterProcess.start()) {
            HttpServer standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            standIn.createContext(
                    "/metrics",
                    ex -> {
                        tries.add(System.nanoTime());
                        byte[] body;
                        int status;
                        if (failuresLeft.getAndDecrement() > 0) {
                            status = 503;
                            body = "busy".getBytes(StandardCharsets.UTF_8);
                        } else {
                            // the real exporter's answer, as another machine
                            String text;
                            try {
                                text =
                                        http.send(
                                                        HttpRequest.newBuilder(nodeExporter.url())
                                                                .build(),
                                                        HttpResponse.BodyHandlers.ofString())
                                                .body();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new java.io.IOException(e);
                            }
                            int at = text.indexOf("nodename=\"") + "nodename=\"".length();
                            text =
                                    text.substring(0, at)
                                            + "stand in"
                                            + text.substring(text.indexOf('"', at));
                            status = 200;
                            body = text.getBytes(StandardCharsets.UTF_8);
                        }
                        ex.sendResponseHeaders(status, body.length);
                        try (OutputStream o = ex.getResponseBody()) {
                            o.write(body);
                        }
                    });
            standIn.start();
            URI failing =
                    URI.create("http://127.0.0.1:" + standIn.getAddress().getPort() + "/metrics");
            CountDownLatch stop = new CountDownLatch(1);
            List<Sample> samples = new ArrayList<>();
            long t0 = System.nanoTime();
            try (ScrapeSource source =
                    new ScrapeSource(
                                    List.of(nodeExporter.url(), failing),
                                    Duration.ofSeconds(1),
                                    Optional.empty(),
                                    stop)
                            .start()) {
                while (System.nanoTime() - t0 < Duration.ofSeconds(40).toNanos()
                        && samples.stream().noneMatch(s -> s.host.equals("stand-in"))) {
                    assertThat(source.hasNext()).isTrue();
                    samples.add(source.next());
                }
                stop.countDown();
                assertThat(source.hasNext()).as("a stop ends the source").isFalse();
            } finally {
                standIn.stop(0);
            }
            long goodBeforeRecovery =
                    samples.stream().filter(s -> !s.host.equals("stand-in")).count();
            double seconds = (System.nanoTime() - t0) / 1e9;
            // 4 failures wait 1 + 2 + 4 + 8 s; the good target meanwhile keeps its 1 s pace
            assertThat(goodBeforeRecovery).isGreaterThanOrEqualTo((long) (seconds * 0.5));
            assertThat(samples).anyMatch(s -> s.host.equals("stand-in"));
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                gaps.add((tries.get(i) - tries.get(i - 1)) / 1_000_000);
            }
            System.out.println("waits between the tries of the failing target (ms): " + gaps);
            for (int i = 0; i < 4; i++) {
                assertThat(gaps.get(i))
                        .as("wait %d of %s", i, gaps)
                        .isGreaterThanOrEqualTo(1000L << i);
            }
            String log = SimulatorLog.text();
            assertThat(log)
                    .contains("scrape of " + failing + " failed: HTTP 503; trying again in 1000 ms")
                    .contains("scrape of " + failing + " failed: HTTP 503; trying again in 8000 ms")
                    .contains("scrape of " + failing + " works again after 4 failed tries");
        }
    }
}
