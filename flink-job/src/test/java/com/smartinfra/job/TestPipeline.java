package com.smartinfra.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One job test's own world on the shared real servers: fresh metrics and dead-letter topics, a
 * fresh InfluxDB database, a token file, and the job's settings pointing at them (bounded source
 * from the earliest offset, so the job finishes and a test can assert on everything).
 */
final class TestPipeline {
    final String metricsTopic = KafkaTestBroker.uniqueTopic("metrics");
    final String deadLetterTopic = KafkaTestBroker.uniqueTopic("metrics-dlq");
    final String controlTopic = KafkaTestBroker.uniqueTopic("alert-control");
    final String database;
    private final Path tokenFile;

    TestPipeline(String name, Path tmp) throws IOException {
        KafkaTestBroker.createTopics(2, metricsTopic);
        KafkaTestBroker.createTopics(1, deadLetterTopic, controlTopic);
        database = InfluxDbTestServer.createDatabase(name);
        tokenFile = tmp.resolve("influx-token");
        Files.writeString(tokenFile, InfluxDbTestServer.TOKEN);
    }

    /** The Flink MiniCluster of the job tests: one TaskManager with two slots. */
    static MiniClusterExtension miniCluster() {
        return miniCluster(new Configuration());
    }

    /** The same MiniCluster with extra cluster settings (e.g. a metric reporter). */
    static MiniClusterExtension miniCluster(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(configuration)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /** A Kafka record as the simulator sends it: key = host, value = JSON. */
    static Map.Entry<byte[], byte[]> record(Sample s) {
        return new SimpleEntry<>(s.host.getBytes(StandardCharsets.UTF_8), SampleJson.toJson(s));
    }

    void produce(List<Map.Entry<byte[], byte[]>> records) {
        KafkaTestBroker.produce(metricsTopic, records);
    }

    void produceSamples(List<Sample> samples) {
        produce(samples.stream().map(TestPipeline::record).toList());
    }

    /** The job's settings for this world, writing to {@code influxUrl}; {@code extra} wins. */
    JobConfig config(String influxUrl, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--kafka.bootstrap-servers",
                                KafkaTestBroker.bootstrapServers(),
                                "--kafka.topic.metrics",
                                metricsTopic,
                                "--kafka.topic.dead-letter",
                                deadLetterTopic,
                                "--kafka.group-id",
                                "test-" + metricsTopic,
                                "--kafka.starting-offsets",
                                "earliest",
                                "--kafka.bounded",
                                "true",
                                "--kafka.transactional-id-prefix",
                                "test-" + deadLetterTopic,
                                // a bounded job reads the silences topic to its end: it must exist
                                "--alert.control-topic",
                                controlTopic,
                                "--influxdb.url",
                                influxUrl,
                                "--influxdb.bucket",
                                database,
                                "--influxdb.token-file",
                                tokenFile.toString(),
                                "--checkpoint.interval",
                                "1s",
                                "--parallelism",
                                "2"));
        args.addAll(Arrays.asList(extra));
        return JobConfig.fromArgs(args.toArray(String[]::new));
    }

    /** Flink settings under which any failure fails the job (and the test): no restarts. */
    static Configuration noRestarts() {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return flink;
    }

    /** Dead letters of this world: every record of the dead-letter topic, read committed. */
    List<ConsumerRecord<byte[], byte[]>> deadLetters(int expected) {
        return KafkaTestBroker.consume(deadLetterTopic, expected, Duration.ofSeconds(30));
    }

    /** A header of a record as UTF-8 text, or null. */
    static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Builds the real job graph and runs it to the end of the bounded input. */
    static JobExecutionResult run(JobConfig config, Configuration flink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        SmartInfraJob.configureEnvironment(env, config);
        SmartInfraJob.buildPipeline(
                env, config, PipelineSources.kafka(config), PipelineSinks.production(config));
        return env.execute(config.jobName);
    }

    /** Builds the real job graph and submits it; returns at once with the job's client. */
    static JobClient start(JobConfig config, Configuration flink) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        SmartInfraJob.configureEnvironment(env, config);
        SmartInfraJob.buildPipeline(
                env, config, PipelineSources.kafka(config), PipelineSinks.production(config));
        return env.executeAsync(config.jobName);
    }

    /**
     * The one value per host of an InfluxQL aggregate {@code ... GROUP BY host} over this world.
     */
    Map<String, Long> perHost(String influxql) throws IOException {
        JsonNode series =
                new ObjectMapper()
                        .readTree(InfluxDbTestServer.query(database, influxql))
                        .at("/results/0/series");
        Map<String, Long> out = new TreeMap<>();
        for (JsonNode s : series) {
            out.put(s.at("/tags/host").asText(), s.at("/values/0/1").asLong());
        }
        return out;
    }

    /** SHA-256 in lower-case hex, as {@code sha256sum} prints it. */
    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Points of {@code measurement} in this world's database. */
    long countPoints(String measurement, String field) {
        String json =
                InfluxDbTestServer.query(
                        database, "SELECT count(" + field + ") FROM " + measurement);
        Matcher m = Pattern.compile("\\[\\d+,(\\d+)\\]").matcher(json);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
