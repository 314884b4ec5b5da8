package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.job.JobConfig;
import com.smartinfra.job.PipelineSinks;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.DetectionFunction;
import com.smartinfra.job.detect.HostDetector;
import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anomaly-rate stage as the job wires it ({@link AnomalyRateStage#attach} after the job's
 * {@link DetectionFunction}) on a Flink MiniCluster, writing to a real InfluxDB. What it must write
 * is worked out independently: the same samples through a real {@link HostDetector} per host, its
 * anomalies counted per minute, quarter hour and day by a plain loop, and the learning status read
 * from the detector's model version at the end of each minute.
 */
class AnomalyRatePipelineITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2025-06-24T16:30:00Z: a whole quarter hour. */
    private static final long T0 = 1_750_782_600_000L;

    private static final long MINUTE = 60_000L;
    private static final long QUARTER = 15 * MINUTE;
    private static final long DAY = 24 * 60 * MINUTE;

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

    /** A host's model alerts page this long after its first sample: it learns until then. */
    private static final java.time.Duration LEARNING_PERIOD = java.time.Duration.ofMinutes(20);

    @Test
    void writesTheDetectorsAnomalyRatesPerHostMetricAndWindowWithTheLearningStatus()
            throws Exception {
        // 40 minutes, a sample every 10 s; web-01 breaches its cpu and disk rules now and then
        // (also during its warm-up), db-01 joins 36 minutes in and is still learning at the end
        List<Sample> input = new ArrayList<>();
        Random random = new Random(11);
        for (long t = T0; t < T0 + 40 * MINUTE; t += 10_000) {
            long i = (t - T0) / 10_000;
            boolean cpuBreach = i % 37 == 5;
            boolean diskBreach = i % 53 == 20;
            input.add(
                    new Sample(
                            "web-01",
                            t,
                            cpuBreach ? 97 : 30 + 3 * random.nextGaussian(),
                            55 + 2 * random.nextGaussian(),
                            diskBreach ? 96 : 40 + 0.2 * random.nextGaussian()));
            if (t >= T0 + 36 * MINUTE + 5_000) {
                input.add(
                        new Sample(
                                "db-01",
                                t + 5_000,
                                20 + 2 * random.nextGaussian(),
                                60 + random.nextGaussian(),
                                70));
            }
        }

        String db = InfluxDbTestServer.createDatabase("rates");
        Path token = tmp.resolve("token");
        Files.writeString(token, InfluxDbTestServer.TOKEN);
        JobConfig config =
                JobConfig.fromArgs(
                        "--kafka.bootstrap-servers",
                        "unused:9092",
                        "--influxdb.url",
                        InfluxDbTestServer.url(),
                        "--influxdb.bucket",
                        db,
                        "--influxdb.token-file",
                        token.toString(),
                        "--stats.allowed-lateness",
                        "30s",
                        "--detect.warm-up",
                        "5min",
                        "--alert.model.learning-period",
                        LEARNING_PERIOD.toMinutes() + "min");

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<Sample> samples =
                env.fromData(input)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Sample>forGenerator(ctx -> new EveryEvent())
                                        .withTimestampAssigner((s, ts) -> s.timestamp));
        DataStream<Anomaly> anomalies =
                samples.keyBy(s -> s.host)
                        .process(new DetectionFunction(config.detector, config.detectStateTtl));
        AnomalyRateStage.attach(
                samples, anomalies, config, PipelineSinks.production(config).anomalyRates());
        env.execute("anomaly-rate");

        Map<String, Expected> expected = expected(input, config);
        Map<String, JsonNode> written = points(db);
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        long anomaliesSeen = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            JsonNode p = written.get(e.getKey());
            Expected x = e.getValue();
            String at = e.getKey();
            assertThat(p.get("samples").asLong()).as(at).isEqualTo(x.counts.samples);
            assertThat(p.get("anomalies").asLong()).as(at).isEqualTo(x.counts.anomalies);
            assertThat(p.get("rule_anomalies").asLong()).as(at).isEqualTo(x.counts.ruleAnomalies);
            assertThat(p.get("model_anomalies").asLong()).as(at).isEqualTo(x.counts.modelAnomalies);
            String[] metrics = {"cpu", "memory", "disk"};
            for (int m = 0; m < 3; m++) {
                assertThat(p.get(metrics[m] + "_anomalies").asLong())
                        .as(at)
                        .isEqualTo(x.counts.metricAnomalies[m]);
                assertThat(p.get(metrics[m] + "_rule_anomalies").asLong())
                        .as(at)
                        .isEqualTo(x.counts.metricRuleAnomalies[m]);
                if (x.counts.samples > 0) {
                    assertThat(p.get(metrics[m] + "_rate").asDouble())
                            .as(at)
                            .isEqualTo((double) x.counts.metricAnomalies[m] / x.counts.samples);
                }
            }
            if (x.counts.samples > 0) {
                assertThat(p.get("rate").asDouble())
                        .as(at)
                        .isEqualTo((double) x.counts.anomalies / x.counts.samples);
            }
            if (x.learning == null) {
                assertThat(p.get("learning").isNull()).as(at).isTrue();
            } else {
                assertThat(p.get("learning").asBoolean()).as(at).isEqualTo(x.learning);
            }
            if (at.contains(" 1m ")) {
                anomaliesSeen += x.counts.anomalies;
            }
        }
        // the input did what it was meant to: rule breaches of two metrics, a host that learned
        // and one that still learns
        assertThat(anomaliesSeen).isGreaterThanOrEqualTo(10);
        assertThat(written.get("web-01 1m @0").get("learning").asBoolean()).isTrue();
        // the model exists after the 5-minute warm-up, but it pages only after the 20 minutes
        // of alert.model.learning-period: the tile says learning until then
        assertThat(written.get("web-01 1m @" + 10 * MINUTE).get("learning").asBoolean()).isTrue();
        assertThat(written.get("web-01 1m @" + 10 * MINUTE).get("learning_left_ms").asLong())
                .isEqualTo(LEARNING_PERIOD.toMillis() - (10 * MINUTE + 50_000));
        assertThat(written.get("web-01 1m @" + 39 * MINUTE).get("learning").asBoolean()).isFalse();
        JsonNode dbLast = written.get("db-01 1m @" + 39 * MINUTE);
        assertThat(dbLast.get("learning").asBoolean()).isTrue();
        // db-01's 23 samples from 36:15 to 39:55, 10 s apart: its 32 clean samples are 9 samples
        // (90 s) away, the 20 minutes of the alerts' learning period 980 s
        assertThat(dbLast.get("learning_samples_left").asLong()).isEqualTo(9);
        assertThat(dbLast.get("learning_left_ms").asLong()).isEqualTo(980_000);
        JsonNode day = written.get("web-01 24h @" + (3 * QUARTER - DAY));
        assertThat(day.get("samples").asLong()).isEqualTo(240);
    }

    /** One expected point: counts, and the learning status on 1-minute rows (null elsewhere). */
    private record Expected(AnomalyCounts counts, Boolean learning) {}

    /** The points the stage must write, by "host window @offset-from-T0". */
    private static Map<String, Expected> expected(List<Sample> input, JobConfig config) {
        Map<String, HostDetector> detectors = new HashMap<>();
        Map<String, AnomalyCounts> minutes = new TreeMap<>();
        Map<String, AnomalyCounts> quarters = new TreeMap<>();
        Map<String, Boolean> learningAtMinuteEnd = new HashMap<>();
        Map<String, Long> firstSample = new HashMap<>();
        for (Sample s : input) {
            long first = firstSample.computeIfAbsent(s.host, h -> s.timestamp);
            HostDetector d =
                    detectors.computeIfAbsent(s.host, h -> new HostDetector(h, config.detector));
            Anomaly a = d.process(s);
            long minute = Math.floorDiv(s.timestamp, MINUTE) * MINUTE;
            long quarter = Math.floorDiv(s.timestamp, QUARTER) * QUARTER;
            for (AnomalyCounts c :
                    List.of(
                            minutes.computeIfAbsent(
                                    key(s.host, "1m", minute), k -> new AnomalyCounts()),
                            quarters.computeIfAbsent(
                                    key(s.host, "15m", quarter), k -> new AnomalyCounts()))) {
                c.add(RateEvent.of(s));
                if (a != null) {
                    c.add(RateEvent.of(a));
                }
            }
            // samples of a host come in time order: the last one of a minute decides; learning
            // until the detector has a model and the model may page (the alert lifecycle's rule)
            learningAtMinuteEnd.put(
                    key(s.host, "1m", minute),
                    d.modelVersion() == 0 || s.timestamp - first < LEARNING_PERIOD.toMillis());
        }
        Map<String, Expected> out = new TreeMap<>();
        minutes.forEach((k, c) -> out.put(k, new Expected(c, learningAtMinuteEnd.get(k))));
        quarters.forEach((k, c) -> out.put(k, new Expected(c, null)));
        // one 24h point per quarter end: everything of the host up to that end (< one day here)
        quarters.forEach(
                (k, c) -> {
                    String host = k.substring(0, k.indexOf(' '));
                    long start = Long.parseLong(k.substring(k.indexOf('@') + 1)) + T0;
                    long end = start + QUARTER;
                    AnomalyCounts day = new AnomalyCounts();
                    quarters.forEach(
                            (k2, c2) -> {
                                long s2 = Long.parseLong(k2.substring(k2.indexOf('@') + 1)) + T0;
                                if (k2.startsWith(host + " ") && s2 < end) {
                                    day.merge(c2);
                                }
                            });
                    out.put(key(host, "24h", end - DAY), new Expected(day, null));
                });
        return out;
    }

    private static String key(String host, String window, long start) {
        return host + " " + window + " @" + (start - T0);
    }

    /** Points of anomaly_rate by "host window @offset-from-T0", each as column -> value. */
    private static Map<String, JsonNode> points(String db) throws Exception {
        JsonNode root =
                JSON.readTree(InfluxDbTestServer.query(db, "SELECT * FROM anomaly_rate"))
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
            out.put(
                    key(
                            point.get("host").asText(),
                            point.get("window").asText(),
                            point.get("time").asLong()),
                    JSON.valueToTree(point));
        }
        return out;
    }
}
