package com.smartinfra.api.influx;

import com.influxdb.LogLevel;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.InfluxQLQueryResult;
import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.metrics.MetricsQuery;
import com.smartinfra.schema.HostName;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * Reads raw samples from InfluxDB with InfluxQL (never Flux), through influxdb-client-java's
 * InfluxQL API over CSV, so it works against InfluxDB 2.x's v1-compatible {@code /query} and a
 * plain InfluxDB 1.x alike.
 *
 * <p>What the CSV form means for us: every value is a string and a missing field is an empty
 * string; a statement without rows (or an unknown database) answers nothing at all, which reads as
 * "no samples". The JSON form is not used because the client's JSON reader fails on nulls, which
 * {@code SELECT *} produces whenever one host carries an optional metric the others lack.
 */
public final class InfluxMetricsReader implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private static final String TIME = "time";

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

    public InfluxMetricsReader(ApiConfig config) {
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

    /** The samples of the query's window, oldest first (the newest {@code limit} of them). */
    public List<Sample> read(MetricsQuery query) throws InfluxUnavailableException {
        InfluxQLQueryResult result = run(influxQl(query));
        List<Sample> samples = toSamples(result);
        // newest-first from InfluxDB so LIMIT keeps the latest; the dashboard wants time order
        samples.sort(
                Comparator.comparingLong((Sample s) -> s.timestamp)
                        .thenComparing(
                                s -> s.host, Comparator.nullsFirst(Comparator.naturalOrder())));
        return samples;
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

    /**
     * The InfluxQL of a query. Nothing from a request reaches it as text: times are numbers and the
     * host passed {@link HostName#isValid}, whose charset needs no quoting.
     */
    static String influxQl(MetricsQuery q) {
        StringBuilder sb = new StringBuilder(200);
        sb.append("SELECT * FROM \"").append(InfluxSchema.SYSTEM_METRICS).append('"');
        sb.append(" WHERE time >= ").append(q.sinceMs()).append("ms");
        sb.append(" AND time < ").append(q.untilMs()).append("ms");
        if (q.host() != null) {
            if (!HostName.isValid(q.host())) {
                throw new IllegalArgumentException("unvalidated host name");
            }
            sb.append(" AND \"").append(InfluxSchema.TAG_HOST).append("\" = '");
            sb.append(q.host()).append('\'');
        }
        sb.append(" ORDER BY time DESC LIMIT ").append(q.limit());
        return sb.toString();
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

    /** Maps CSV rows to samples: numeric columns become metrics, {@code injected} the label. */
    static List<Sample> toSamples(InfluxQLQueryResult result) {
        List<Sample> samples = new ArrayList<>();
        for (InfluxQLQueryResult.Result r : result.getResults()) {
            for (InfluxQLQueryResult.Series series : r.getSeries()) {
                Map<String, Integer> columns = series.getColumns();
                String[] names = new String[columns.size()];
                columns.forEach((name, index) -> names[index] = name);
                for (InfluxQLQueryResult.Series.Record record : series.getValues()) {
                    Sample s = toSample(names, record.getValues());
                    if (s != null) {
                        samples.add(s);
                    }
                }
            }
        }
        return samples;
    }

    private static Sample toSample(String[] names, Object[] values) {
        Sample s = new Sample(null, 0, Double.NaN, Double.NaN, Double.NaN);
        boolean hasTime = false;
        for (int i = 0; i < names.length && i < values.length; i++) {
            String name = names[i];
            String value = values[i] == null ? "" : values[i].toString();
            if (value.isEmpty()) {
                continue; // the field is absent on this point
            }
            switch (name) {
                case TIME:
                    s.timestamp = Long.parseLong(value);
                    hasTime = true;
                    break;
                case InfluxSchema.TAG_HOST:
                    s.host = value;
                    break;
                case InfluxSchema.FIELD_INJECTED:
                    s.injected = value;
                    break;
                case SampleJson.CPU:
                    s.cpu = number(value);
                    break;
                case SampleJson.MEMORY:
                    s.memory = number(value);
                    break;
                case SampleJson.DISK:
                    s.disk = number(value);
                    break;
                default:
                    double d = number(value);
                    if (!Double.isNaN(d)) {
                        s.withExtra(name, d);
                    }
            }
        }
        return hasTime ? s : null;
    }

    /** A numeric field's value; NaN for anything else (booleans, strings a writer slipped in). */
    private static double number(String value) {
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
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
}
