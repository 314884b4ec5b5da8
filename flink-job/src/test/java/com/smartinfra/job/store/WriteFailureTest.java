package com.smartinfra.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How InfluxDB's answers are read, how long the writer waits, how often it logs. */
class WriteFailureTest {
    @Test
    void refusedPointsAreThoseInfluxDbWillRefuseAgain() {
        assertThat(WriteFailure.of(400, "unable to parse 'x'"))
                .isEqualTo(WriteFailure.REFUSED_POINTS);
        assertThat(WriteFailure.of(413, "")).isEqualTo(WriteFailure.REFUSED_POINTS);
        assertThat(
                        WriteFailure.of(
                                422,
                                "failure writing points to database: partial write: points"
                                        + " beyond retention policy dropped=1"))
                .isEqualTo(WriteFailure.REFUSED_POINTS);
        // InfluxDB 2.0's answer for the same
        assertThat(
                        WriteFailure.of(
                                500,
                                "unexpected error writing points to database: partial write:"
                                        + " points beyond retention policy dropped=1"))
                .isEqualTo(WriteFailure.REFUSED_POINTS);
    }

    @Test
    void noAnswerTimeoutsThrottlingAndServerErrorsAreTransient() {
        for (int status : new int[] {0, 408, 429, 500, 502, 503, 504}) {
            assertThat(WriteFailure.of(status, "fault injected by test proxy"))
                    .as("HTTP " + status)
                    .isEqualTo(WriteFailure.TRANSIENT);
        }
    }

    @Test
    void aRefusedTokenOrAMissingBucketIsAConfigurationError() {
        for (int status : new int[] {401, 403, 404, 405}) {
            assertThat(WriteFailure.of(status, "not found"))
                    .as("HTTP " + status)
                    .isEqualTo(WriteFailure.CONFIGURATION);
        }
    }

    @Test
    void aPartialWriteThatDroppedEveryPointNeedsNoHalving() {
        String answer = "partial write: points beyond retention policy dropped=8";
        assertThat(WriteFailure.droppedAll(answer, 8)).isTrue();
        assertThat(WriteFailure.droppedAll(answer, 80)).isFalse();
        assertThat(WriteFailure.droppedAll("unable to parse 'x': invalid field format", 1))
                .isFalse();
        assertThat(
                        WriteFailure.droppedAll(
                                "partial write: unable to parse 'x y': invalid field format"
                                        + " dropped=0",
                                2))
                .isFalse();
    }

    @Test
    void aBurstCostsOneLogLinePerIntervalThatCountsTheRest() {
        LogThrottle t = new LogThrottle(60_000);
        assertThat(t.admit(0)).isZero();
        assertThat(t.admit(1_000)).isEqualTo(-1);
        assertThat(t.admit(59_999)).isEqualTo(-1);
        assertThat(t.admit(60_000)).isEqualTo(2);
        t.reset();
        assertThat(t.admit(60_001)).isZero();
    }

    @Test
    void aDeadLetterCarriesThePointsOwnTime() {
        assertThat(InfluxDeadLetters.timestampOf("m,host=a v=1 1750000000000"))
                .isEqualTo(1_750_000_000_000L);
        assertThat(InfluxDeadLetters.timestampOf("m,host=a v=1")).isEqualTo(-1);
    }
}
