package com.smartinfra.job.ingest;

import com.smartinfra.job.metrics.LabelledCounters;
import com.smartinfra.schema.Sample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends valid samples on and dead letters to a side output, counting both: {@code samplesValid} and
 * {@code deadLetters} (with per-second rates), and dead letters by kind ({@code
 * reason_deadLetters{reason=...}}, see {@link DeadLetterKind}).
 */
public final class SampleRouter extends ProcessFunction<IngestRecord, Sample> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>(
                    "dead-letters",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));

    private transient Counter samplesValid;
    private transient Counter deadLetters;
    private transient LabelledCounters deadLettersByKind;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup g = getRuntimeContext().getMetricGroup();
        samplesValid = g.counter("samplesValid");
        deadLetters = g.counter("deadLetters");
        g.meter("samplesValidPerSecond", new MeterView(samplesValid));
        g.meter("deadLettersPerSecond", new MeterView(deadLetters));
        deadLettersByKind = new LabelledCounters(g, "reason", "deadLetters");
    }

    @Override
    public void processElement(IngestRecord r, Context ctx, Collector<Sample> out) {
        if (r.sample != null) {
            samplesValid.inc();
            out.collect(r.sample);
        } else {
            deadLetters.inc();
            deadLettersByKind.inc(DeadLetterKind.of(r.deadLetter.reason));
            ctx.output(DEAD_LETTERS, r.deadLetter);
        }
    }
}
