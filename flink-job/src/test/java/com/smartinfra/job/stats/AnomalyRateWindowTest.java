package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production anomaly-rate operators in Flink's keyed operator test harness, driven by explicit
 * watermarks: the 1-minute window ({@link AnomalyRateStage#minuteWindows}, 30 s allowed lateness, a
 * learning period of 3 minutes and 4 clean samples) and the 24-hour roll-up ({@link
 * DailyAnomalyRateFunction}).
 */
class AnomalyRateWindowTest {
    /** 2025-06-24T16:30:00Z: a whole minute and a whole quarter hour. */
    private static final long T0 = 1_750_782_600_000L;

    private static final long MINUTE = 60_000L;
    private static final long QUARTER = 15 * MINUTE;
    private static final LearningPeriod PERIOD = new LearningPeriod(Duration.ofMinutes(3), 4);

    private KeyedOneInputStreamOperatorTestHarness<String, RateEvent, AnomalyRate> minutes;

    @BeforeEach
    void open() throws Exception {
        minutes = newMinuteHarness();
        minutes.open();
    }

    @AfterEach
    void close() throws Exception {
        minutes.close();
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, RateEvent, AnomalyRate>
            newMinuteHarness() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<AnomalyRate> windows =
                AnomalyRateStage.minuteWindows(
                        env.fromData(RateEvent.of(new Sample("x", T0, 0, 0, 0))),
                        Duration.ofSeconds(30),
                        PERIOD,
                        Duration.ofHours(24));
        OneInputTransformation<RateEvent, AnomalyRate> t =
                (OneInputTransformation<RateEvent, AnomalyRate>) windows.getTransformation();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                t.getOperatorFactory(), new AnomalyRateStage.EventHostKey(), Types.STRING);
    }

    private void sample(
            KeyedOneInputStreamOperatorTestHarness<String, RateEvent, AnomalyRate> h,
            String host,
            long ts)
            throws Exception {
        h.processElement(RateEvent.of(new Sample(host, ts, 50, 50, 50)), ts);
    }

    private void anomaly(String host, long ts, String reason, int modelVersion, String why)
            throws Exception {
        Anomaly a = new Anomaly(host, ts, 97, 50, 50, reason, 97, 85, modelVersion, why);
        minutes.processElement(RateEvent.of(a), ts);
    }

    private static <T> List<T> drain(KeyedOneInputStreamOperatorTestHarness<String, ?, T> h) {
        List<T> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    @Test
    void countsSamplesAndAnomaliesPerMetricInTheSameWindow() throws Exception {
        for (int i = 0; i < 6; i++) {
            sample(minutes, "web-01", T0 + i * 10_000L);
        }
        anomaly("web-01", T0 + 10_000, "cpu>85", 0, "cpu 97.0 % above the 85 % limit");
        anomaly("web-01", T0 + 20_000, "cpu>85,disk>95", 0, "…");
        anomaly("web-01", T0 + 30_000, "model", 2, "memory 70.0 % — expected 50–60 %; cpu 97.0 %");
        sample(minutes, "db-01", T0 + 5_000);
        minutes.processWatermark(T0 + MINUTE - 1);

        List<AnomalyRate> out = drain(minutes);
        assertThat(out).extracting(r -> r.host).containsExactlyInAnyOrder("web-01", "db-01");
        AnomalyRate web = out.stream().filter(r -> r.host.equals("web-01")).findFirst().get();
        assertThat(web.window).isEqualTo("1m");
        assertThat(web.start).isEqualTo(T0);
        assertThat(web.end).isEqualTo(T0 + MINUTE);
        AnomalyCounts c = web.counts;
        assertThat(c.samples).isEqualTo(6);
        assertThat(c.anomalies).isEqualTo(3);
        assertThat(c.ruleAnomalies).isEqualTo(2);
        assertThat(c.modelAnomalies).isEqualTo(1);
        assertThat(c.metricAnomalies).containsExactly(3, 1, 1); // cpu, memory, disk
        assertThat(c.metricRuleAnomalies).containsExactly(2, 0, 1);
        // a model anomaly: the detector has a model, whatever the counts say
        assertThat(web.learning).isFalse();
        assertThat(web.learningLeftMs).isZero();

        AnomalyRate db = out.stream().filter(r -> r.host.equals("db-01")).findFirst().get();
        assertThat(db.counts.samples).isEqualTo(1);
        assertThat(db.counts.anomalies).isZero();
        assertThat(db.learning).isTrue();
        assertThat(db.learningSamplesLeft).isEqualTo(3);
        assertThat(db.learningLeftMs).isEqualTo(3 * MINUTE);
    }

    @Test
    void learningFollowsTheHostAcrossWindowsAndALateFiringCountsOnce() throws Exception {
        // two samples a minute, the second of the first minute a rule breach (not clean)
        sample(minutes, "h", T0);
        sample(minutes, "h", T0 + 30_000);
        anomaly("h", T0 + 30_000, "cpu>85", 0, "cpu 97.0 % above the 85 % limit");
        minutes.processWatermark(T0 + MINUTE - 1);
        AnomalyRate first = drain(minutes).get(0);
        assertThat(first.learning).isTrue();
        assertThat(first.learningSamplesLeft).isEqualTo(3);

        // a late sample of the first minute, within the lateness: the window fires again
        sample(minutes, "h", T0 + 45_000);
        AnomalyRate refired = drain(minutes).get(0);
        assertThat(refired.start).isEqualTo(T0);
        assertThat(refired.counts.samples).isEqualTo(3);
        assertThat(refired.learningSamplesLeft).as("counted once, not twice").isEqualTo(2);

        sample(minutes, "h", T0 + MINUTE);
        sample(minutes, "h", T0 + MINUTE + 30_000);
        minutes.processWatermark(T0 + 2 * MINUTE - 1);
        AnomalyRate second = drain(minutes).get(0);
        // 4 clean samples, but only 90 s of the 3 minutes spanned
        assertThat(second.learningSamplesLeft).isZero();
        assertThat(second.learning).isTrue();
        assertThat(second.learningLeftMs).isEqualTo(90_000);

        sample(minutes, "h", T0 + 3 * MINUTE);
        minutes.processWatermark(T0 + 4 * MINUTE - 1);
        AnomalyRate fourth = drain(minutes).get(0);
        assertThat(fourth.start).isEqualTo(T0 + 3 * MINUTE);
        assertThat(fourth.learning).isFalse();
    }

    @Test
    void theLearningProgressSurvivesASnapshotAndRestore() throws Exception {
        sample(minutes, "h", T0);
        sample(minutes, "h", T0 + 30_000);
        minutes.processWatermark(T0 + 2 * MINUTE);
        drain(minutes);
        OperatorSubtaskState snapshot = minutes.snapshot(1L, 1L);
        minutes.close();

        minutes = newMinuteHarness();
        minutes.setup();
        minutes.initializeState(snapshot);
        minutes.open();
        sample(minutes, "h", T0 + 2 * MINUTE);
        minutes.processWatermark(T0 + 3 * MINUTE);
        AnomalyRate r = drain(minutes).get(0);
        assertThat(r.learningSamplesLeft).isEqualTo(1);
        assertThat(r.learningLeftMs).isEqualTo(MINUTE);
    }

    @Test
    void theDayIsTheSumOfTheLast96QuartersAndALateQuarterReplacesItsOwn() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AnomalyRate, AnomalyRate> day =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DailyAnomalyRateFunction()),
                        new AnomalyRateStage.RateHostKey(),
                        Types.STRING);
        day.open();
        try {
            // 100 quarters of web-01, quarter q with q samples and one anomaly
            for (int q = 0; q < 100; q++) {
                day.processElement(quarter("web-01", q, q, 1), T0 + (q + 1) * QUARTER - 1);
            }
            List<AnomalyRate> out = drain(day);
            assertThat(out).hasSize(100);
            AnomalyRate first = out.get(0);
            assertThat(first.window).isEqualTo("24h");
            assertThat(first.start).isEqualTo(T0 + QUARTER - DailyAnomalyRateFunction.DAY_MS);
            assertThat(first.end).isEqualTo(T0 + QUARTER);
            assertThat(first.counts.samples).isZero();
            assertThat(first.counts.anomalies).isEqualTo(1);
            AnomalyRate last = out.get(99);
            // quarters 4..99: the 96 that end within the day up to the end of quarter 99
            assertThat(last.end).isEqualTo(T0 + 100 * QUARTER);
            assertThat(last.start).isEqualTo(T0 + 4 * QUARTER);
            assertThat(last.counts.samples).isEqualTo((4 + 99) * 96 / 2);
            assertThat(last.counts.anomalies).isEqualTo(96);
            assertThat(last.counts.metricAnomalies).containsExactly(96, 0, 0);

            // quarter 98 fired again with one more sample and anomaly: it replaces its entry,
            // and the day ending at quarter 99 is emitted again
            day.processElement(quarter("web-01", 98, 99, 2), T0 + 99 * QUARTER - 1);
            AnomalyRate again = drain(day).get(0);
            assertThat(again.end).isEqualTo(T0 + 100 * QUARTER);
            assertThat(again.counts.samples).isEqualTo((4 + 99) * 96 / 2 + 1);
            assertThat(again.counts.anomalies).isEqualTo(97);

            // a day after the last quarter, the host's state is gone
            day.processWatermark(T0 + 100 * QUARTER + DailyAnomalyRateFunction.DAY_MS);
            assertThat(day.numKeyedStateEntries()).isZero();
        } finally {
            day.close();
        }
    }

    private static AnomalyRate quarter(String host, int q, long samples, long anomalies) {
        AnomalyCounts c = new AnomalyCounts();
        c.samples = samples;
        c.anomalies = anomalies;
        c.metricAnomalies[HostStats.CPU] = anomalies;
        return new AnomalyRate(host, "15m", T0 + q * QUARTER, T0 + (q + 1) * QUARTER, c);
    }
}
