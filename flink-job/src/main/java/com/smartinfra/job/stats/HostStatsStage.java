package com.smartinfra.job.stats;

import com.smartinfra.job.JobConfig;
import com.smartinfra.schema.Sample;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * Windowed statistics per host: event-time tumbling windows (by default 1 minute, optionally a
 * second, longer one) over the valid samples, summarised by {@link HostStatsAggregate} and written
 * to the {@code host_stats} measurement (tags host and window, point time = window start).
 *
 * <p>A window fires when the watermark passes its end; a sample arriving later but within the
 * allowed lateness fires it again with the updated statistics, which overwrite the same point.
 * Samples later still go to {@link #TOO_LATE}: counted and logged by a {@link LateSampleSink}.
 */
public final class HostStatsStage {
    public static final String UID_WINDOW = "host-stats-window";
    public static final String UID_LONG_WINDOW = "host-stats-long-window";
    public static final String UID_LATE_SAMPLES = "host-stats-late-samples";
    public static final String UID_LONG_LATE_SAMPLES = "host-stats-long-late-samples";
    public static final String UID_SINK = "influxdb-host-stats-sink";

    /** Samples that arrived after their window's allowed lateness. */
    public static final OutputTag<Sample> TOO_LATE =
            new OutputTag<>("samples-too-late-for-stats", TypeInformation.of(Sample.class));

    private HostStatsStage() {}

    /**
     * Adds the statistics windows, their late-sample sinks and {@code sink} (the job's: InfluxDB
     * {@code host_stats}) after the valid samples; returns the statistics (of every window length)
     * for later stages.
     */
    public static DataStream<HostStats> attach(
            DataStream<Sample> samples, JobConfig config, Sink<HostStats> sink) {
        DataStream<HostStats> stats =
                windowWithLateSink(
                        samples,
                        config.statsWindow,
                        config.statsAllowedLateness,
                        UID_WINDOW,
                        UID_LATE_SAMPLES);
        if (config.statsLongWindow != null) {
            stats =
                    stats.union(
                            windowWithLateSink(
                                    samples,
                                    config.statsLongWindow,
                                    config.statsAllowedLateness,
                                    UID_LONG_WINDOW,
                                    UID_LONG_LATE_SAMPLES));
        }
        stats.sinkTo(sink).name("InfluxDB sink: host_stats").uid(UID_SINK);
        return stats;
    }

    private static DataStream<HostStats> windowWithLateSink(
            DataStream<Sample> samples,
            Duration size,
            Duration allowedLateness,
            String uid,
            String lateUid) {
        String label = WindowLabel.of(size);
        SingleOutputStreamOperator<HostStats> stats =
                windows(samples, size, allowedLateness).uid(uid);
        stats.getSideOutput(TOO_LATE)
                .sinkTo(new LateSampleSink(label, allowedLateness))
                .name("Log: samples too late for " + label + " statistics")
                .uid(lateUid);
        return stats;
    }

    /** The window operator alone (its late samples on {@link #TOO_LATE}); callers set the uid. */
    public static SingleOutputStreamOperator<HostStats> windows(
            DataStream<Sample> samples, Duration size, Duration allowedLateness) {
        String label = WindowLabel.of(size);
        return samples.keyBy(new HostKey())
                .window(TumblingEventTimeWindows.of(size))
                .allowedLateness(allowedLateness)
                .sideOutputLateData(TOO_LATE)
                .aggregate(new HostStatsAggregate(), new HostStatsWindowFunction(label))
                .name("Host statistics (" + label + " windows)");
    }

    /** Keys samples by host. */
    public static final class HostKey implements KeySelector<Sample, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Sample s) {
            return s.host;
        }
    }
}
