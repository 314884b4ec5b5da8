package com.smartinfra.job.detect;

import com.smartinfra.job.eval.EvalArgs;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The detector of a fleet on one thread, the way a task slot sees it at peak load: {@code --hosts}
 * hosts' samples interleaved (simulator data, one sample per host every 3 s, 1 % anomalies), {@link
 * Detector#process} with retraining, drift checks and explanations. Samples per second of wall time
 * and of the thread's CPU time (the figure that means something on a shared, loaded machine). Warms
 * up on the first hour, then measures {@code --rounds} further hours (default 3), one round each;
 * then the scoring path alone ({@code judge}, no learning) over the same hosts, interleaved, as
 * many rounds. Reports the median round, the bytes allocated per sample (HotSpot's per-thread
 * counter), forests built and the checkpointed bytes per host.
 *
 * <pre>
 * bin/smart-infra bench --fleet [--hosts 200] [--trees N] [--retrain-every N] [--rounds 3]
 *     [--set name=value]...
 * </pre>
 *
 * Not a test: figures go to docs/benchmarks.md with the command and the machine's load.
 */
public final class DetectorFleetBenchmark {
    private static final long START = Instant.parse("2025-06-24T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    private DetectorFleetBenchmark() {}

    public static void main(String[] args) {
        EvalArgs opts =
                EvalArgs.parse(
                        args,
                        Set.of("--hosts", "--trees", "--retrain-every", "--rounds", "--set"),
                        "options: --hosts N --trees N --retrain-every N --rounds N"
                                + " --set name=value (a detector setting, as eval-sim's)");
        int hosts = Integer.parseInt(opts.last("--hosts", "200"));
        int rounds = Integer.parseInt(opts.last("--rounds", "3"));
        DetectorConfig.Builder b = opts.applySettings(DetectorConfig.builder());
        if (opts.last("--trees") != null) {
            b.trees(Integer.parseInt(opts.last("--trees")));
        }
        if (opts.last("--retrain-every") != null) {
            b.retrainEverySamples(Integer.parseInt(opts.last("--retrain-every")));
        }
        DetectorConfig config = b.build();
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();

        SampleGenerator gen = new SampleGenerator(hosts, 3_000, 0.01, 42L, START);
        Detector detector = new Detector(config);
        for (Sample s : gen.samplesUntil(START + HOUR)) {
            detector.process(s);
        }
        double[] perSecond = new double[rounds];
        double[] perCpuSecond = new double[rounds];
        long[] allocated = new long[rounds];
        long[] built = new long[rounds];
        int anomalies = 0;
        int n = 0;
        for (int round = 0; round < rounds; round++) {
            Sample[] xs = gen.samplesUntil(START + (round + 2) * HOUR).toArray(new Sample[0]);
            n = xs.length;
            long builds = ForestModel.builds();
            long bytes = mx.getThreadAllocatedBytes(tid);
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (Sample s : xs) {
                if (detector.process(s) != null) {
                    anomalies++;
                }
            }
            long ns = System.nanoTime() - t0;
            perCpuSecond[round] = xs.length * 1e9 / (mx.getCurrentThreadCpuTime() - cpu0);
            allocated[round] = (mx.getThreadAllocatedBytes(tid) - bytes) / xs.length;
            built[round] = ForestModel.builds() - builds;
            perSecond[round] = xs.length * 1e9 / ns;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %d samples, %.0f samples/s (%.0f per CPU second),"
                            + " %d B allocated per sample, %d forests built%n",
                    round + 1,
                    xs.length,
                    perSecond[round],
                    perCpuSecond[round],
                    allocated[round],
                    built[round]);
        }

        List<String> names = gen.hosts();
        long stateSum = 0;
        int stateMax = 0;
        for (String h : names) {
            int len = detector.snapshot(h).length;
            stateSum += len;
            stateMax = Math.max(stateMax, len);
        }

        // the scoring path: every host trained, samples judged without learning, interleaved
        Sample[] xs = gen.samplesUntil(START + (rounds + 2) * HOUR).toArray(new Sample[0]);
        HostDetector[] byIndex = new HostDetector[xs.length];
        for (int i = 0; i < xs.length; i++) {
            byIndex[i] = detector.host(xs[i].host);
        }
        double[] scoring = new double[rounds + 1];
        double[] scoringCpu = new double[rounds + 1];
        double sink = 0;
        for (int round = 0; round <= rounds; round++) { // the first round warms the JIT up
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (int i = 0; i < xs.length; i++) {
                byIndex[i].judge(xs[i]);
                sink += byIndex[i].lastScore();
            }
            scoring[round] = xs.length * 1e9 / (System.nanoTime() - t0);
            scoringCpu[round] = xs.length * 1e9 / (mx.getCurrentThreadCpuTime() - cpu0);
        }
        double[] measured = Arrays.copyOfRange(scoring, 1, rounds + 1);
        double[] measuredCpu = Arrays.copyOfRange(scoringCpu, 1, rounds + 1);
        System.out.printf(
                Locale.ROOT,
                "fleet hosts=%d trees=%d retrain_every=%d samples_per_round=%d"
                        + " detector_samples_per_s=%.0f detector_samples_per_cpu_s=%.0f"
                        + " bytes_per_sample=%d forests_per_round=%d anomalies=%d"
                        + " state_bytes_per_host_mean=%d state_bytes_per_host_max=%d"
                        + " scoring_samples_per_s=%.0f scoring_samples_per_cpu_s=%.0f (%s)%n",
                hosts,
                config.trees(),
                config.retrainEverySamples(),
                n,
                median(perSecond),
                median(perCpuSecond),
                (long) median(Arrays.stream(allocated).asDoubleStream().toArray()),
                (long) median(Arrays.stream(built).asDoubleStream().toArray()),
                anomalies,
                stateSum / names.size(),
                stateMax,
                median(measured),
                median(measuredCpu),
                sink > 0 ? "ok" : "no scores");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
