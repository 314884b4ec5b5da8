package com.smartinfra.simulator.realhost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.Sample;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Samples from two readings: CPU share, memory, the disk chosen, I/O rates, counter resets. */
class HostReadingTest {
    private static final List<Filesystem> DISKS =
            List.of(
                    new Filesystem("/", "ext4", 1000, 600, 550), // 400 / (400 + 550) = 42.1 %
                    new Filesystem("/data", "xfs", 1000, 100, 100), // 90 %
                    new Filesystem("/run", "tmpfs", 1000, 0, 0), // full, but not real
                    new Filesystem("/snap/x", "squashfs", 1000, 0, 0));

    private static HostReading reading(
            long t, double busy, double idle, double disk, double net, List<Filesystem> fs) {
        return new HostReading(
                t,
                Map.of("cpu0/user", busy * 0.75, "cpu1/system", busy * 0.25),
                Map.of("cpu0/idle", idle / 2, "cpu1/iowait", idle / 2),
                16e9,
                12e9,
                fs,
                disk < 0 ? Map.of() : Map.of("sda/read", disk / 2, "sda/write", disk / 2),
                net < 0 ? Map.of() : Map.of("eth0/rx", net));
    }

    @Test
    void makesTheSampleOfTheTimeBetweenTwoReadings() throws Exception {
        HostReading a = reading(10_000, 100, 300, 5e6, 1e6, DISKS);
        HostReading b = reading(12_000, 130, 310, 9e6, 2e6, DISKS); // busy +30, idle +10
        Sample s = b.sampleSince(a, "box", Optional.empty());
        assertThat(s.host).isEqualTo("box");
        assertThat(s.timestamp).isEqualTo(12_000);
        assertThat(s.cpu).isEqualTo(75.0);
        assertThat(s.memory).isEqualTo(25.0);
        assertThat(s.disk).as("the fullest real filesystem: /data").isEqualTo(90.0);
        assertThat(s.extra("disk_io")).as("4 MB in 2 s").isEqualTo(2.0);
        assertThat(s.extra("net_io")).as("1 MB in 2 s = 4 Mbit/s").isEqualTo(4.0);
        assertThat(s.injected).isNull();
    }

    @Test
    void aChosenMountPointIsMeasuredWhateverItsType() throws Exception {
        HostReading a = reading(0, 1, 1, -1, -1, DISKS);
        HostReading b = reading(1000, 2, 2, -1, -1, DISKS);
        assertThat(b.sampleSince(a, "box", Optional.of("/")).disk).isEqualTo(42.11);
        assertThat(b.sampleSince(a, "box", Optional.of("/run")).disk).isEqualTo(100.0);
        assertThatThrownBy(() -> b.sampleSince(a, "box", Optional.of("/srv")))
                .isInstanceOf(ReadingException.class)
                .hasMessageContaining("no filesystem is mounted at /srv")
                .hasMessageContaining("/data xfs");
        Sample s = b.sampleSince(a, "box", Optional.empty());
        assertThat(s.extraNames).as("no counters, no rates").isEmpty();
    }

    @Test
    void aCounterResetCountsFromZeroAndNewSeriesWaitForTheirSecondReading() throws Exception {
        HostReading a = reading(0, 1000, 1000, 50e6, 10e6, DISKS);
        // the machine rebooted: every counter is small again
        HostReading b = reading(10_000, 6, 2, 3e6, 1e6, DISKS);
        Sample s = b.sampleSince(a, "box", Optional.empty());
        assertThat(s.cpu).isEqualTo(75.0);
        assertThat(s.extra("disk_io")).isEqualTo(0.3);
        assertThat(s.extra("net_io")).isEqualTo(0.8);
        assertThat(s.cpu).isBetween(0.0, 100.0);

        HostReading c =
                new HostReading(
                        20_000,
                        b.cpuBusy(),
                        Map.of("cpu0/idle", 10.0, "cpu1/iowait", 1.0),
                        16e9,
                        12e9,
                        DISKS,
                        Map.of("sda/read", 2.5e6, "sda/write", 1.5e6, "sdb/read", 1e12),
                        b.netBytes());
        assertThat(c.sampleSince(b, "box", Optional.empty()).extra("disk_io"))
                .as("sdb appeared: it counts from its next reading")
                .isEqualTo(0.1);
    }

    @Test
    void refusesReadingsWithoutTimeOrFigures() {
        HostReading a = reading(0, 5, 5, -1, -1, DISKS);
        assertThatThrownBy(
                        () ->
                                reading(1000, 5, 5, -1, -1, DISKS)
                                        .sampleSince(a, "b", Optional.empty()))
                .hasMessageContaining("no CPU time passed");
        assertThatThrownBy(() -> a.sampleSince(a, "b", Optional.empty()))
                .hasMessageContaining("not in time order");
        assertThatThrownBy(
                        () ->
                                reading(1000, 6, 6, -1, -1, List.of(DISKS.get(2)))
                                        .sampleSince(a, "b", Optional.empty()))
                .hasMessageContaining("no real filesystem");
        HostReading noMemory =
                new HostReading(
                        1000,
                        Map.of("cpu0/user", 9.0),
                        Map.of("cpu0/idle", 9.0),
                        Double.NaN,
                        1,
                        DISKS,
                        Map.of(),
                        Map.of());
        assertThatThrownBy(() -> noMemory.sampleSince(a, "b", Optional.empty()))
                .hasMessageContaining("no memory figures");
    }
}
