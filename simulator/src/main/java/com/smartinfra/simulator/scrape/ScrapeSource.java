package com.smartinfra.simulator.scrape;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.retry.Backoff;
import com.smartinfra.simulator.realhost.LiveSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples of machines running node_exporter: every target is scraped every {@code interval} on its
 * own schedule. A target that fails (no answer, an HTTP error, an answer that is not its metrics)
 * is logged with its URL and tried again after a growing wait ({@link Backoff} without jitter: 1 s,
 * 2 s, 4 s, ... up to the larger of the interval and {@link #MAX_BACKOFF}); the other targets go on
 * as before.
 */
public final class ScrapeSource extends LiveSource {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeSource.class);

    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** The wait after a first failure; it doubles with each further one, up to MAX_BACKOFF. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    /** Threads for the scrapes: a slow target holds one while it waits for its timeout. */
    private static final int MAX_THREADS = 4;

    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final List<Scraping> targets = new ArrayList<>();

    /**
     * @param mountPoint the filesystem whose usage is {@code disk}; empty: the fullest real one
     */
    public ScrapeSource(
            List<URI> urls, Duration interval, Optional<String> mountPoint, CountDownLatch stop) {
        super(stop);
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor pool =
                new ScheduledThreadPoolExecutor(
                        Math.min(MAX_THREADS, urls.size()),
                        r -> {
                            Thread t = new Thread(r, "scrape-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        pool.setRemoveOnCancelPolicy(true);
        this.scheduler = pool;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        Duration maxBackoff = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        for (URI url : urls) {
            ScrapeTarget target =
                    new ScrapeTarget(url, http, TIMEOUT, mountPoint, System::currentTimeMillis);
            targets.add(
                    new Scraping(
                            target,
                            interval,
                            Backoff.exponential(FIRST_RETRY, maxBackoff).withoutJitter()));
        }
    }

    /**
     * How long one scrape may take (Prometheus' default scrape timeout). Not tied to the interval:
     * a busy machine may answer slowly, and a slow scrape only delays the next one.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Starts scraping every target now. */
    public ScrapeSource start() {
        for (Scraping s : targets) {
            scheduler.execute(s);
        }
        return this;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One target's loop: scrape, hand the sample over, plan the next scrape. */
    private final class Scraping implements Runnable {
        private final ScrapeTarget target;
        private final Duration interval;
        private final Backoff backoff;

        /** Failed tries since the last success. */
        private int failures;

        Scraping(ScrapeTarget target, Duration interval, Backoff backoff) {
            this.target = target;
            this.interval = interval;
            this.backoff = backoff;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            Duration next;
            try {
                Optional<Sample> sample = target.scrape();
                int failedBefore = failures;
                failures = 0;
                if (failedBefore > 0) {
                    LOG.info(
                            "scrape of {} works again after {} failed tries (host {})",
                            target.url(),
                            failedBefore,
                            target.host());
                } else if (sample.isEmpty()) {
                    LOG.info(
                            "scraping {} as host {} every {} s",
                            target.url(),
                            target.host(),
                            interval.toMillis() / 1000.0);
                }
                sample.ifPresent(ScrapeSource.this::offer);
                long spent = System.nanoTime() - started;
                next = interval.minusNanos(Math.min(spent, interval.toNanos()));
            } catch (ScrapeException e) {
                next = Duration.ofMillis(backoff.delayMillis(++failures));
                LOG.warn(
                        "scrape of {} failed: {}; trying again in {} ms (failure {})",
                        target.url(),
                        e.getMessage(),
                        next.toMillis(),
                        failures);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a bug must not end this target's loop silently
                next = Duration.ofMillis(backoff.delayMillis(++failures));
                LOG.error("scrape of {} failed unexpectedly", target.url(), e);
            }
            try {
                scheduler.schedule(this, next.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile: the run is over
            }
        }
    }
}
