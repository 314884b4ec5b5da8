package com.smartinfra.job.store;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.domain.WritePrecision;
import com.smartinfra.job.config.Secrets;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * Where and how to write: serializable settings only. The token is not among them; it is read from
 * the environment or a file when a client is opened on the TaskManager.
 */
public final class InfluxConnection implements Serializable {
    private static final long serialVersionUID = 1L;

    final String url;
    final String org;
    final String bucket;
    final String tokenEnv;
    final String tokenFile;
    final Duration requestTimeout;

    public InfluxConnection(
            String url,
            String org,
            String bucket,
            String tokenEnv,
            String tokenFile,
            Duration requestTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.org = Objects.requireNonNull(org, "org");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.tokenEnv = Objects.requireNonNull(tokenEnv, "tokenEnv");
        this.tokenFile = tokenFile;
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** Opens a client; fails with a sentence naming the setting when the token is missing. */
    InfluxDBClient open() {
        String token = Secrets.read(tokenEnv, tokenFile, "influxdb.token-file");
        long timeoutMs = requestTimeout.toMillis();
        OkHttpClient.Builder http =
                new OkHttpClient.Builder()
                        .connectTimeout(Math.min(timeoutMs, 10_000), TimeUnit.MILLISECONDS)
                        .readTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        .writeTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                        // retries are ours, with backoff; okhttp's silent retry would hide them
                        .retryOnConnectionFailure(false);
        InfluxDBClient client =
                InfluxDBClientFactory.create(
                        InfluxDBClientOptions.builder()
                                .url(url)
                                .authenticateToken(token.toCharArray())
                                .org(org)
                                .bucket(bucket)
                                .precision(WritePrecision.MS)
                                .okHttpClient(http)
                                .build());
        client.enableGzip();
        return client;
    }

    @Override
    public String toString() {
        return "InfluxConnection{" + url + ", org=" + org + ", bucket=" + bucket + "}";
    }
}
