package com.smartinfra.simulator.scrape;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.realhost.HostReading;
import com.smartinfra.simulator.realhost.ReadingException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * One node_exporter: each {@link #scrape} reads its {@code /metrics} and, from the second on, makes
 * the sample of the time since the last good one. The host is the name node_exporter reports
 * ({@code node_uname_info}'s {@code nodename}), made a valid host name; without it, the target's
 * host and port.
 */
final class ScrapeTarget {
    /** Far more than any node_exporter answers (60 KB to 1 MB): a wrong URL cannot fill memory. */
    static final int MAX_BYTES = 16 * 1024 * 1024;

    // the text format explicitly: node_exporter would otherwise be free to pick another
    private static final String ACCEPT = "text/plain;version=0.0.4;q=1.0,*/*;q=0.1";

    private final URI url;
    private final HttpClient http;
    private final Duration timeout;
    private final Optional<String> mountPoint;
    private final LongSupplier clock;
    private HostReading previous;
    private String host;

    ScrapeTarget(
            URI url,
            HttpClient http,
            Duration timeout,
            Optional<String> mountPoint,
            LongSupplier clock) {
        this.url = url;
        this.http = http;
        this.timeout = timeout;
        this.mountPoint = mountPoint;
        this.clock = clock;
    }

    URI url() {
        return url;
    }

    /** The host name of the last good scrape, or null before one. */
    String host() {
        return host;
    }

    /**
     * Reads the target once: the sample since the previous good reading, or empty on the first one.
     */
    Optional<Sample> scrape() throws ScrapeException, InterruptedException {
        String text = fetch();
        long at = clock.getAsLong();
        NodeExporterReading parsed;
        try {
            parsed = NodeExporterReading.parse(text);
        } catch (PrometheusTextException e) {
            throw new ScrapeException("not Prometheus text format: " + e.getMessage());
        }
        String name = HostName.sanitize(parsed.nodename());
        host = name != null ? name : HostName.sanitize(url.getAuthority());
        HostReading reading = parsed.reading(at);
        HostReading before = previous;
        previous = reading;
        if (before == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(reading.sampleSince(before, host, mountPoint));
        } catch (ReadingException e) {
            throw new ScrapeException(e.getMessage());
        }
    }

    private String fetch() throws ScrapeException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(url).timeout(timeout).header("Accept", ACCEPT).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new ScrapeException("no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            // the JDK's client gives no message for a refused connection
            throw new ScrapeException(
                    "cannot connect"
                            + (e.getMessage() == null
                                    ? " (connection refused)"
                                    : ": " + e.getMessage()));
        } catch (IOException e) {
            throw new ScrapeException(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (response.statusCode() != 200) {
                throw new ScrapeException("HTTP " + response.statusCode());
            }
            if (body.length > MAX_BYTES) {
                throw new ScrapeException("answer larger than " + MAX_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScrapeException("reading the answer: " + e.getMessage());
        }
    }
}
