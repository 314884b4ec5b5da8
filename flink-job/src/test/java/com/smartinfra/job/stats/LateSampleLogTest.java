package com.smartinfra.job.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LateSampleLogTest {
    private static final long T0 = 1_750_783_320_000L;

    @Test
    void logsTheFirstAtOnceThenOneSummaryPerMinute() {
        LateSampleLog log = new LateSampleLog("1m", Duration.ofSeconds(30));
        long now = 5_000_000L;

        String first = log.record(new Sample("web-01", T0, 1, 2, 3), now);
        assertThat(first)
                .startsWith("1 sample arrived too late for the 1m host statistics")
                .contains("30 s")
                .contains("host web-01 at 2025-06-24T16:42:00Z");

        for (int i = 1; i <= 99; i++) {
            assertThat(log.record(new Sample("db-01", T0 + i, 1, 2, 3), now + i * 100L)).isNull();
        }
        String summary = log.record(new Sample("db-02", T0 + 500, 1, 2, 3), now + 60_000);
        assertThat(summary)
                .startsWith("100 samples arrived too late")
                .contains("host db-02 at 2025-06-24T16:42:00.500Z");

        assertThat(log.record(new Sample("db-03", T0, 1, 2, 3), now + 61_000)).isNull();
        assertThat(log.flush()).startsWith("1 sample arrived too late").contains("db-03");
        assertThat(log.flush()).isNull();
    }
}
