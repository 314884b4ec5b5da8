package com.smartinfra.job.detect;

import com.smartinfra.job.config.HostStateTtl;
import com.smartinfra.schema.Sample;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs one {@link HostDetector} per host (keyed by host): threshold rules at once, the host's
 * isolation forest once it has warmed up. The detector is keyed state with a TTL, so a host that
 * stops reporting stops costing memory after {@code stateTtl}.
 */
public final class DetectionFunction extends KeyedProcessFunction<String, Sample, Anomaly> {
    private static final long serialVersionUID = 1L;

    private final DetectorConfig config;
    private final Duration stateTtl;

    private transient ValueState<HostDetector> detector;
    private transient Counter anomalies;
    private transient Counter modelAnomalies;
    private transient DetectorMetrics metrics;

    public DetectionFunction(DetectorConfig config, Duration stateTtl) {
        this.config = config;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<HostDetector> descriptor =
                new ValueStateDescriptor<>("host-detector", new HostDetectorSerializer(config));
        descriptor.enableTimeToLive(HostStateTtl.of(stateTtl));
        detector = getRuntimeContext().getState(descriptor);
        anomalies = getRuntimeContext().getMetricGroup().counter("anomalies");
        modelAnomalies = getRuntimeContext().getMetricGroup().counter("modelAnomalies");
        metrics = new DetectorMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(Sample sample, Context ctx, Collector<Anomaly> out)
            throws Exception {
        HostDetector d = detector.value();
        if (d == null) {
            d = new HostDetector(sample.host, config);
        } else if (d.config() != config) {
            // restored from a checkpoint: continue under this job's settings (once per host; the
            // rebuild is deterministic, and afterwards the check is a reference comparison)
            d = HostDetector.fromBytes(d.toBytes(), config);
        }
        int version = d.modelVersion();
        Anomaly a = d.process(sample);
        metrics.judged(version, d.modelVersion(), d.trainedAt(), sample.timestamp, a);
        // also refreshes the TTL; on the heap backend this stores the same object again
        detector.update(d);
        if (a != null) {
            anomalies.inc();
            if (a.isModel()) {
                modelAnomalies.inc();
            }
            out.collect(a);
        }
    }
}
