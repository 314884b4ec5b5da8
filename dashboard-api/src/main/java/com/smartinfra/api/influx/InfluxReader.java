package com.smartinfra.api.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import com.smartinfra.api.ApiConfig;
import com.smartinfra.schema.InfluxSchema;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Runs InfluxQL (never Flux) through influxdb-client-java's InfluxQL API over CSV, so it works
 * against InfluxDB 2.x's v1-compatible {@code /query} and a plain InfluxDB 1.x alike. The feature
 * packages build the statements ({@link InfluxQl}) and map the {@link InfluxRow}s.
 *
 * <p>What the CSV form means for us: every value is a string and a missing field is an empty
 * string; a statement without rows (or an unknown database) answers nothing at all, which reads as
 * "no rows". The JSON form is not used because the client's JSON reader fails on nulls, which
 * {@code SELECT *} produces whenever one host carries an optional metric the others lack.
 */
public final class InfluxReader implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /** A query that touches no data: proves reachability, credentials and the query path. */
    private static final String PROBE =
            "SELECT * FROM \""
                    + InfluxSchema.SYSTEM_METRICS
                    + "\" WHERE time >= 0ms AND time < 1ms LIMIT 1";

    /**
     * The client warns "Query ... already exhausted" through java.util.logging on every empty
     * answer: for us a normal one (a quiet window, every health probe). Held in a field because
     * java.util.logging keeps loggers weakly, and a collected logger forgets its level.
     */
    private static final java.util.logging.Logger CLIENT_QUERY_LOG =
            java.util.logging.Logger.getLogger("com.influxdb.internal.AbstractQueryApi");

    static {
        CLIENT_QUERY_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final InfluxDBClient client;
    private final String database;

    public InfluxReader(ApiConfig config) {
        OkHttpClient.Builder http =
                new OkHttpClient.Builder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .readTimeout(READ_TIMEOUT)
                        .writeTimeout(READ_TIMEOUT);
        InfluxDBClientOptions options =
                InfluxDBClientOptions.builder()
                        .url(config.influxUrl())
                        .authenticateToken(config.influxToken())
                        .org(config.influxOrg())
                        .bucket(config.influxBucket())
                        .okHttpClient(http)
                        // headers (the token) must never reach a log
                        .logLevel(LogLevel.NONE)
                        .build();
        this.client = InfluxDBClientFactory.create(options);
        this.database = config.influxBucket();
    }

    /** Runs one statement; its rows, in the order InfluxDB answered them. */
    public List<InfluxRow> query(String influxQl) throws InfluxUnavailableException {
        return InfluxRow.of(run(influxQl));
    }

    /**
     * Runs one statement and maps each row that has a time, in the order InfluxDB answered them: a
     * row without a time is not a point and is skipped.
     */
    public <T> List<T> points(String influxQl, PointMapper<T> toPoint)
            throws InfluxUnavailableException {
        List<T> points = new ArrayList<>();
        for (InfluxRow row : query(influxQl)) {
            long time = row.time();
            if (time >= 0) {
                points.add(toPoint.map(row, time));
            }
        }
        return points;
    }

    /** Null when InfluxDB answers a query, else a short reason fit for a health answer. */
    public String probe() {
        try {
            run(PROBE);
            return null;
        } catch (InfluxUnavailableException e) {
            return e.getMessage();
        }
    }

    private InfluxQLQueryResult run(String influxQl) throws InfluxUnavailableException {
        InfluxQLQuery query =
                new InfluxQLQuery(influxQl, database)
                        .setRetentionPolicy(ApiConfig.RETENTION_POLICY)
                        .setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS);
        try {
            InfluxQLQueryResult result = client.getInfluxQLQueryApi().queryCSV(query);
            if (result == null) {
                throw new InfluxUnavailableException("no answer");
            }
            return result;
        } catch (InfluxException e) {
            throw new InfluxUnavailableException(reason(e), e);
        }
    }

    /** A short, secret-free reason: the kind of failure, never a header or a stack trace. */
    static String reason(InfluxException e) {
        int status = e.status();
        if (status == 401 || status == 403) {
            return "unauthorized (HTTP " + status + "): check the InfluxDB token";
        }
        if (status > 0) {
            return "HTTP " + status + ": " + shorten(e.getMessage());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "unreachable: connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unreachable: unknown host";
            }
            if (t instanceof InterruptedIOException) {
                return "timeout";
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + shorten(root.getMessage());
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 160 ? s : s.substring(0, 160) + "...";
    }

    @Override
    public void close() {
        client.close();
    }

    /** Maps one row to a point; {@code time} is its time in epoch milliseconds. */
    @FunctionalInterface
    public interface PointMapper<T> {
        T map(InfluxRow row, long time);
    }
}
