package com.smartinfra.job.ingest;

import static org.apache.flink.configuration.ConfigOptions.key;

import com.smartinfra.schema.SampleTimeBounds;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The settings of reading samples: event time, the accepted time range, dead-letter sizes. */
public final class IngestOptions {
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            key("watermark.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How late a host's sample may arrive and still count in event time.");

    public static final ConfigOption<Duration> IDLENESS =
            key("watermark.idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "A Kafka partition without samples this long does not hold back event time.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            key("ingest.max-future-skew")
                    .durationType()
                    .defaultValue(SampleTimeBounds.DEFAULT_MAX_FUTURE_SKEW)
                    .withDescription("Samples further ahead of the job's clock are dead letters.");

    public static final ConfigOption<Duration> MAX_AGE =
            key("ingest.max-age")
                    .durationType()
                    .defaultValue(SampleTimeBounds.DEFAULT_MAX_AGE)
                    .withDescription(
                            "Older samples (by the job's clock) are dead letters; keep it below the InfluxDB bucket's retention.");

    public static final ConfigOption<Integer> DEAD_LETTER_MAX_KEY_BYTES =
            key("kafka.dead-letter.max-key-bytes")
                    .intType()
                    .defaultValue(DeadLetterSerializer.DEFAULT_MAX_KEY_BYTES)
                    .withDescription(
                            "Bytes of an original record key a dead letter carries; a longer key is cut (with its size and SHA-256).");

    public static final ConfigOption<Integer> DEAD_LETTER_MAX_VALUE_BYTES =
            key("kafka.dead-letter.max-value-bytes")
                    .intType()
                    .defaultValue(DeadLetterSerializer.DEFAULT_MAX_VALUE_BYTES)
                    .withDescription(
                            "Bytes of an original record value a dead letter carries; a longer value is cut (with its size and SHA-256). Key and value bytes together must leave room for the headers under the producer's max.request.size.");

    /** Every setting of this group, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    OUT_OF_ORDERNESS,
                    IDLENESS,
                    MAX_FUTURE_SKEW,
                    MAX_AGE,
                    DEAD_LETTER_MAX_KEY_BYTES,
                    DEAD_LETTER_MAX_VALUE_BYTES);

    private IngestOptions() {}
}
