package com.smartinfra.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The watermark policy of the metrics source, at explicit wall-clock times. */
class HostClocksTest {
    private static final long NOW = 1_750_783_320_000L;
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long OUT_OF_ORDERNESS = 10 * SECOND;
    private final HostClocks clocks = new HostClocks(OUT_OF_ORDERNESS, MINUTE);

    private static long watermarkFor(long eventTime) {
        return eventTime - OUT_OF_ORDERNESS - 1;
    }

    @Test
    void nothingBeforeTheFirstSample() {
        assertThat(clocks.watermark(NOW)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void aFastClockInAPartitionOfTwoDoesNotDragTheWatermark() {
        clocks.observe("steady", NOW - 2 * SECOND, NOW);
        clocks.observe("fast", NOW + 4 * MINUTE, NOW);
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(NOW - 2 * SECOND));
        clocks.observe("fast", NOW + 4 * MINUTE + 3 * SECOND, NOW + 3 * SECOND);
        clocks.observe("steady", NOW + SECOND, NOW + 3 * SECOND);
        assertThat(clocks.watermark(NOW + 3 * SECOND)).isEqualTo(watermarkFor(NOW + SECOND));
    }

    @Test
    void evenAMajorityOfFastClocksCannotMoveItPastTheWallClock() {
        clocks.observe("a", NOW + 3 * MINUTE, NOW);
        clocks.observe("b", NOW + 4 * MINUTE, NOW);
        clocks.observe("c", NOW - SECOND, NOW);
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(NOW));
    }

    @Test
    void aSlowMinorityDoesNotHoldTheOthersBack() {
        clocks.observe("a", NOW, NOW);
        clocks.observe("b", NOW - SECOND, NOW);
        clocks.observe("slow", NOW - 2 * MINUTE, NOW);
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(NOW - SECOND));
    }

    @Test
    void aReplayOfOldDataFollowsItsEventTimeEvenWithAFastHostInIt() {
        long hourAgo = NOW - 60 * MINUTE;
        for (int i = 0; i < 100; i++) {
            long t = hourAgo + i * 3 * SECOND;
            clocks.observe("steady", t, NOW);
            clocks.observe("other", t + 500, NOW);
            clocks.observe("fast", t + 4 * MINUTE, NOW);
        }
        long last = hourAgo + 99 * 3 * SECOND;
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(last + 500));
    }

    @Test
    void aSilentHostIsForgottenAfterAWhile() {
        clocks.observe("gone", NOW - 5 * MINUTE, NOW);
        clocks.observe("live", NOW, NOW);
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(NOW - 5 * MINUTE));
        clocks.observe("live", NOW + MINUTE, NOW + MINUTE + 1);
        assertThat(clocks.watermark(NOW + MINUTE + 1)).isEqualTo(watermarkFor(NOW + MINUTE));
        assertThat(clocks.hosts()).isEqualTo(1);
    }

    @Test
    void neverGoesBack() {
        clocks.observe("a", NOW, NOW);
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(NOW));
        // a newcomer far behind lowers the median, not the watermark
        clocks.observe("b", NOW - 10 * MINUTE, NOW);
        assertThat(clocks.watermark(NOW)).isEqualTo(watermarkFor(NOW));
        // and a clock set back keeps its host's latest time
        clocks.observe("a", NOW - MINUTE, NOW + SECOND);
        clocks.observe("b", NOW + SECOND, NOW + SECOND);
        assertThat(clocks.watermark(NOW + SECOND)).isEqualTo(watermarkFor(NOW));
    }
}
