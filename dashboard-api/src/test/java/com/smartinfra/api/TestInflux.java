package com.smartinfra.api;

import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Line-protocol test data (written with {@link InfluxDbTestServer#write}) and APIs over it. */
final class TestInflux {
    private TestInflux() {}

    static String sample(Sample s) {
        return InfluxSchema.appendSystemMetrics(new StringBuilder(), s).toString();
    }

    static String anomaly(
            String host,
            long ts,
            double cpu,
            double memory,
            double disk,
            String reason,
            double score,
            double threshold,
            int modelVersion,
            String explanation) {
        return InfluxSchema.appendAnomaly(
                        new StringBuilder(),
                        host,
                        ts,
                        cpu,
                        memory,
                        disk,
                        reason,
                        score,
                        threshold,
                        modelVersion,
                        explanation)
                .toString();
    }

    /** An {@code anomaly_rate} point; {@code metric} and {@code rule} are cpu, memory, disk. */
    static String rate(
            String host,
            String window,
            long start,
            long samples,
            long[] metric,
            long[] rule,
            long model,
            Boolean learning,
            long learningLeftMs,
            long learningSamplesLeft) {
        long rules = rule[0] + rule[1] + rule[2];
        return InfluxSchema.appendAnomalyRate(
                        new StringBuilder(),
                        host,
                        window,
                        start,
                        samples,
                        rules + model,
                        rules,
                        model,
                        metric,
                        rule,
                        learning,
                        learningLeftMs,
                        learningSamplesLeft)
                .toString();
    }

    /** An {@code alerts} point of a notification: {@code kind} firing, repeat or resolved. */
    static String alert(
            String host,
            String cause,
            long time,
            long since,
            int sequence,
            String kind,
            String severity,
            String status,
            boolean silenced,
            boolean flapping,
            String explanation) {
        return InfluxSchema.appendAlert(
                        new StringBuilder(),
                        host,
                        cause,
                        time,
                        host + "|" + cause + "|" + since + "|" + sequence,
                        host + "#" + sequence,
                        kind,
                        severity,
                        status,
                        "sent".equals(status),
                        silenced,
                        flapping,
                        1,
                        since,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        explanation)
                .toString();
    }

    /** Settings for an API on a free port over {@code db}, plus {@code more} key/value pairs. */
    static Map<String, String> settings(String db, String... more) {
        Map<String, String> m = new HashMap<>();
        m.put(ApiConfig.API_PORT, "0");
        m.put(ApiConfig.INFLUXDB_URL, InfluxDbTestServer.url());
        m.put(ApiConfig.INFLUXDB_TOKEN, InfluxDbTestServer.TOKEN);
        m.put(ApiConfig.INFLUXDB_ORG, InfluxDbTestServer.ORG);
        m.put(ApiConfig.INFLUXDB_BUCKET, db);
        for (int i = 0; i < more.length; i += 2) {
            m.put(more[i], more[i + 1]);
        }
        return m;
    }

    static DashboardApi start(String db, long nowMs, String... more) {
        return DashboardApi.start(
                ApiConfig.from(settings(db, more)),
                Clock.fixed(Instant.ofEpochMilli(nowMs), ZoneOffset.UTC));
    }
}
