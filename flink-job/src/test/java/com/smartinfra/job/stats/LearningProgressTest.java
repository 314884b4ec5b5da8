package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.job.detect.Anomaly;
import com.smartinfra.job.detect.DetectorConfig;
import com.smartinfra.job.detect.HostDetector;
import com.smartinfra.schema.Sample;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link LearningProgress} follows the detector's learning from outside it: the same samples go to
 * a real {@link HostDetector} and, with the anomalies it reports, to the progress; after every
 * sample both must agree on whether the host is still learning.
 */
class LearningProgressTest {
    private static final long T0 = 1_750_783_320_000L;

    /** Feeds both, sample by sample; asserts agreement; returns the progress. */
    private static LearningProgress followAlongside(
            DetectorConfig config, long intervalMs, int samples, Set<Integer> breaches) {
        HostDetector detector = new HostDetector("web-01", config);
        LearningPeriod period = LearningPeriod.of(config, Duration.ZERO);
        LearningProgress progress = new LearningProgress();
        Random random = new Random(7);
        for (int i = 0; i < samples; i++) {
            double cpu = breaches.contains(i) ? 97 : 30 + 3 * random.nextGaussian();
            Sample s =
                    new Sample(
                            "web-01",
                            T0 + i * intervalMs,
                            cpu,
                            55 + 2 * random.nextGaussian(),
                            40 + 0.2 * random.nextGaussian());
            Anomaly a = detector.process(s);
            AnomalyCounts c = new AnomalyCounts();
            c.add(RateEvent.of(s));
            if (a != null) {
                c.add(RateEvent.of(a));
            }
            progress.add(c);
            assertThat(progress.learning(period))
                    .as(
                            "sample %d: learning, detector model version %d",
                            i, detector.modelVersion())
                    .isEqualTo(detector.modelVersion() == 0);
        }
        return progress;
    }

    @Test
    void agreesWithTheDetectorWhenTheSpanDecidesEvenWithRuleBreachesDuringWarmUp() {
        // a sample every 2 s: 32 clean samples after about a minute, the 2-minute span later
        DetectorConfig config = DetectorConfig.defaults();
        LearningProgress p = followAlongside(config, 2_000, 120, Set.of(3, 10, 11, 70));
        assertThat(p.learning(LearningPeriod.of(config, Duration.ZERO))).isFalse();
        assertThat(p.msLeft(LearningPeriod.of(config, Duration.ZERO))).isZero();
    }

    @Test
    void agreesWithTheDetectorWhenCleanSamplesDecide() {
        // a sample every 30 s: two minutes pass quickly, 32 clean samples do not; every breach
        // during the warm-up puts the model off by one more sample
        DetectorConfig config = DetectorConfig.defaults();
        followAlongside(config, 30_000, 60, Set.of(1, 2, 20, 33, 34));
    }

    @Test
    void agreesWithTheDetectorUnderALongerWarmUp() {
        DetectorConfig config =
                DetectorConfig.builder()
                        .warmUp(Duration.ofMinutes(30))
                        .minTrainingSamples(40)
                        .build();
        followAlongside(config, 10_000, 400, Set.of(5, 150, 179, 180));
    }

    @Test
    void estimatesTheTimeLeftFromTheSpanOrTheMissingSamplesWhicheverIsLonger() {
        LearningPeriod period = new LearningPeriod(Duration.ofMinutes(30), 32);
        LearningProgress p = new LearningProgress();
        // 10 samples a minute apart, one of them a rule breach: 9 clean, 9 minutes spanned
        for (int i = 0; i < 10; i++) {
            AnomalyCounts c = new AnomalyCounts();
            c.add(RateEvent.of(new Sample("h", T0 + i * 60_000L, 1, 1, 1)));
            if (i == 4) {
                Anomaly a = new Anomaly("h", T0 + i * 60_000L, 97, 1, 1, "cpu>85", 97, 85, 0, "");
                c.add(RateEvent.of(a));
            }
            p.add(c);
        }
        assertThat(p.learning(period)).isTrue();
        assertThat(p.samplesLeft(period)).isEqualTo(23);
        // 23 samples at one a minute outlast the 21 minutes of span still missing
        assertThat(p.msLeft(period)).isEqualTo(23 * 60_000L);

        LearningPeriod longSpan = new LearningPeriod(Duration.ofHours(1), 10);
        assertThat(p.samplesLeft(longSpan)).isEqualTo(1);
        assertThat(p.msLeft(longSpan)).isEqualTo(51 * 60_000L);

        // an anomaly of a trained model ends the learning whatever the counts say
        AnomalyCounts trained = new AnomalyCounts();
        trained.add(
                RateEvent.of(new Anomaly("h", T0 + 700_000, 1, 1, 1, "model", 0.8, 0.6, 1, "")));
        p.add(trained);
        assertThat(p.learning(period)).isFalse();
        assertThat(p.msLeft(period)).isZero();
        assertThat(p.samplesLeft(period)).isZero();
    }

    @Test
    void aWindowCountedAgainIsTakenBackFirst() {
        LearningPeriod period = new LearningPeriod(Duration.ZERO, 3);
        LearningProgress p = new LearningProgress();
        AnomalyCounts first = new AnomalyCounts();
        first.add(RateEvent.of(new Sample("h", T0, 1, 1, 1)));
        first.add(RateEvent.of(new Sample("h", T0 + 1, 1, 1, 1)));
        p.add(first);
        AnomalyCounts again = first.copy();
        again.add(RateEvent.of(new Sample("h", T0 + 2, 1, 1, 1)));
        p.remove(first);
        p.add(again);
        assertThat(p.samples).isEqualTo(3);
        assertThat(p.learning(period)).isFalse();
    }

    @Test
    void aTrainedModelStillLearnsUntilTheAlertsLearningPeriodHasPassed() {
        // the detector trains after 5 minutes; its model alerts page after an hour
        LearningPeriod period = new LearningPeriod(Duration.ofMinutes(5), 3, Duration.ofHours(1));
        LearningProgress p = new LearningProgress();
        AnomalyCounts window = new AnomalyCounts();
        for (long t = T0; t <= T0 + 10 * 60_000; t += 60_000) {
            window.add(RateEvent.of(new Sample("h", t, 1, 1, 1)));
        }
        window.add(RateEvent.of(new Anomaly("h", T0 + 600_000, 1, 1, 1, "model", 0.8, 0.6, 1, "")));
        p.add(window);
        assertThat(p.learning(period)).isTrue();
        assertThat(p.samplesLeft(period)).as("the detector has its model").isZero();
        assertThat(p.msLeft(period)).isEqualTo(50 * 60_000L);

        AnomalyCounts later = new AnomalyCounts();
        later.add(RateEvent.of(new Sample("h", T0 + 3_600_000, 1, 1, 1)));
        p.add(later);
        assertThat(p.learning(period)).isFalse();
        assertThat(p.msLeft(period)).isZero();
    }
}
