package com.smartinfra.api;

import com.smartinfra.api.alerts.AlertsJson;
import com.smartinfra.api.alerts.AlertsReader;
import com.smartinfra.api.alerts.AlertsRequestParser;
import com.smartinfra.api.anomalies.AnomaliesJson;
import com.smartinfra.api.anomalies.AnomaliesReader;
import com.smartinfra.api.anomalies.AnomaliesRequestParser;
import com.smartinfra.api.cors.Cors;
import com.smartinfra.api.fleet.FleetJson;
import com.smartinfra.api.fleet.FleetReader;
import com.smartinfra.api.fleet.FleetRequestParser;
import com.smartinfra.api.health.HealthRoute;
import com.smartinfra.api.hosts.HostsReader;
import com.smartinfra.api.hosts.HostsRoute;
import com.smartinfra.api.http.BadRequestException;
import com.smartinfra.api.http.JettyWithJsonErrors;
import com.smartinfra.api.http.Json;
import com.smartinfra.api.http.JsonResponses;
import com.smartinfra.api.http.ReadRoute;
import com.smartinfra.api.http.RequestLog;
import com.smartinfra.api.influx.InfluxReader;
import com.smartinfra.api.influx.InfluxUnavailableException;
import com.smartinfra.api.ingest.IngestRoute;
import com.smartinfra.api.ingest.SampleProducer;
import com.smartinfra.api.lineprotocol.LineProtocolWriteRoute;
import com.smartinfra.api.metrics.MetricsJson;
import com.smartinfra.api.metrics.MetricsReader;
import com.smartinfra.api.metrics.MetricsRequestParser;
import com.smartinfra.api.rates.RatesJson;
import com.smartinfra.api.rates.RatesReader;
import com.smartinfra.api.rates.RatesRequestParser;
import com.smartinfra.api.silences.ActiveSilences;
import com.smartinfra.api.silences.SilencesRoute;
import com.smartinfra.api.stats.StatsJson;
import com.smartinfra.api.stats.StatsReader;
import com.smartinfra.api.stats.StatsRequestParser;
import com.smartinfra.api.web.ChartJsAsset;
import com.smartinfra.api.web.StaticFiles;
import com.smartinfra.api.writeaccess.WriteAccess;
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
 *   <li>{@code GET /metrics} samples, raw or downsampled ({@link MetricsRequestParser} documents
 *       the parameters),
 *   <li>{@code GET /anomalies}, {@code GET /hosts}, {@code GET /stats}, {@code GET /alerts}, {@code
 *       GET /anomaly-rates} from InfluxDB,
 *   <li>{@code GET /fleet} hosts and metrics ranked by their anomaly rate and severity now,
 *   <li>{@code POST /ingest} one sample to the metrics topic in Kafka,
 *   <li>{@code POST /api/v2/write} InfluxDB line protocol (Telegraf) as samples to the same topic,
 *   <li>{@code POST /silences}, {@code DELETE /silences/:id} commands to the alert control topic,
 *       {@code GET /silences} the active ones read back from it (at most {@code API_MAX_SILENCES}),
 *   <li>{@code GET /health} InfluxDB and Kafka reachability,
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
    private final InfluxReader influx;
    private final SampleProducer kafka;
    private final ActiveSilences activeSilences;
    private final String url;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DashboardApi(
            Service http,
            InfluxReader influx,
            SampleProducer kafka,
            ActiveSilences activeSilences,
            String url) {
        this.http = http;
        this.influx = influx;
        this.kafka = kafka;
        this.activeSilences = activeSilences;
        this.url = url;
    }

    /** Starts the server and returns once it listens. InfluxDB need not be up yet. */
    public static DashboardApi start(ApiConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(ApiConfig)}, with the clock that "the last 10 minutes" is measured on. */
    public static DashboardApi start(ApiConfig config, Clock clock) {
        ChartJsAsset chartJs = ChartJsAsset.load();
        InfluxReader influx = new InfluxReader(config);
        SampleProducer kafka = null;
        ActiveSilences activeSilences = null;
        if (config.kafkaBootstrapServers() != null) {
            kafka = new SampleProducer(config.kafkaBootstrapServers(), config.metricsTopic());
            activeSilences =
                    new ActiveSilences(
                                    config.kafkaBootstrapServers(),
                                    config.alertControlTopic(),
                                    clock,
                                    ApiConfig.MAX_TRACKED_SILENCES)
                            .start();
        }
        try {
            return start(config, clock, chartJs, influx, kafka, activeSilences);
        } catch (RuntimeException e) {
            influx.close();
            if (kafka != null) {
                kafka.close();
                activeSilences.close();
            }
            throw e;
        }
    }

    private static DashboardApi start(
            ApiConfig config,
            Clock clock,
            ChartJsAsset chartJs,
            InfluxReader influx,
            SampleProducer kafka,
            ActiveSilences activeSilences) {
        Service http = Service.ignite();
        AtomicReference<Exception> startFailure = new AtomicReference<>();
        // Spark's default is System.exit(100): report it to the caller instead
        http.initExceptionHandler(startFailure::set);
        http.embeddedServerIdentifier(JettyWithJsonErrors.identifier());
        http.ipAddress(config.bindAddress());
        http.port(config.port());
        http.threadPool(MAX_THREADS, MIN_THREADS, IDLE_TIMEOUT_MS);
        StaticFiles.configure(http);
        Cors.configure(http, config.corsOrigins());
        WriteAccess writes = new WriteAccess(config);

        http.get(
                "/metrics",
                new ReadRoute<>(
                        new MetricsRequestParser(clock)::parse,
                        new MetricsReader(influx)::read,
                        MetricsJson::samples));
        http.get(
                "/anomalies",
                new ReadRoute<>(
                        new AnomaliesRequestParser(clock)::parse,
                        new AnomaliesReader(influx)::read,
                        AnomaliesJson::anomalies));
        http.get("/hosts", new HostsRoute(new HostsReader(influx, config.noDataAfter()), clock));
        http.get(
                "/stats",
                new ReadRoute<>(
                        new StatsRequestParser(clock)::parse,
                        new StatsReader(influx)::read,
                        StatsJson::stats));
        http.get(
                "/alerts",
                new ReadRoute<>(
                        new AlertsRequestParser(clock)::parse,
                        new AlertsReader(influx)::read,
                        AlertsJson::alerts));
        http.get(
                "/anomaly-rates",
                new ReadRoute<>(
                        new RatesRequestParser(clock)::parse,
                        new RatesReader(influx)::read,
                        RatesJson::rates));
        http.get(
                "/fleet",
                new ReadRoute<>(
                        new FleetRequestParser(clock)::parse,
                        new FleetReader(influx)::read,
                        FleetJson::fleet));
        http.post("/ingest", writes.withJsonBody(new IngestRoute(kafka, clock)));
        SilencesRoute silences =
                new SilencesRoute(
                        kafka,
                        activeSilences,
                        config.maxSilences(),
                        config.alertControlTopic(),
                        clock);
        http.get("/silences", silences::list);
        http.post("/silences", writes.withJsonBody(silences::create));
        http.delete("/silences/" + SilencesRoute.ID_PARAM, writes.withoutBody(silences::delete));
        LineProtocolWriteRoute lineProtocol = new LineProtocolWriteRoute(kafka, clock);
        http.post(LineProtocolWriteRoute.PATH, writes.withLineProtocolBody(lineProtocol));
        // the counts only where writes are on
        http.get(
                "/health",
                new HealthRoute(influx, kafka, kafka == null ? null : lineProtocol.counts()));
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
        if (!writes.authenticated()) {
            LOG.warn(
                    "writes (POST /ingest, POST /silences, DELETE /silences) are not"
                            + " authenticated: anyone who can reach {} may write. Set {} (or {}) so"
                            + " that they need Authorization: Bearer <token>",
                    url,
                    ApiConfig.API_TOKEN,
                    ApiConfig.API_TOKEN_FILE);
        }
        if (kafka == null) {
            LOG.info(
                    "POST /ingest and /silences are off: {} is not set",
                    ApiConfig.KAFKA_BOOTSTRAP_SERVERS);
        } else {
            LOG.info(
                    "POST /ingest produces to Kafka {} topic {}",
                    config.kafkaBootstrapServers(),
                    config.metricsTopic());
            LOG.info("POST /silences produces to Kafka topic {}", config.alertControlTopic());
        }
        return new DashboardApi(http, influx, kafka, activeSilences, url);
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
                    LOG.warn(
                            "{}: InfluxDB unavailable: {}",
                            RequestLog.describe(req),
                            e.getMessage());
                    JsonResponses.sendFromExceptionHandler(
                            res, 503, Json.error("InfluxDB is unavailable"));
                });
        http.exception(
                Exception.class,
                (e, req, res) -> {
                    LOG.error("{} failed", RequestLog.describe(req), e);
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

    /** Stops accepting requests, waits for the server to stop and closes the clients. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.stop();
            http.awaitStop();
            influx.close();
            if (kafka != null) {
                kafka.close();
                activeSilences.close();
            }
            LOG.info("dashboard-api on {} stopped", url);
        }
    }
}
