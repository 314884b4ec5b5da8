package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmarks of the detector on one thread, default configuration, simulator data (see
 * docs/benchmarks.md for the command and the figures):
 *
 * <ul>
 *   <li>{@code judge}: the scoring path of a trained host (features, rules, forest score, feature
 *       tails, severity) for normal samples: what every sample costs between two retrains;
 *   <li>{@code forestScore}: the compact forest's {@code score} alone on the same features, to show
 *       how much of {@code judge} is the forest's;
 *   <li>{@code processFleet}: the whole {@link Detector#process} over 20 hosts with 10 % injected
 *       anomalies, retraining and explanations included.
 * </ul>
 *
 * Each state prints the checkpointed bytes per host at the end of the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class DetectorBenchmark {
    static final long START = Instant.parse("2025-06-24T00:00:00Z").toEpochMilli();
    private static final int MASK = 4095;

    /** One host with a trained model and 4096 further normal samples to judge. */
    @State(Scope.Thread)
    public static class TrainedHost {
        HostDetector detector;
        Sample[] samples;
        double[][] features;
        int next;

        @Setup(Level.Trial)
        public void train() {
            SampleGenerator gen = new SampleGenerator(1, 3_000, 0.0, 42L, START);
            detector = new HostDetector(gen.hosts().get(0), DetectorConfig.defaults());
            for (int i = 0; i < 1_000; i++) {
                detector.process(gen.next());
            }
            samples = gen.samples(MASK + 1).toArray(new Sample[0]);
            features = new double[samples.length][];
            for (int i = 0; i < samples.length; i++) {
                detector.judge(samples[i]);
                features[i] = detector.lastFeatures().clone();
            }
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf(
                    "%nstate of the trained host: %d bytes (model v%d, %d training rows)%n",
                    detector.toBytes().length, detector.modelVersion(), detector.trainingRows());
        }
    }

    /** 20 hosts, 10 % anomalies, 20 simulated hours pre-generated; warmed up on the first hour. */
    @State(Scope.Thread)
    public static class Fleet {
        Detector detector;
        Sample[] samples;
        int next;

        @Setup(Level.Trial)
        public void warmUp() {
            SampleGenerator gen = new SampleGenerator(20, 3_000, 0.1, 42L, START);
            List<Sample> all = gen.samplesUntil(START + 20 * 3_600_000L);
            samples = all.toArray(new Sample[0]);
            detector = new Detector(DetectorConfig.defaults());
            while (next < 20 * 1_200) {
                detector.process(samples[next++]);
            }
        }

        Sample nextSample() {
            if (next == samples.length) {
                throw new IllegalStateException(
                        "the fleet ran out of pre-generated samples: measure fewer iterations");
            }
            return samples[next++];
        }

        @TearDown(Level.Trial)
        public void report() {
            int max = 0;
            for (String h : SampleGenerator.hostNames(20)) {
                max = Math.max(max, detector.snapshot(h).length);
            }
            System.out.printf(
                    "%nlargest state of the 20 hosts after %d samples: %d bytes%n", next, max);
        }
    }

    @Benchmark
    public void judge(TrainedHost h, Blackhole bh) {
        bh.consume(h.detector.judge(h.samples[h.next++ & MASK]));
        bh.consume(h.detector.lastScore());
    }

    @Benchmark
    public double forestScore(TrainedHost h) {
        return h.detector.model().forest().score(h.features[h.next++ & MASK]);
    }

    @Benchmark
    public Anomaly processFleet(Fleet f) {
        return f.detector.process(f.nextSample());
    }
}
