package com.smartinfra.api;

import com.smartinfra.api.health.HealthRoute;
import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.influx.InfluxMetricsReader;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.api.metrics.MetricsRequestParser;
import com.smartinfra.api.metrics.MetricsRoute;
import com.smartinfra.api.web.ChartJsAsset;
import com.smartinfra.api.web.StaticFiles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spark.Service;

/**
 * The running dashboard API: an HTTP server (Spark Java on embedded Jetty) with
 *
 * <ul>
 *   <li>{@code GET /metrics} raw samples from InfluxDB ({@link MetricsRequestParser} documents the
 *       parameters),
 *   <li>{@code GET /health} InfluxDB reachability,
 *   <li>{@code GET /} the dashboard page and {@code GET /vendor/chart.umd.js} Chart.js.
 * </ul>
 *
 * Spark is unmaintained, so it stays in this class and the route classes; reading and validation
 * know nothing of it. Each instance is its own Spark {@link Service}, so tests can run several in
 * one JVM, each on a free port ({@code API_PORT=0}).
 */
public final class DashboardApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardApi.class);

    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    private static final int IDLE_TIMEOUT_MS = 60_000;

    private final Service http;
    private final InfluxMetricsReader reader;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DashboardApi(Service http, InfluxMetricsReader reader, String url) {
        this.http = http;
        this.reader = reader;
        this.url = url;
    }

    /** Starts the server and returns once it listens. InfluxDB need not be up yet. */
    public static DashboardApi start(ApiConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(ApiConfig)}, with the clock that "the last 10 minutes" is measured on. */
    public static DashboardApi start(ApiConfig config, Clock clock) {
        ChartJsAsset chartJs = ChartJsAsset.load();
        InfluxMetricsReader reader = new InfluxMetricsReader(config);
        try {
            return start(config, clock, chartJs, reader);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static DashboardApi start(
            ApiConfig config, Clock clock, ChartJsAsset chartJs, InfluxMetricsReader reader) {
        Service http = Service.ignite();
        AtomicReference<Exception> startFailure = new AtomicReference<>();
        // Spark's default is System.exit(100): report it to the caller instead
        http.initExceptionHandler(startFailure::set);
        http.ipAddress(config.bindAddress());
        http.port(config.port());
        http.threadPool(MAX_THREADS, MIN_THREADS, IDLE_TIMEOUT_MS);
        StaticFiles.configure(http);

        http.get("/metrics", new MetricsRoute(new MetricsRequestParser(clock), reader));
        http.get("/health", new HealthRoute(reader));
        http.get(ChartJsAsset.PATH, chartJs);
        mapErrors(http);

        http.init();
        http.awaitInitialization();
        Exception failure = startFailure.get();
        if (failure != null) {
            http.stop();
            http.awaitStop();
            throw new IllegalStateException(
                    "cannot listen on "
                            + config.bindAddress()
                            + ":"
                            + config.port()
                            + " (check "
                            + ApiConfig.API_BIND
                            + " and "
                            + ApiConfig.API_PORT
                            + "): "
                            + failure.getMessage(),
                    failure);
        }
        String url = "http://" + hostForUrl(config.bindAddress()) + ":" + http.port();
        LOG.info("dashboard-api listening on {}", url);
        LOG.info("reading InfluxDB {} database {}", config.influxUrl(), config.influxBucket());
        return new DashboardApi(http, reader, url);
    }

    private static void mapErrors(Service http) {
        http.exception(
                BadRequestException.class,
                (e, req, res) ->
                        JsonResponses.sendFromExceptionHandler(
                                res, 400, Json.error(e.getMessage())));
        http.exception(
                InfluxUnavailableException.class,
                (e, req, res) -> {
                    LOG.warn("GET {}: InfluxDB unavailable: {}", req.pathInfo(), e.getMessage());
                    JsonResponses.sendFromExceptionHandler(
                            res, 503, Json.error("InfluxDB is unavailable"));
                });
        http.exception(
                Exception.class,
                (e, req, res) -> {
                    LOG.error("{} {} failed", req.requestMethod(), req.pathInfo(), e);
                    JsonResponses.sendFromExceptionHandler(res, 500, Json.error("internal error"));
                });
        http.notFound(
                (req, res) -> {
                    JsonResponses.send(res, 404, new byte[0]);
                    return new String(Json.error("not found"), StandardCharsets.UTF_8);
                });
        http.internalServerError(
                (req, res) -> {
                    JsonResponses.send(res, 500, new byte[0]);
                    return new String(Json.error("internal error"), StandardCharsets.UTF_8);
                });
    }

    /** An IPv6 literal needs brackets in a URL. */
    private static String hostForUrl(String bind) {
        return bind.indexOf(':') >= 0 && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    /** The port it listens on (the chosen one when configured with port 0). */
    public int port() {
        return http.port();
    }

    /** {@code http://<bind>:<port>}, no trailing slash. */
    public String url() {
        return url;
    }

    /** Stops accepting requests, waits for the server to stop and closes the InfluxDB client. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop();
            http.awaitStop();
            reader.close();
            LOG.info("dashboard-api on {} stopped", url);
        }
    }
}
