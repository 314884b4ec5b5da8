package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OrderStatisticsTest {

    @Test
    void theSelectedRanksHoldWhatASortPutsThereWithNothingOutOfPlaceAroundThem() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int round = 0; round < 500; round++) {
            int n = 1 + rng.nextInt(600);
            double[] a = new double[n];
            // few distinct values in some rounds: ties must land right too
            int distinct = rng.nextBoolean() ? 1 + rng.nextInt(5) : Integer.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                a[i] =
                        distinct == Integer.MAX_VALUE
                                ? rng.nextDouble() * 100
                                : rng.nextInt(distinct);
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int[] ranks = new int[1 + rng.nextInt(10)];
            for (int k = 0; k < ranks.length; k++) {
                ranks[k] = rng.nextInt(n);
            }
            Arrays.sort(ranks);
            OrderStatistics.select(a, n, ranks);
            double[] after = a.clone();
            Arrays.sort(after);
            assertThat(after).as("a permutation of the input").containsExactly(sorted);
            for (int r : ranks) {
                assertThat(a[r]).as("rank %d of %d", r, n).isEqualTo(sorted[r]);
                for (int i = 0; i < n; i++) {
                    if (i < r) {
                        assertThat(a[i]).isLessThanOrEqualTo(a[r]);
                    } else if (i > r) {
                        assertThat(a[i]).isGreaterThanOrEqualTo(a[r]);
                    }
                }
            }
        }
    }
}
