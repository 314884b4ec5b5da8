package com.smartinfra.job.stats;

import com.smartinfra.job.JobConfig;
import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.Sample;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Anomaly rates per host and metric, written to the {@code anomaly_rate} measurement beside the
 * statistics: the samples and the detector's anomalies (same host, same timestamps) are mapped to
 * one {@link RateEvent} type and united, so that one keyed event-time window counts both.
 *
 * <ul>
 *   <li>{@code 1m}: tumbling minutes, with the host's learning status ({@link LearningProgress});
 *   <li>{@code 15m}: tumbling quarter hours (the dashboard's 24-hour strip);
 *   <li>{@code 24h}: the 96 quarters up to each quarter's end ({@link DailyAnomalyRateFunction}).
 * </ul>
 *
 * Windows fire when the watermark passes their end, and again for data within {@code
 * stats.allowed-lateness}, rewriting the same point. Events later still are dropped by the window
 * (counted in Flink's {@code numLateRecordsDropped} of the window operators): the samples and
 * anomalies themselves are stored upstream; only the rates miss them.
 */
public final class AnomalyRateStage {
    public static final String UID_SAMPLE_EVENTS = "anomaly-rate-samples";
    public static final String UID_ANOMALY_EVENTS = "anomaly-rate-anomalies";
    public static final String UID_MINUTE = "anomaly-rate-1m-window";
    public static final String UID_QUARTER = "anomaly-rate-15m-window";
    public static final String UID_DAY = "anomaly-rate-24h";
    public static final String UID_SINK = "influxdb-anomaly-rate-sink";

    public static final Duration MINUTE = Duration.ofMinutes(1);
    public static final Duration QUARTER = Duration.ofMinutes(15);

    private AnomalyRateStage() {}

    /**
     * Adds the anomaly-rate windows and {@code sink} (the job's: InfluxDB {@code anomaly_rate});
     * the learning status follows the detector's and the alerts' settings ({@link
     * LearningPeriod#of}). Returns the rates of every window.
     */
    public static DataStream<AnomalyRate> attach(
            DataStream<Sample> samples,
            DataStream<Anomaly> anomalies,
            JobConfig config,
            Sink<AnomalyRate> sink) {
        DataStream<AnomalyRate> rates =
                rates(
                        events(samples, anomalies),
                        config.statsAllowedLateness,
                        LearningPeriod.of(config.detector, alertLearningPeriod(config)),
                        config.detectStateTtl);
        rates.sinkTo(sink).name("InfluxDB: anomaly_rate").uid(UID_SINK);
        return rates;
    }

    /** Until a host's model may page; nothing pages when alerting is off. */
    private static java.time.Duration alertLearningPeriod(JobConfig config) {
        return config.alert.enabled ? config.alert.modelLearningPeriod : java.time.Duration.ZERO;
    }

    /** Samples and anomalies as one stream of {@link RateEvent}s. */
    public static DataStream<RateEvent> events(
            DataStream<Sample> samples, DataStream<Anomaly> anomalies) {
        TypeInformation<RateEvent> type = TypeInformation.of(RateEvent.class);
        DataStream<RateEvent> fromSamples =
                samples.map(RateEvent::of)
                        .returns(type)
                        .name("Anomaly rate: samples")
                        .uid(UID_SAMPLE_EVENTS);
        DataStream<RateEvent> fromAnomalies =
                anomalies
                        .map(RateEvent::of)
                        .returns(type)
                        .name("Anomaly rate: anomalies")
                        .uid(UID_ANOMALY_EVENTS);
        return fromSamples.union(fromAnomalies);
    }

    /** The 1m, 15m and 24h rates of the events. */
    public static DataStream<AnomalyRate> rates(
            DataStream<RateEvent> events,
            Duration allowedLateness,
            LearningPeriod learningPeriod,
            Duration stateTtl) {
        SingleOutputStreamOperator<AnomalyRate> minutes =
                minuteWindows(events, allowedLateness, learningPeriod, stateTtl).uid(UID_MINUTE);
        SingleOutputStreamOperator<AnomalyRate> quarters =
                quarterWindows(events, allowedLateness).uid(UID_QUARTER);
        SingleOutputStreamOperator<AnomalyRate> days =
                quarters.keyBy(new RateHostKey())
                        .process(new DailyAnomalyRateFunction())
                        .name("Anomaly rate (last 24 h)")
                        .uid(UID_DAY);
        return minutes.union(quarters, days);
    }

    /** The 1-minute window operator with the learning status; callers set the uid. */
    public static SingleOutputStreamOperator<AnomalyRate> minuteWindows(
            DataStream<RateEvent> events,
            Duration allowedLateness,
            LearningPeriod learningPeriod,
            Duration stateTtl) {
        return events.keyBy(new EventHostKey())
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(allowedLateness)
                .aggregate(
                        new AnomalyRateAggregate(),
                        new AnomalyRateWindowFunction(
                                WindowLabel.of(MINUTE), learningPeriod, stateTtl))
                .name("Anomaly rate (1m windows)");
    }

    /** The 15-minute window operator; callers set the uid. */
    public static SingleOutputStreamOperator<AnomalyRate> quarterWindows(
            DataStream<RateEvent> events, Duration allowedLateness) {
        return events.keyBy(new EventHostKey())
                .window(TumblingEventTimeWindows.of(QUARTER))
                .allowedLateness(allowedLateness)
                .aggregate(
                        new AnomalyRateAggregate(),
                        new AnomalyRateWindowFunction(WindowLabel.of(QUARTER)))
                .name("Anomaly rate (15m windows)");
    }

    /** Keys events by host. */
    public static final class EventHostKey implements KeySelector<RateEvent, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(RateEvent e) {
            return e.host;
        }
    }

    /** Keys rates by host. */
    public static final class RateHostKey implements KeySelector<AnomalyRate, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(AnomalyRate r) {
            return r.host;
        }
    }
}
