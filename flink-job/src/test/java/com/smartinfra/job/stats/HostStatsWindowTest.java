package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The production window operator ({@link HostStatsStage#windows}: 1-minute tumbling event-time
 * windows, 30 s allowed lateness) in Flink's keyed operator test harness, driven by explicit
 * watermarks.
 */
class HostStatsWindowTest {
    /** 2025-06-24T16:42:00Z, a whole minute. */
    private static final long T0 = 1_750_783_320_000L;

    private static final long MINUTE = 60_000L;

    private KeyedOneInputStreamOperatorTestHarness<String, Sample, HostStats> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, Sample, HostStats> newHarness()
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SingleOutputStreamOperator<HostStats> windows =
                HostStatsStage.windows(
                        env.fromData(new Sample("x", T0, 0, 0, 0)),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(30));
        OneInputTransformation<Sample, HostStats> t =
                (OneInputTransformation<Sample, HostStats>) windows.getTransformation();
        return new KeyedOneInputStreamOperatorTestHarness<>(
                t.getOperatorFactory(), new HostStatsStage.HostKey(), Types.STRING);
    }

    private void add(String host, long ts, double cpu, double memory, double disk)
            throws Exception {
        harness.processElement(new Sample(host, ts, cpu, memory, disk), ts);
    }

    private List<HostStats> output() {
        List<HostStats> out = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        return out;
    }

    private List<Sample> tooLate() {
        List<Sample> late = new ArrayList<>();
        var records = harness.getSideOutput(HostStatsStage.TOO_LATE);
        if (records != null) {
            for (StreamRecord<Sample> r : records) {
                late.add(r.getValue());
            }
        }
        return late;
    }

    @Test
    void windowStatisticsAreExactForKnownInput() throws Exception {
        double[] cpu = {2, 4, 4, 4, 5, 5, 7, 9};
        for (int i = 0; i < cpu.length; i++) {
            add("web-01", T0 + i * 5_000L, cpu[i], 10 * (i + 1), 50);
        }
        harness.processWatermark(T0 + MINUTE - 2);
        assertThat(output()).as("nothing before the watermark passes the window end").isEmpty();

        harness.processWatermark(T0 + MINUTE - 1);

        List<HostStats> out = output();
        assertThat(out).hasSize(1);
        HostStats s = out.get(0);
        assertThat(s.host).isEqualTo("web-01");
        assertThat(s.window).isEqualTo("1m");
        assertThat(s.start).isEqualTo(T0);
        assertThat(s.end).isEqualTo(T0 + MINUTE);
        assertThat(s.count).isEqualTo(8);
        // cpu 2,4,4,4,5,5,7,9: the textbook series with mean 5 and standard deviation 2
        assertThat(s.mean[HostStats.CPU]).isEqualTo(5.0);
        assertThat(s.min[HostStats.CPU]).isEqualTo(2.0);
        assertThat(s.max[HostStats.CPU]).isEqualTo(9.0);
        assertThat(s.stddev[HostStats.CPU]).isEqualTo(2.0);
        assertThat(s.p95[HostStats.CPU]).isEqualTo(9.0);
        // memory 10..80
        assertThat(s.mean[HostStats.MEMORY]).isEqualTo(45.0);
        assertThat(s.min[HostStats.MEMORY]).isEqualTo(10.0);
        assertThat(s.max[HostStats.MEMORY]).isEqualTo(80.0);
        assertThat(s.stddev[HostStats.MEMORY]).isCloseTo(Math.sqrt(525), within());
        assertThat(s.p95[HostStats.MEMORY]).isEqualTo(80.0);
        // disk constant
        assertThat(s.mean[HostStats.DISK]).isEqualTo(50.0);
        assertThat(s.stddev[HostStats.DISK]).isEqualTo(0.0);
        assertThat(s.p95[HostStats.DISK]).isEqualTo(50.0);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-12);
    }

    @Test
    void hostsAndWindowsAreSeparate() throws Exception {
        add("web-01", T0, 10, 10, 10);
        add("db-01", T0 + 1_000, 70, 70, 70);
        add("web-01", T0 + MINUTE, 30, 30, 30); // the next window
        add("web-01", T0 + 59_999, 20, 20, 20); // out of order, still the first window

        harness.processWatermark(T0 + 2 * MINUTE);

        assertThat(output())
                .extracting(
                        s -> s.host + "@" + (s.start - T0) + " n=" + s.count + " cpu=" + s.mean[0])
                .containsExactlyInAnyOrder(
                        "web-01@0 n=2 cpu=15.0",
                        "db-01@0 n=1 cpu=70.0",
                        "web-01@60000 n=1 cpu=30.0");
    }

    @Test
    void aLateSampleWithinTheAllowedLatenessUpdatesTheWindow() throws Exception {
        add("web-01", T0 + 10_000, 10, 10, 10);
        add("web-01", T0 + 20_000, 20, 20, 20);
        harness.processWatermark(T0 + MINUTE + 5_000);
        assertThat(output()).extracting(s -> s.count).containsExactly(2L);

        // the window is kept until the watermark reaches its last millisecond + 30 s
        harness.processWatermark(T0 + MINUTE - 1 + 30_000 - 1);
        add("web-01", T0 + 30_000, 90, 90, 90);

        List<HostStats> refired = output();
        assertThat(refired).hasSize(1);
        HostStats s = refired.get(0);
        assertThat(s.start).isEqualTo(T0);
        assertThat(s.count).isEqualTo(3);
        assertThat(s.mean[HostStats.CPU]).isEqualTo(40.0);
        assertThat(s.max[HostStats.CPU]).isEqualTo(90.0);
        assertThat(s.p95[HostStats.CPU]).isEqualTo(90.0);
        assertThat(tooLate()).isEmpty();
    }

    @Test
    void aSampleBeyondTheAllowedLatenessGoesToTheSideOutputAndChangesNothing() throws Exception {
        add("web-01", T0 + 10_000, 10, 10, 10);
        harness.processWatermark(T0 + MINUTE + 30_000); // window end + lateness: state purged
        assertThat(output()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();

        Sample late = new Sample("web-01", T0 + 15_000, 99, 99, 99);
        harness.processElement(late, late.timestamp);

        assertThat(output()).isEmpty();
        assertThat(tooLate()).containsExactly(late);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void windowStateSurvivesASnapshotAndRestore() throws Exception {
        add("web-01", T0 + 1_000, 10, 20, 30);
        add("web-01", T0 + 2_000, 30, 40, 50);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.setup();
        harness.initializeState(snapshot);
        harness.open();
        add("web-01", T0 + 3_000, 50, 60, 70);
        harness.processWatermark(T0 + MINUTE);

        List<HostStats> out = output();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).count).isEqualTo(3);
        assertThat(out.get(0).mean).containsExactly(30.0, 40.0, 50.0);
        assertThat(out.get(0).min).containsExactly(10.0, 20.0, 30.0);
        assertThat(out.get(0).max).containsExactly(50.0, 60.0, 70.0);
    }

    @Test
    void stateAndResultAreFlinkPojosNotKryo() {
        assertThat(TypeInformation.of(StatsAccumulator.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(MetricSummary.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(HostStats.class)).isInstanceOf(PojoTypeInfo.class);
    }
}
