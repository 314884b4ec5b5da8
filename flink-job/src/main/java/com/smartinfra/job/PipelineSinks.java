package com.smartinfra.job;

import com.smartinfra.job.alert.AlertDelivery;
import com.smartinfra.job.alert.AlertsConverter;
import com.smartinfra.job.detect.AnomaliesConverter;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.ingest.DeadLetter;
import com.smartinfra.job.ingest.DeadLetterSerializer;
import com.smartinfra.job.stats.AnomalyRate;
import com.smartinfra.job.stats.AnomalyRateConverter;
import com.smartinfra.job.stats.HostStats;
import com.smartinfra.job.stats.HostStatsConverter;
import com.smartinfra.job.store.InfluxSink;
import com.smartinfra.job.store.LineProtocolConverter;
import com.smartinfra.job.store.SystemMetricsConverter;
import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the job writes, handed to {@link SmartInfraJob#buildPipeline(
 * org.apache.flink.streaming.api.environment.StreamExecutionEnvironment, JobConfig,
 * PipelineSources, PipelineSinks)}: the deployment passes Kafka and InfluxDB ({@link #production}),
 * benchmarks {@link #discarding()}. The graph's operator names and uids do not depend on the sinks,
 * so a savepoint of one graph restores into the other.
 *
 * @param deadLetters records that failed validation, with their reason
 * @param systemMetrics the valid samples ({@code system_metrics})
 * @param hostStats the windowed statistics ({@code host_stats})
 * @param anomalies the detector's anomalies ({@code anomalies})
 * @param anomalyRates the anomaly rates per host and metric ({@code anomaly_rate})
 * @param alerts the Slack delivery reports ({@code alerts})
 * @param slackJournalServers the Kafka of the Slack delivery journal, which the delivery operator
 *     writes and reads back after a restore so that no message goes out twice (null: no journal)
 */
public record PipelineSinks(
        Sink<DeadLetter> deadLetters,
        Sink<Sample> systemMetrics,
        Sink<HostStats> hostStats,
        Sink<Anomaly> anomalies,
        Sink<AnomalyRate> anomalyRates,
        Sink<AlertDelivery> alerts,
        String slackJournalServers) {

    public PipelineSinks {
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(systemMetrics, "systemMetrics");
        Objects.requireNonNull(hostStats, "hostStats");
        Objects.requireNonNull(anomalies, "anomalies");
        Objects.requireNonNull(anomalyRates, "anomalyRates");
        Objects.requireNonNull(alerts, "alerts");
    }

    /** The deployment's sinks: dead letters to Kafka, everything else to InfluxDB. */
    public static PipelineSinks production(JobConfig config) {
        return new PipelineSinks(
                deadLetterTopic(config),
                influx(config, new SystemMetricsConverter()),
                influx(config, new HostStatsConverter()),
                // anomalies are few: written sooner than the bulk
                influx(config, new AnomaliesConverter(), config.influxAnomaliesFlushInterval),
                influx(config, new AnomalyRateConverter()),
                influx(config, new AlertsConverter()),
                config.kafkaBootstrapServers);
    }

    /** Sinks that drop everything (benchmarks: the job's work without the servers'). */
    public static PipelineSinks discarding() {
        return new PipelineSinks(
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                null);
    }

    /** One InfluxDB measurement, with the connection and batching of the job's configuration. */
    public static <T> InfluxSink<T> influx(JobConfig config, LineProtocolConverter<T> converter) {
        return influx(config, converter, config.influxFlushInterval);
    }

    /** The same, flushed at least every {@code flushInterval}. */
    static <T> InfluxSink<T> influx(
            JobConfig config, LineProtocolConverter<T> converter, Duration flushInterval) {
        return InfluxSink.<T>builder()
                .configure(config)
                .setMaxTimeInBuffer(flushInterval)
                .setElementConverter(converter)
                .build();
    }

    static KafkaSink<DeadLetter> deadLetterTopic(JobConfig config) {
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
