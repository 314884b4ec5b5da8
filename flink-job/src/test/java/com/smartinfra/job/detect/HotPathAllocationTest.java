package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Judging a normal sample (no training due) allocates next to nothing. */
class HotPathAllocationTest {
    @Test
    void scoringANormalSampleDoesNotAllocate() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                mx instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean hs = (com.sun.management.ThreadMXBean) mx;
        DetectorConfig c =
                DetectorConfig.builder()
                        .contamination(1e-6)
                        .retrainEverySamples(100)
                        .retrainEvery(Duration.ofDays(30))
                        .driftSigmas(1000)
                        .build();
        HostDetector d = new HostDetector("h", c);
        Samples s = new Samples("h", 31, 10_000L);
        Sample[] xs = new Sample[2300];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = s.next();
        }
        // trained at 32, 132, 232, 332 clean samples; the next training is due at 432
        for (int i = 0; i < 340; i++) {
            d.process(xs[i]);
        }
        int version = d.modelVersion();
        assertThat(version).isEqualTo(4);
        long tid = Thread.currentThread().getId();
        long before = hs.getThreadAllocatedBytes(tid);
        int anomalies = 0;
        for (int i = 340; i < 410; i++) {
            if (d.process(xs[i]) != null) {
                anomalies++;
            }
        }
        long quiet = (hs.getThreadAllocatedBytes(tid) - before) / 70;
        System.out.println("bytes allocated per judged sample: " + quiet);
        assertThat(d.modelVersion()).isEqualTo(version);
        assertThat(anomalies).isZero();
        assertThat(quiet).isLessThan(16);
    }
}
