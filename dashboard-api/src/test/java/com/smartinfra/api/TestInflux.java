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
