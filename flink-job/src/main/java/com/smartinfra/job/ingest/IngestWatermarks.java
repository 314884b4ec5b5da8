package com.smartinfra.job.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The metrics source's watermarks: {@link HostClocks} per Kafka partition (the Kafka source runs
 * one generator per split), emitted periodically; dead letters carry no trustworthy time and are
 * ignored. A partition with no records for the idleness is marked idle and does not hold back the
 * others.
 */
public final class IngestWatermarks implements WatermarkGenerator<IngestRecord> {
    private final HostClocks clocks;

    IngestWatermarks(Duration outOfOrderness, Duration forgetHostAfter) {
        this.clocks = new HostClocks(outOfOrderness.toMillis(), forgetHostAfter.toMillis());
    }

    /** Event time from the samples, watermarks from {@link HostClocks}, idle partitions skipped. */
    public static WatermarkStrategy<IngestRecord> strategy(
            Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<IngestRecord>forGenerator(
                        ctx -> new IngestWatermarks(outOfOrderness, idleness))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime())
                .withIdleness(idleness);
    }

    @Override
    public void onEvent(IngestRecord record, long eventTimestamp, WatermarkOutput output) {
        if (record.sample != null) {
            clocks.observe(record.sample.host, record.sample.timestamp, System.currentTimeMillis());
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long watermark = clocks.watermark(System.currentTimeMillis());
        if (watermark != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
