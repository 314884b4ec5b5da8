package com.smartinfra.job.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's generator sends what the simulator sends, and its splits advance together. */
class WireRecordGeneratorTest {
    private static final long T0 = 1_750_000_000_000L;

    @Test
    void everyRecordIsAValidSampleOfItsHostAndStep() {
        long now = System.currentTimeMillis();
        long start = now - 3_600_000L;
        WireRecordGenerator g =
                new WireRecordGenerator(
                        4, 2, 40, start, 3_000L, Duration.ofDays(7), Duration.ofMinutes(5));
        g.open(null);
        List<String> seen = new ArrayList<>();
        for (long i = 0; i < 40; i++) {
            IngestRecord r = g.map(i);
            assertThat(r.deadLetter).as("record %d", i).isNull();
            Sample s = r.sample;
            seen.add(s.host + "@" + (s.timestamp - start) / 3_000L);
            assertThat(s.cpu).isBetween(0.0, 100.0);
        }
        List<String> hosts = SampleGenerator.hostNames(4);
        // split 0 (records 0..19) carries the first two hosts through steps 0..9, split 1 the rest
        assertThat(seen.subList(0, 4))
                .containsExactly(
                        hosts.get(0) + "@0",
                        hosts.get(1) + "@0",
                        hosts.get(0) + "@1",
                        hosts.get(1) + "@1");
        assertThat(seen.subList(20, 22)).containsExactly(hosts.get(2) + "@0", hosts.get(3) + "@0");
        assertThat(seen).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void recordsOutsideTheTimeBoundsAreDeadLetters() {
        // the job's own validation runs: a stream older than ingest.max-age is refused
        WireRecordGenerator g =
                new WireRecordGenerator(
                        2,
                        1,
                        2,
                        T0 - 30L * 86_400_000L,
                        3_000L,
                        Duration.ofDays(7),
                        Duration.ofMinutes(5));
        g.open(null);
        assertThat(g.map(0L).deadLetter).isNotNull();
    }
}
