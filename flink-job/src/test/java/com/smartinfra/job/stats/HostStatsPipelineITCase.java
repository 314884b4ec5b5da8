package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.job.JobConfig;
import com.smartinfra.job.PipelineSinks;
import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statistics stage as the job wires it ({@link HostStatsStage#attach}: 1-minute and 2-minute
 * windows, 30 s allowed lateness, InfluxDB sink, late-sample sinks) on a Flink MiniCluster, writing
 * to a real InfluxDB. A watermark after every sample makes lateness deterministic.
 */
class HostStatsPipelineITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2025-06-24T16:42:00Z: a whole minute, and a whole 2 minutes. */
    private static final long T0 = 1_750_783_320_000L;

    @TempDir Path tmp;

    /** The watermark follows every sample: the highest timestamp seen so far. */
    private static final class EveryEvent implements WatermarkGenerator<Sample> {
        private long max = Long.MIN_VALUE;

        @Override
        public void onEvent(Sample s, long ts, WatermarkOutput out) {
            max = Math.max(max, ts);
            out.emitWatermark(new Watermark(max));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {}
    }

    @Test
    void windowsLandInInfluxDbAndTooLateSamplesAreCounted() throws Exception {
        String db = InfluxDbTestServer.createDatabase("stats");
        List<Sample> input = new ArrayList<>();
        input.add(new Sample("web-01", T0, 10, 50, 70));
        input.add(new Sample("db-01", T0 + 5_000, 60, 60, 60));
        input.add(new Sample("web-01", T0 + 20_000, 20, 50, 70));
        input.add(new Sample("web-01", T0 + 40_000, 30, 50, 70));
        // watermark T0+65s: web-01's and db-01's first 1m windows fire
        input.add(new Sample("web-01", T0 + 65_000, 40, 55, 71));
        // late, within the 30 s allowed lateness: the first 1m window fires again with 4 values
        input.add(new Sample("web-01", T0 + 50_000, 90, 50, 70));
        // watermark T0+95s: the first 1m window is purged
        input.add(new Sample("web-01", T0 + 95_000, 60, 65, 72));
        // too late for the 1m window (closed), on time for the 2m window [T0, T0+120s)
        input.add(new Sample("web-01", T0 + 30_000, 99, 50, 70));
        input.add(new Sample("db-01", T0 + 2_000, 1, 1, 1));

        Path token = tmp.resolve("token");
        Files.writeString(token, InfluxDbTestServer.TOKEN);
        JobConfig config =
                JobConfig.fromArgs(
                        "--kafka.bootstrap-servers", "unused:9092",
                        "--influxdb.url", InfluxDbTestServer.url(),
                        "--influxdb.bucket", db,
                        "--influxdb.token-file", token.toString(),
                        "--stats.window", "1min",
                        "--stats.long-window", "2min",
                        "--stats.allowed-lateness", "30s");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<Sample> samples =
                env.fromData(input)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Sample>forGenerator(ctx -> new EveryEvent())
                                        .withTimestampAssigner((s, ts) -> s.timestamp));
        HostStatsStage.attach(samples, config, PipelineSinks.production(config).hostStats());
        JobClient job = env.executeAsync("host-stats");
        job.getJobExecutionResult().get();

        Map<String, JsonNode> points = hostStats(db);
        assertThat(points.keySet())
                .containsExactly(
                        "db-01 1m @0",
                        "db-01 2m @0",
                        "web-01 1m @0",
                        "web-01 1m @60000",
                        "web-01 2m @0");

        // 10, 20, 30 on time + 90 within the lateness; the 99 came too late for it
        JsonNode w = points.get("web-01 1m @0");
        assertThat(w.get("count").asLong()).isEqualTo(4);
        assertThat(w.get("cpu_mean").asDouble()).isEqualTo(37.5);
        assertThat(w.get("cpu_min").asDouble()).isEqualTo(10.0);
        assertThat(w.get("cpu_max").asDouble()).isEqualTo(90.0);
        assertThat(w.get("cpu_p95").asDouble()).isEqualTo(90.0);
        assertThat(w.get("cpu_stddev").asDouble())
                .isCloseTo(
                        Math.sqrt((27.5 * 27.5 + 17.5 * 17.5 + 7.5 * 7.5 + 52.5 * 52.5) / 4),
                        org.assertj.core.data.Offset.offset(1e-9));
        assertThat(w.get("memory_mean").asDouble()).isEqualTo(50.0);
        assertThat(w.get("memory_stddev").asDouble()).isEqualTo(0.0);
        assertThat(w.get("disk_p95").asDouble()).isEqualTo(70.0);

        JsonNode next = points.get("web-01 1m @60000");
        assertThat(next.get("count").asLong()).isEqualTo(2);
        assertThat(next.get("cpu_mean").asDouble()).isEqualTo(50.0);
        assertThat(next.get("memory_min").asDouble()).isEqualTo(55.0);
        assertThat(next.get("memory_max").asDouble()).isEqualTo(65.0);

        // the 2m window took every web-01 sample, the 99 included
        JsonNode longWindow = points.get("web-01 2m @0");
        assertThat(longWindow.get("count").asLong()).isEqualTo(7);
        assertThat(longWindow.get("cpu_max").asDouble()).isEqualTo(99.0);
        assertThat(longWindow.get("cpu_p95").asDouble()).isEqualTo(99.0);

        // db-01's second sample came after the watermark passed T0+95s: too late for 1m only
        assertThat(points.get("db-01 1m @0").get("count").asLong()).isEqualTo(1);
        assertThat(points.get("db-01 2m @0").get("count").asLong()).isEqualTo(2);
        assertThat(points.get("db-01 2m @0").get("cpu_min").asDouble()).isEqualTo(1.0);

        assertThat(lateCount(job.getJobID(), "1m")).isEqualTo(2);
        assertThat(lateCount(job.getJobID(), "2m")).isEqualTo(0);
    }

    /** Points of host_stats by "host window @offset-from-T0", each as column -> value. */
    private static Map<String, JsonNode> hostStats(String db) throws Exception {
        JsonNode root =
                JSON.readTree(InfluxDbTestServer.query(db, "SELECT * FROM host_stats"))
                        .path("results")
                        .path(0)
                        .path("series")
                        .path(0);
        Map<String, JsonNode> out = new TreeMap<>();
        List<String> columns = new ArrayList<>();
        root.path("columns").forEach(c -> columns.add(c.asText()));
        for (JsonNode row : root.path("values")) {
            Map<String, JsonNode> point = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                point.put(columns.get(i), row.get(i));
            }
            String key =
                    point.get("host").asText()
                            + " "
                            + point.get("window").asText()
                            + " @"
                            + (point.get("time").asLong() - T0);
            out.put(key, JSON.valueToTree(point));
        }
        return out;
    }

    private static long lateCount(JobID job, String window) {
        Map<String, Metric> found = METRICS.findMetrics(job, LateSampleSink.METRIC);
        long total = 0;
        boolean seen = false;
        for (Map.Entry<String, Metric> e : found.entrySet()) {
            if (e.getKey().contains("too late for " + window + " statistics")) {
                total += ((Counter) e.getValue()).getCount();
                seen = true;
            }
        }
        assertThat(seen).as("metric for the %s window among %s", window, found.keySet()).isTrue();
        return total;
    }
}
