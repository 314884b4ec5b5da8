package com.smartinfra.job.ingest;

import com.smartinfra.schema.Sample;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends valid samples on and dead letters to a side output, counting both. */
public final class SampleRouter extends ProcessFunction<IngestRecord, Sample> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>(
                    "dead-letters",
                    org.apache.flink.api.common.typeinfo.TypeInformation.of(DeadLetter.class));

    private transient Counter samplesValid;
    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        samplesValid = getRuntimeContext().getMetricGroup().counter("samplesValid");
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(IngestRecord r, Context ctx, Collector<Sample> out) {
        if (r.sample != null) {
            samplesValid.inc();
            out.collect(r.sample);
        } else {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, r.deadLetter);
        }
    }
}
