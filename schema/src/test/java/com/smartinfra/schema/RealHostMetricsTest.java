package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RealHostMetricsTest {
    @Test
    void realFilesystemsAreTheDiskBackedOnes() {
        assertThat(RealHostMetrics.isRealFilesystem("ext4")).isTrue();
        assertThat(RealHostMetrics.isRealFilesystem("xfs")).isTrue();
        assertThat(RealHostMetrics.isRealFilesystem("btrfs")).isTrue();
        assertThat(RealHostMetrics.isRealFilesystem("vfat")).isTrue();
        for (String t :
                new String[] {
                    "tmpfs",
                    "devtmpfs",
                    "squashfs",
                    "overlay",
                    "nfs4",
                    "fuse.lxcfs",
                    "TMPFS",
                    "",
                    null
                }) {
            assertThat(RealHostMetrics.isRealFilesystem(t)).as(t).isFalse();
        }
    }

    @Test
    void usedPercentCountsAsDfDoes() {
        // df: 26981840 used, 79409072 available -> 26 %
        double size = 264212084, avail = 79409072, free = size - 26981840;
        assertThat(RealHostMetrics.usedPercent(size, free, avail))
                .isCloseTo(100.0 * 26981840 / (26981840 + 79409072), within(1e-9));
        assertThat(RealHostMetrics.usedPercent(0, 0, 0)).isNaN();
        assertThat(RealHostMetrics.usedPercent(100, 0, 0)).isEqualTo(100.0);
    }

    @Test
    void aCounterThatWentDownWasReset() {
        assertThat(RealHostMetrics.counterIncrease(100, 150)).isEqualTo(50);
        assertThat(RealHostMetrics.counterIncrease(100, 100)).isZero();
        assertThat(RealHostMetrics.counterIncrease(1_000_000, 40)).isEqualTo(40);
    }

    @Test
    void percentIsClampedAndRatesHaveTheSimulatorsUnits() {
        assertThat(RealHostMetrics.percent(100.0000001)).isEqualTo(100.0);
        assertThat(RealHostMetrics.percent(-1e-9)).isEqualTo(0.0);
        assertThat(RealHostMetrics.percent(Double.NaN)).isNaN();
        assertThat(RealHostMetrics.megabytesPerSecond(3_000_000, 2000)).isEqualTo(1.5);
        assertThat(RealHostMetrics.megabitsPerSecond(1_000_000, 1000)).isEqualTo(8.0);
    }
}
