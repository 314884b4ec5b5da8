package com.smartinfra.job;

import com.smartinfra.job.alert.AlertPipeline;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.DetectionFunction;
import com.smartinfra.job.ingest.IngestRecord;
import com.smartinfra.job.ingest.IngestWatermarks;
import com.smartinfra.job.ingest.SampleRouter;
import com.smartinfra.job.stats.AnomalyRateStage;
import com.smartinfra.job.stats.HostStatsStage;
import com.smartinfra.schema.Sample;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Smart Infra Monitor's Flink job: Kafka samples → validation (dead letters to Kafka) → InfluxDB,
 * windowed statistics, per-host anomaly detection and Slack alerting.
 *
 * <p>Every operator has a stable {@code uid()}: savepoints taken from one version restore into the
 * next, and rescaling keeps the state. Never change a uid; add new operators with new ones.
 */
public final class SmartInfraJob {
    public static final String UID_SOURCE = "kafka-metrics-source";
    public static final String UID_VALIDATE = "validate-samples";
    public static final String UID_DEAD_LETTER_SINK = "kafka-dead-letter-sink";
    public static final String UID_SYSTEM_METRICS_SINK = "influxdb-system-metrics-sink";
    public static final String UID_DETECTOR = "detector";
    public static final String UID_ANOMALIES_SINK = "influxdb-anomalies-sink";

    private SmartInfraJob() {}

    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configureEnvironment(env, config);
        buildPipeline(env, config, PipelineSources.kafka(config), PipelineSinks.production(config));
        env.execute(config.jobName);
    }

    /** Checkpointing (on by default) and parallelism. */
    public static void configureEnvironment(StreamExecutionEnvironment env, JobConfig config) {
        env.enableCheckpointing(
                config.checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        CheckpointConfig cp = env.getCheckpointConfig();
        cp.setCheckpointTimeout(config.checkpointTimeout.toMillis());
        cp.setMinPauseBetweenCheckpoints(Math.min(config.checkpointInterval.toMillis() / 2, 5_000));
        cp.setExternalizedCheckpointRetention(
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // compressed keyed state is also read back in blocks on restore (docs/benchmarks.md)
        env.getConfig().setUseSnapshotCompression(config.snapshotCompression);
        if (config.parallelism != null) {
            env.setParallelism(config.parallelism);
        }
    }

    /** The deployment's graph: Kafka in, Kafka (dead letters) and InfluxDB out. */
    public static DataStream<Sample> buildPipeline(
            StreamExecutionEnvironment env, JobConfig config) {
        return buildPipeline(
                env, config, PipelineSources.kafka(config), PipelineSinks.production(config));
    }

    /**
     * Wires the job's graph between the given sources and sinks — the one graph the deployment, the
     * tests and the benchmarks run. Returns the stream of valid samples.
     */
    public static DataStream<Sample> buildPipeline(
            StreamExecutionEnvironment env,
            JobConfig config,
            PipelineSources sources,
            PipelineSinks sinks) {
        // one bad host clock must not make the others' samples late (docs/reliability.md)
        WatermarkStrategy<IngestRecord> watermarks =
                IngestWatermarks.strategy(config.outOfOrderness, config.idleness);

        SingleOutputStreamOperator<Sample> samples =
                env.fromSource(sources.metrics(), watermarks, sources.metricsName())
                        .uid(UID_SOURCE)
                        .process(new SampleRouter())
                        .name("Validate samples")
                        .uid(UID_VALIDATE);

        samples.getSideOutput(SampleRouter.DEAD_LETTERS)
                .sinkTo(sinks.deadLetters())
                .name("Kafka sink: " + config.deadLetterTopic + " (dead letters)")
                .uid(UID_DEAD_LETTER_SINK);

        samples.sinkTo(sinks.systemMetrics())
                .name("InfluxDB sink: system_metrics")
                .uid(UID_SYSTEM_METRICS_SINK);

        // per-host windowed statistics → host_stats (uids in HostStatsStage)
        HostStatsStage.attach(samples, config, sinks.hostStats());

        if (config.detectEnabled) {
            // one detector per host: rules at once, the isolation forest after warm-up
            SingleOutputStreamOperator<Anomaly> anomalies =
                    samples.keyBy(s -> s.host)
                            .process(new DetectionFunction(config.detector, config.detectStateTtl))
                            .name("Detect anomalies")
                            .uid(UID_DETECTOR);
            anomalies
                    .sinkTo(sinks.anomalies())
                    .name("InfluxDB sink: anomalies")
                    .uid(UID_ANOMALIES_SINK);
            // anomaly rates per host and metric → anomaly_rate (uids in AnomalyRateStage)
            AnomalyRateStage.attach(samples, anomalies, config, sinks.anomalyRates());
            if (config.alert.enabled) {
                AlertPipeline.attach(
                        samples,
                        anomalies,
                        sources.silences(),
                        sources.silencesName(),
                        config.alert,
                        sinks.alerts(),
                        sinks.slackJournalServers());
            }
        }
        return samples;
    }
}
