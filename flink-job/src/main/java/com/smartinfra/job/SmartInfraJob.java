package com.smartinfra.job;

import com.smartinfra.job.alert.AlertDelivery;
import com.smartinfra.job.alert.AlertPipeline;
import com.smartinfra.job.config.JobConfig;
import com.smartinfra.job.detect.AnomaliesConverter;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.DetectionFunction;
import com.smartinfra.job.ingest.DeadLetter;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.job.ingest.IngestRecord;
import com.smartinfra.job.ingest.IngestWatermarks;
import com.smartinfra.job.ingest.SampleDeserializer;
import com.smartinfra.job.ingest.SampleRouter;
import com.smartinfra.job.stats.AnomalyRateStage;
import com.smartinfra.job.stats.HostStatsStage;
import com.smartinfra.job.store.InfluxSink;
import com.smartinfra.job.store.SystemMetricsConverter;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleTimeBounds;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

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
        buildPipeline(env, config);
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
        if (config.parallelism != null) {
            env.setParallelism(config.parallelism);
        }
    }

    /** Builds the job graph; returns the stream of valid samples for later stages. */
    public static DataStream<Sample> buildPipeline(
            StreamExecutionEnvironment env, JobConfig config) {
        // one bad host clock must not make the others' samples late (docs/reliability.md)
        WatermarkStrategy<IngestRecord> watermarks =
                IngestWatermarks.strategy(config.outOfOrderness, config.idleness);

        SingleOutputStreamOperator<Sample> samples =
                env.fromSource(
                                metricsSource(config),
                                watermarks,
                                "Kafka topic " + config.metricsTopic)
                        .uid(UID_SOURCE)
                        .process(new SampleRouter())
                        .name("Validate samples")
                        .uid(UID_VALIDATE);

        samples.getSideOutput(SampleRouter.DEAD_LETTERS)
                .sinkTo(deadLetterSink(config))
                .name("Kafka sink: " + config.deadLetterTopic + " (dead letters)")
                .uid(UID_DEAD_LETTER_SINK);

        samples.sinkTo(
                        InfluxSink.<Sample>builder()
                                .configure(config)
                                .setElementConverter(new SystemMetricsConverter())
                                .build())
                .name("InfluxDB sink: system_metrics")
                .uid(UID_SYSTEM_METRICS_SINK);

        // per-host windowed statistics → host_stats (uids in HostStatsStage)
        HostStatsStage.attach(samples, config);

        if (config.detectEnabled) {
            // one detector per host: rules at once, the isolation forest after warm-up
            SingleOutputStreamOperator<Anomaly> anomalies =
                    samples.keyBy(s -> s.host)
                            .process(new DetectionFunction(config.detector, config.detectStateTtl))
                            .name("Detect anomalies")
                            .uid(UID_DETECTOR);
            anomalies
                    .sinkTo(
                            InfluxSink.<Anomaly>builder()
                                    .configure(config)
                                    .setElementConverter(new AnomaliesConverter())
                                    .build())
                    .name("InfluxDB sink: anomalies")
                    .uid(UID_ANOMALIES_SINK);
            // anomaly rates per host and metric → anomaly_rate (uids in AnomalyRateStage)
            AnomalyRateStage.attach(samples, anomalies, config);
            if (config.alert.enabled) {
                AlertPipeline.attach(
                        samples,
                        anomalies,
                        config.alert,
                        config.kafkaBootstrapServers,
                        config.kafkaBounded,
                        InfluxSink.<AlertDelivery>builder().configure(config));
            }
        }
        return samples;
    }

    static KafkaSource<IngestRecord> metricsSource(JobConfig config) {
        KafkaSourceBuilder<IngestRecord> b =
                KafkaSource.<IngestRecord>builder()
                        .setBootstrapServers(config.kafkaBootstrapServers)
                        .setTopics(config.metricsTopic)
                        .setGroupId(config.kafkaGroupId)
                        .setDeserializer(
                                new SampleDeserializer(
                                        new SampleTimeBounds(config.maxAge, config.maxFutureSkew)))
                        // offsets are committed on checkpoint, for lag monitoring and resume
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .setProperty("partition.discovery.interval.ms", "60000");
        switch (config.startingOffsets) {
            case EARLIEST:
                b.setStartingOffsets(OffsetsInitializer.earliest());
                break;
            case LATEST:
                b.setStartingOffsets(OffsetsInitializer.latest());
                break;
            default:
                b.setStartingOffsets(
                        OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        if (config.kafkaBounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    static KafkaSink<DeadLetter> deadLetterSink(JobConfig config) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.kafkaBootstrapServers)
                .setRecordSerializer(
                        new DeadLetterSerializer(
                                config.deadLetterTopic,
                                config.deadLetterMaxKeyBytes,
                                config.deadLetterMaxValueBytes))
                .setDeliveryGuarantee(
                        config.deadLetterExactlyOnce
                                ? DeliveryGuarantee.EXACTLY_ONCE
                                : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix)
                // within the broker's default transaction.max.timeout.ms (15 min)
                .setProperty("transaction.timeout.ms", "900000")
                .setProperty("enable.idempotence", "true")
                .setProperty("acks", "all")
                // the bound the serializer's cuts are checked against (JobConfig)
                .setProperty(
                        "max.request.size", String.valueOf(DeadLetterSerializer.MAX_REQUEST_SIZE))
                .build();
    }
}
