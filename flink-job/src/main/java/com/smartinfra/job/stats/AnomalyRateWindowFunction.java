package com.smartinfra.job.stats;

import com.smartinfra.job.config.HostStateTtl;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Stamps a window's counts with host, window label and time range. With a {@link LearningPeriod} it
 * also follows the host's learning ({@link LearningProgress}) across windows, in keyed state that
 * expires like the detector's own ({@code detect.state-ttl} without a sample): a host that comes
 * back after that learns again, in the detector and here.
 */
public final class AnomalyRateWindowFunction
        extends ProcessWindowFunction<AnomalyCounts, AnomalyRate, String, TimeWindow> {
    private static final long serialVersionUID = 1L;

    /** What this window has added to the progress so far: taken back when it fires again. */
    private static final ValueStateDescriptor<AnomalyCounts> COUNTED =
            new ValueStateDescriptor<>("anomaly-rate-counted", AnomalyCounts.class);

    private final String windowLabel;
    private final LearningPeriod learningPeriod;
    private final Duration stateTtl;

    private transient ValueStateDescriptor<LearningProgress> progressDescriptor;

    /** Counts only. */
    public AnomalyRateWindowFunction(String windowLabel) {
        this(windowLabel, null, null);
    }

    /** Counts and the learning status under {@code learningPeriod}. */
    public AnomalyRateWindowFunction(
            String windowLabel, LearningPeriod learningPeriod, Duration stateTtl) {
        this.windowLabel = windowLabel;
        this.learningPeriod = learningPeriod;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        if (learningPeriod != null) {
            progressDescriptor =
                    new ValueStateDescriptor<>("learning-progress", LearningProgress.class);
            progressDescriptor.enableTimeToLive(HostStateTtl.of(stateTtl));
        }
    }

    @Override
    public void process(
            String host,
            Context context,
            Iterable<AnomalyCounts> aggregates,
            Collector<AnomalyRate> out)
            throws Exception {
        // an aggregating window holds exactly one result
        for (AnomalyCounts counts : aggregates) {
            TimeWindow w = context.window();
            AnomalyRate rate = new AnomalyRate(host, windowLabel, w.getStart(), w.getEnd(), counts);
            if (learningPeriod != null) {
                follow(context, counts, rate);
            }
            out.collect(rate);
        }
    }

    private void follow(Context context, AnomalyCounts counts, AnomalyRate rate) throws Exception {
        ValueState<LearningProgress> progressState =
                context.globalState().getState(progressDescriptor);
        ValueState<AnomalyCounts> counted = context.windowState().getState(COUNTED);
        LearningProgress progress = progressState.value();
        if (progress == null) {
            progress = new LearningProgress();
        }
        AnomalyCounts before = counted.value();
        if (before != null) {
            progress.remove(before);
        }
        progress.add(counts);
        progressState.update(progress);
        counted.update(counts);
        rate.learning = progress.learning(learningPeriod);
        rate.learningLeftMs = progress.msLeft(learningPeriod);
        rate.learningSamplesLeft = progress.samplesLeft(learningPeriod);
    }

    @Override
    public void clear(Context context) throws Exception {
        if (learningPeriod != null) {
            context.windowState().getState(COUNTED).clear();
        }
    }
}
