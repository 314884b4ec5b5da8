package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperator;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * Savepoint compatibility of the job graph: every stateful operator of {@link
 * SmartInfraJob#buildPipeline} has a fixed {@code uid()} (without one Flink derives an id from the
 * graph's shape, and the next change of the graph orphans its state in every savepoint), and the
 * uids are exactly the released ones (renaming one loses its state just the same). Also: the names
 * the Flink web UI shows read as the pipeline.
 */
class OperatorUidTest {

    /**
     * The released uids of stateful operators. Never change or remove one (README "Operating", what
     * an upgrade may change); a new stateful operator adds its own.
     */
    static final List<String> RELEASED_UIDS =
            List.of(
                    "kafka-metrics-source",
                    "kafka-dead-letter-sink",
                    "influxdb-system-metrics-sink",
                    "host-stats-window",
                    "host-stats-long-window",
                    "host-stats-late-samples",
                    "host-stats-long-late-samples",
                    "influxdb-host-stats-sink",
                    "detector",
                    "influxdb-anomalies-sink",
                    "anomaly-rate-1m-window",
                    "anomaly-rate-15m-window",
                    "anomaly-rate-24h",
                    "influxdb-anomaly-rate-sink",
                    "silence-control-source",
                    "alert-lifecycle",
                    "alert-fleet-incidents",
                    "slack-delivery",
                    "influxdb-alerts-sink");

    /** The whole job, every optional stage on. */
    private static StreamGraph jobGraph() {
        JobConfig config =
                JobConfig.fromArgs(
                        "--kafka.bootstrap-servers", "kafka:9092",
                        "--influxdb.url", "http://influxdb:8086",
                        "--stats.long-window", "5min");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        SmartInfraJob.configureEnvironment(env, config);
        SmartInfraJob.buildPipeline(env, config);
        return env.getStreamGraph();
    }

    @Test
    void everyStatefulOperatorHasItsReleasedUid() {
        StreamGraph graph = jobGraph();
        assertThat(statefulWithoutUid(graph)).as("stateful operators without a uid").isEmpty();
        List<String> uids = new ArrayList<>();
        for (StreamNode n : graph.getStreamNodes()) {
            if (isStateful(n) && !isDerivedSinkNode(n)) {
                uids.add(n.getTransformationUID());
            }
        }
        assertThat(uids).as("uids of the stateful operators").hasSameElementsAs(RELEASED_UIDS);
        assertThat(uids).as("uids of the stateful operators").doesNotHaveDuplicates();
    }

    @Test
    void theCheckFindsAStatefulOperatorWithoutUid() {
        // the check itself: a keyed operator and a source without uid() are caught
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromData(1, 2, 3)
                .keyBy(i -> i % 2)
                .process(new CountPerKey())
                .name("count per key")
                .map(i -> i + 1)
                .name("stateless")
                .uid("has-a-uid")
                .print();
        List<String> missing = statefulWithoutUid(env.getStreamGraph());
        assertThat(missing).anyMatch(s -> s.contains("count per key"));
        assertThat(missing).noneMatch(s -> s.contains("stateless"));
    }

    @Test
    void operatorNamesReadAsThePipeline() {
        Map<Integer, String> names = new TreeMap<>();
        for (StreamNode n : jobGraph().getStreamNodes()) {
            names.put(n.getId(), n.getOperatorName());
        }
        assertThat(names.values())
                .contains(
                        "Source: Kafka topic metrics",
                        "Validate samples",
                        "Kafka sink: metrics-dlq (dead letters): Writer",
                        "InfluxDB sink: system_metrics: Writer",
                        "Host statistics (1m windows)",
                        "Detect anomalies",
                        "InfluxDB sink: anomalies: Writer",
                        "Source: Kafka topic alert-control (silences)",
                        "Alert lifecycle",
                        "Slack delivery",
                        "InfluxDB sink: alerts: Writer");
    }

    /** "name (id)" of every stateful node without a uid. */
    static List<String> statefulWithoutUid(StreamGraph graph) {
        List<String> missing = new ArrayList<>();
        for (StreamNode n : graph.getStreamNodes()) {
            if (isStateful(n) && (n.getTransformationUID() == null)) {
                missing.add(n.getOperatorName() + " (" + n.getId() + ")");
            }
        }
        return missing;
    }

    /**
     * Keyed operators, sources and sinks (their readers and writers keep state), and operators or
     * user functions of our own that keep operator state.
     */
    static boolean isStateful(StreamNode n) {
        if (n.getStateKeySerializer() != null) {
            return true;
        }
        StreamOperatorFactory<?> factory = n.getOperatorFactory();
        String kind = factory == null ? "" : factory.getClass().getSimpleName();
        if (kind.startsWith("SourceOperatorFactory")
                || kind.startsWith("SinkWriterOperatorFactory")
                || kind.startsWith("CommitterOperatorFactory")) {
            return true;
        }
        if (factory instanceof SimpleOperatorFactory<?> simple) {
            StreamOperator<?> op = simple.getOperator();
            if (op instanceof AbstractUdfStreamOperator<?, ?> udf) {
                Function f = udf.getUserFunction();
                return f instanceof CheckpointedFunction || f instanceof CheckpointListener;
            }
            return op instanceof AbstractStreamOperator<?> && ownsState(op.getClass());
        }
        return false;
    }

    /** A sink's committer: its uid is derived by Flink from the writer's (not ours to name). */
    private static boolean isDerivedSinkNode(StreamNode n) {
        return n.getOperatorFactory() != null
                && n.getOperatorFactory().getClass().getSimpleName().startsWith("Committer");
    }

    /** An operator class of ours that overrides Flink's state hooks. */
    private static boolean ownsState(Class<?> c) {
        for (Class<?> k = c;
                k != null && !k.getName().startsWith("org.apache.flink.");
                k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods()) {
                if (m.getName().equals("initializeState") || m.getName().equals("snapshotState")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A keyed function (stateful by being keyed). */
    private static final class CountPerKey extends KeyedProcessFunction<Integer, Integer, Integer> {
        @Override
        public void processElement(Integer value, Context ctx, Collector<Integer> out) {
            out.collect(value);
        }
    }
}
