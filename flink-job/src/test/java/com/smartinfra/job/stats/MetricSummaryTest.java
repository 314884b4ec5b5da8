package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetricSummaryTest {
    private static MetricSummary of(double... values) {
        MetricSummary m = new MetricSummary();
        for (double v : values) {
            m.add(v);
        }
        return m;
    }

    /** Nearest rank: the smallest value with at least 95 % of the values at or below it. */
    private static double exactP95(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.length - 1e-9);
        return sorted[rank - 1];
    }

    @Test
    void summarisesAKnownSeriesExactly() {
        MetricSummary m = of(2, 4, 4, 4, 5, 5, 7, 9);

        assertThat(m.count).isEqualTo(8);
        assertThat(m.meanOrNaN()).isEqualTo(5.0);
        assertThat(m.minOrNaN()).isEqualTo(2.0);
        assertThat(m.maxOrNaN()).isEqualTo(9.0);
        assertThat(m.stddev()).isEqualTo(2.0); // population standard deviation
        assertThat(m.p95()).isEqualTo(9.0); // ceil(0.95 * 8) = 8th of 8
        assertThat(m.isApproximate()).isFalse();
    }

    @Test
    void p95IsTheNearestRank() {
        double[] twenty = new double[20];
        for (int i = 0; i < 20; i++) {
            twenty[i] = 20 - i; // 20, 19, ..., 1: order must not matter
        }
        assertThat(of(twenty).p95()).isEqualTo(19.0); // 19th of 20

        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = (i * 37) % 100; // a permutation of 0..99
        }
        assertThat(of(hundred).p95()).isEqualTo(94.0); // 95th of 100
        assertThat(of(42.5).p95()).isEqualTo(42.5);
    }

    @Test
    void aSingleValueHasNoSpread() {
        MetricSummary m = of(37.25);

        assertThat(m.stddev()).isEqualTo(0.0);
        assertThat(m.meanOrNaN()).isEqualTo(37.25);
        assertThat(m.p95()).isEqualTo(37.25);
    }

    @Test
    void anEmptySummaryIsNaN() {
        MetricSummary m = new MetricSummary();

        assertThat(m.meanOrNaN()).isNaN();
        assertThat(m.minOrNaN()).isNaN();
        assertThat(m.stddev()).isNaN();
        assertThat(m.p95()).isNaN();
    }

    @Test
    void staysExactUpToTheLimitThenSwitchesToTheHistogram() {
        MetricSummary m = new MetricSummary();
        for (int i = 0; i < MetricSummary.EXACT_LIMIT; i++) {
            m.add(i % 100 + 0.01 * i);
        }
        assertThat(m.isApproximate()).isFalse();
        assertThat(m.values).hasSize(MetricSummary.EXACT_LIMIT);

        m.add(50);

        assertThat(m.isApproximate()).isTrue();
        assertThat(m.values).isNull();
        assertThat(Arrays.stream(m.histogram).sum()).isEqualTo(MetricSummary.EXACT_LIMIT + 1);
    }

    @Test
    void histogramP95IsWithinHalfABucketOfTheExactValue() {
        Random random = new Random(7);
        for (int run = 0; run < 50; run++) {
            int n = MetricSummary.EXACT_LIMIT + 1 + random.nextInt(5000);
            double[] values = new double[n];
            MetricSummary m = new MetricSummary();
            for (int i = 0; i < n; i++) {
                // skewed like CPU: mostly low, a tail of high values, some exactly 0 and 100
                double u = random.nextDouble();
                values[i] = u < 0.01 ? 0 : u > 0.99 ? 100 : Math.min(100, 100 * Math.pow(u, 3) + 5);
                m.add(values[i]);
            }
            assertThat(m.isApproximate()).isTrue();
            assertThat(m.p95())
                    .as("run %d, n %d", run, n)
                    .isCloseTo(exactP95(values), within(MetricSummary.BUCKET_WIDTH / 2 + 1e-9));
        }
    }

    @Test
    void meanAndStddevStayAccurateOnLargeWindows() {
        Random random = new Random(11);
        int n = 100_000;
        double[] values = new double[n];
        MetricSummary m = new MetricSummary();
        for (int i = 0; i < n; i++) {
            values[i] = 90 + random.nextDouble(); // large mean, small spread
            m.add(values[i]);
        }
        double mean = Arrays.stream(values).average().orElseThrow();
        double var = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / n;

        assertThat(m.meanOrNaN()).isCloseTo(mean, within(1e-9));
        assertThat(m.stddev()).isCloseTo(Math.sqrt(var), within(1e-9));
    }

    @Test
    void mergingEqualsAddingEverythingToOne() {
        Random random = new Random(3);
        for (int[] sizes :
                new int[][] {{0, 5}, {5, 0}, {10, 20}, {200, 100}, {300, 10}, {3, 400}}) {
            MetricSummary a = new MetricSummary();
            MetricSummary b = new MetricSummary();
            MetricSummary all = new MetricSummary();
            for (int i = 0; i < sizes[0]; i++) {
                double v = Math.round(random.nextDouble() * 1000) / 10.0;
                a.add(v);
                all.add(v);
            }
            for (int i = 0; i < sizes[1]; i++) {
                double v = Math.round(random.nextDouble() * 1000) / 10.0;
                b.add(v);
                all.add(v);
            }

            a.merge(b);

            String as = Arrays.toString(sizes);
            assertThat(a.count).as(as).isEqualTo(all.count);
            assertThat(a.meanOrNaN()).as(as).isCloseTo(all.meanOrNaN(), within(1e-9));
            assertThat(a.stddev()).as(as).isCloseTo(all.stddev(), within(1e-9));
            assertThat(a.minOrNaN()).as(as).isEqualTo(all.minOrNaN());
            assertThat(a.maxOrNaN()).as(as).isEqualTo(all.maxOrNaN());
            assertThat(a.isApproximate()).as(as).isEqualTo(all.isApproximate());
            assertThat(a.p95()).as(as).isEqualTo(all.p95());
        }
    }

    @Test
    void bucketsCoverZeroToOneHundredInclusive() {
        assertThat(MetricSummary.bucket(0)).isEqualTo(0);
        assertThat(MetricSummary.bucket(0.09)).isEqualTo(0);
        assertThat(MetricSummary.bucket(0.1)).isEqualTo(1);
        assertThat(MetricSummary.bucket(99.95)).isEqualTo(MetricSummary.BUCKETS - 1);
        assertThat(MetricSummary.bucket(100)).isEqualTo(MetricSummary.BUCKETS - 1);
        assertThat(MetricSummary.bucket(-3)).isEqualTo(0);
        assertThat(MetricSummary.bucket(250)).isEqualTo(MetricSummary.BUCKETS - 1);
    }
}
