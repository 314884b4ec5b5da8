package com.smartinfra.job.alert;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SilenceCommand;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires alerting into the job: samples and anomalies → per-host alert lifecycle (with the silences
 * of the control topic broadcast to it) → Slack delivery from a checkpointed outbox → InfluxDB
 * measurement {@code alerts}. Every operator has a stable uid; never change one.
 *
 * <pre>{@code
 * AlertPipeline.attach(samples, anomalies,
 *         AlertPipeline.controlSource(config.alert, bootstrapServers, bounded), "silences",
 *         config.alert, alertsSink, bootstrapServers);
 * }</pre>
 */
public final class AlertPipeline {
    public static final String UID_SAMPLE_SIGNALS = "alert-sample-signals";
    public static final String UID_ANOMALY_SIGNALS = "alert-anomaly-signals";
    public static final String UID_CONTROL_SOURCE = "silence-control-source";
    public static final String UID_CONTROL_WATERMARKS = "silence-control-watermarks";
    public static final String UID_LIFECYCLE = "alert-lifecycle";
    public static final String UID_FLEET = "alert-fleet-incidents";
    public static final String UID_SLACK = "slack-delivery";
    public static final String UID_ALERTS_SINK = "influxdb-alerts-sink";

    private AlertPipeline() {}

    /**
     * Attaches alerting with silences read from {@code control} (the job's: the Kafka control topic
     * {@code alert.control-topic}, {@link #controlSource}).
     *
     * @param samples the valid samples, with event-time timestamps and watermarks
     * @param anomalies the detector's anomalies (timestamps and watermarks follow the samples)
     * @param control the silence commands; a bounded source lets a job on bounded input finish
     * @param controlName the control source's name in the graph
     * @param alertsSink where the delivery reports go (the job's: InfluxDB {@code alerts})
     * @param journalBootstrapServers the Kafka of the Slack delivery journal (null: none)
     * @return the delivery reports, one per notification and outcome
     */
    public static SingleOutputStreamOperator<AlertDelivery> attach(
            DataStream<Sample> samples,
            DataStream<Anomaly> anomalies,
            Source<SilenceCommand, ?, ?> control,
            String controlName,
            AlertConfig config,
            Sink<AlertDelivery> alertsSink,
            String journalBootstrapServers) {
        SingleOutputStreamOperator<SilenceCommand> commands =
                samples.getExecutionEnvironment()
                        .fromSource(control, WatermarkStrategy.noWatermarks(), controlName)
                        .uid(UID_CONTROL_SOURCE)
                        .setParallelism(1);
        if (control.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED) {
            // periodic, with or without records or partitions: never holds event time back
            commands =
                    commands.assignTimestampsAndWatermarks(controlWatermarks())
                            .name("Silence commands: no event time")
                            .uid(UID_CONTROL_WATERMARKS)
                            .setParallelism(1);
        }
        return attach(samples, anomalies, commands, config, alertsSink, journalBootstrapServers);
    }

    /**
     * Attaches alerting with silences from any stream of commands. Its watermark is an input of the
     * lifecycle operator's event time: give an endless stream {@link #controlWatermarks()}.
     */
    public static SingleOutputStreamOperator<AlertDelivery> attach(
            DataStream<Sample> samples,
            DataStream<Anomaly> anomalies,
            DataStream<SilenceCommand> control,
            AlertConfig config,
            Sink<AlertDelivery> alertsSink) {
        return attach(samples, anomalies, control, config, alertsSink, null);
    }

    /**
     * As above, with the Slack delivery journal on {@code journalBootstrapServers} (null: none, so
     * a restore may repeat a message sent after its checkpoint).
     */
    public static SingleOutputStreamOperator<AlertDelivery> attach(
            DataStream<Sample> samples,
            DataStream<Anomaly> anomalies,
            DataStream<SilenceCommand> control,
            AlertConfig config,
            Sink<AlertDelivery> alertsSink,
            String journalBootstrapServers) {
        DataStream<Signal> fromSamples =
                samples.map(Signal::of)
                        .returns(TypeInformation.of(Signal.class))
                        .name("Alert signals: samples")
                        .uid(UID_SAMPLE_SIGNALS);
        DataStream<Signal> fromAnomalies =
                anomalies
                        .map(Signal::of)
                        .returns(TypeInformation.of(Signal.class))
                        .name("Alert signals: anomalies")
                        .uid(UID_ANOMALY_SIGNALS);
        BroadcastStream<SilenceCommand> silences =
                control.broadcast(AlertLifecycleFunction.SILENCES);

        SingleOutputStreamOperator<Notification> notifications =
                fromSamples
                        .union(fromAnomalies)
                        .keyBy(s -> s.host)
                        .connect(silences)
                        .process(new AlertLifecycleFunction(config))
                        .returns(TypeInformation.of(Notification.class))
                        .name("Alert lifecycle")
                        .uid(UID_LIFECYCLE);

        // fleet incidents: one key (every host in one place), parallelism 1; a few messages a
        // minute at most, so one instance is no bottleneck
        SingleOutputStreamOperator<Notification> messages =
                notifications
                        .keyBy(n -> FleetIncidents.KEY)
                        .process(new FleetIncidentsFunction(config))
                        .returns(TypeInformation.of(Notification.class))
                        .name("Fleet incidents")
                        .uid(UID_FLEET)
                        .setParallelism(1);

        // one sender: one rate limit per webhook, messages in order
        SingleOutputStreamOperator<AlertDelivery> deliveries =
                messages.transform(
                                "Slack delivery",
                                TypeInformation.of(AlertDelivery.class),
                                new SlackDeliveryOperator(config, journalBootstrapServers))
                        .setParallelism(1)
                        .uid(UID_SLACK);

        deliveries
                .sinkTo(alertsSink)
                .name("InfluxDB sink: alerts")
                .uid(UID_ALERTS_SINK)
                .setParallelism(1);
        return deliveries;
    }

    /**
     * The control topic, from its beginning: on a fresh start (no checkpoint) the silences are
     * rebuilt from the commands; on a restore the checkpointed offsets win. The topic may be
     * created later (partition discovery finds it within a minute).
     */
    public static KafkaSource<SilenceCommand> controlSource(
            AlertConfig config, String kafkaBootstrapServers, boolean bounded) {
        KafkaSourceBuilder<SilenceCommand> b =
                KafkaSource.<SilenceCommand>builder()
                        .setBootstrapServers(kafkaBootstrapServers)
                        // a pattern, not a name: a missing topic is waited for, not a failure
                        .setTopicPattern(Pattern.compile(Pattern.quote(config.controlTopic)))
                        .setGroupId(config.controlGroupId)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new SilenceCommandDeserializer())
                        .setProperty("commit.offsets.on.checkpoint", "true")
                        .setProperty("partition.discovery.interval.ms", "60000");
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    /**
     * The control stream has no event time of its own; as an input of the lifecycle operator its
     * watermark would hold back event time for every host. It declares "no more late commands ever"
     * (the maximum watermark), so only the metric streams drive event time.
     */
    public static WatermarkStrategy<SilenceCommand> controlWatermarks() {
        return WatermarkStrategy.forGenerator(ctx -> new MaxWatermark());
    }

    private static final class MaxWatermark implements WatermarkGenerator<SilenceCommand> {
        @Override
        public void onEvent(SilenceCommand event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
