package com.smartinfra.job;

import com.smartinfra.job.alert.AlertPipeline;
import com.smartinfra.job.ingest.IngestRecord;
import com.smartinfra.job.ingest.SampleDeserializer;
import com.smartinfra.schema.SampleTimeBounds;
import com.smartinfra.schema.SilenceCommand;
import java.util.Objects;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * What the job reads, handed to {@link SmartInfraJob#buildPipeline(
 * org.apache.flink.streaming.api.environment.StreamExecutionEnvironment, JobConfig,
 * PipelineSources, PipelineSinks)}: the deployment passes Kafka ({@link #kafka}), tests may pass
 * bounded collections, benchmarks a generator. The names label the sources in the Flink UI.
 *
 * @param metrics the raw metric records (parsed and validated by the job itself)
 * @param metricsName the metrics source's name in the graph
 * @param silences the alert silence commands; a bounded source lets a bounded job finish, an
 *     unbounded one gets a watermark that never holds event time back
 * @param silencesName the silences source's name in the graph
 */
public record PipelineSources(
        Source<IngestRecord, ?, ?> metrics,
        String metricsName,
        Source<SilenceCommand, ?, ?> silences,
        String silencesName) {

    public PipelineSources {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(metricsName, "metricsName");
        Objects.requireNonNull(silences, "silences");
        Objects.requireNonNull(silencesName, "silencesName");
    }

    /** The deployment's sources: the metrics topic and the alert control topic. */
    public static PipelineSources kafka(JobConfig config) {
        return new PipelineSources(
                metricsTopic(config),
                "Kafka topic " + config.metricsTopic,
                AlertPipeline.controlSource(
                        config.alert, config.kafkaBootstrapServers, config.kafkaBounded),
                "Kafka topic " + config.alert.controlTopic + " (silences)");
    }

    static KafkaSource<IngestRecord> metricsTopic(JobConfig config) {
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
}
