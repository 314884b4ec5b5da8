package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed detection operator in Flink's operator test harness. */
class DetectionFunctionTest {
    private static final long T0 = 1_750_000_000_000L;
    private static final Duration TTL = Duration.ofHours(1);

    private static KeyedOneInputStreamOperatorTestHarness<String, Sample, Anomaly> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DetectionFunction(DetectorConfig.defaults(), TTL)),
                s -> s.host,
                Types.STRING);
    }

    /** Normal behaviour of two hosts, one sample each every 3 s. */
    private static List<Sample> normal(int count) {
        return new SampleGenerator(2, 3000, 0.0, 11L, T0).samples(count);
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, Sample, Anomaly> h, List<Sample> samples)
            throws Exception {
        for (Sample s : samples) {
            h.processElement(s, s.timestamp);
        }
    }

    @Test
    void aRuleBreachIsAnAnomalyAtOnceEvenBeforeWarmUp() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new Sample("web-01", T0, 97.1, 40, 50), T0);
            List<Anomaly> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).reason).contains("cpu");
            assertThat(out.get(0).host).isEqualTo("web-01");
            assertThat(out.get(0).timestamp).isEqualTo(T0);
            assertThat(out.get(0).modelVersion).isZero();
        }
    }

    @Test
    void aRestoredOperatorGivesTheSameVerdictsAsTheOriginal() throws Exception {
        List<Sample> stream = new SampleGenerator(2, 3000, 0.1, 5L, T0).samples(1200);
        List<Sample> before = stream.subList(0, 600);
        List<Sample> after = stream.subList(600, stream.size());

        OperatorSubtaskState snapshot;
        List<Anomaly> original;
        try (var h = harness()) {
            h.open();
            feed(h, before);
            snapshot = h.snapshot(1, T0);
            int seen = h.extractOutputValues().size();
            feed(h, after);
            original = h.extractOutputValues().subList(seen, h.extractOutputValues().size());
        }
        List<Anomaly> restored;
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            feed(h, after);
            restored = h.extractOutputValues();
        }
        // the models were past warm-up and trained: the forest verdicts must match too
        assertThat(original).anyMatch(Anomaly::isModel);
        assertThat(restored).isEqualTo(original);
    }

    @Test
    void aHostThatStopsReportingIsForgottenAfterTheTtl() throws Exception {
        try (var h = harness()) {
            h.open();
            h.setStateTtlProcessingTime(0);
            feed(h, normal(400));
            h.processElement(new Sample("web-01", T0 + 3_600_000, 99, 40, 50), 0);
            Anomaly trained = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            assertThat(trained.modelVersion).isPositive();

            h.setStateTtlProcessingTime(TTL.toMillis() + 1);
            h.processElement(new Sample("web-01", T0 + 7_200_000, 99, 40, 50), 0);
            Anomaly fresh = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            assertThat(fresh.modelVersion).isZero();
        }
    }

    @Test
    void checkpointedStateStaysWithinSixteenKilobytesPerHost() throws Exception {
        try (var h = harness()) {
            h.open();
            // 8 hosts with full training windows: the snapshot's fixed part (state meta data, the
            // key-group index) is shared, not per host
            int hosts = 8;
            feed(h, new SampleGenerator(hosts, 3000, 0.1, 3L, T0).samples(hosts * 700));
            OperatorSubtaskState state = h.snapshot(1, T0);
            long bytes = state.getStateSize();
            assertThat(bytes).isPositive().isLessThanOrEqualTo(hosts * 16 * 1024);
        }
    }
}
