package com.smartinfra.simulator.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleGeneratorTest {
    private static final long START = Instant.parse("2025-06-24T00:00:00Z").toEpochMilli();
    private static final long HOUR = 3_600_000L;

    @Test
    void sameSeedGivesTheSameStream() {
        List<Sample> a = new SampleGenerator(10, 3_000, 0.1, 42L, START).samples(20_000);
        List<Sample> b = new SampleGenerator(10, 3_000, 0.1, 42L, START).samples(20_000);
        assertThat(a).isEqualTo(b);
        assertThat(a).anyMatch(s -> s.injected != null);
    }

    @Test
    void differentSeedGivesADifferentStream() {
        List<Sample> a = new SampleGenerator(5, 3_000, 0.1, 42L, START).samples(1_000);
        List<Sample> b = new SampleGenerator(5, 3_000, 0.1, 43L, START).samples(1_000);
        assertThat(a).isNotEqualTo(b);
        long sameCpu = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).cpu == b.get(i).cpu) {
                sameCpu++;
            }
        }
        assertThat(sameCpu).isLessThan(50);
    }

    @Test
    void aHostsStreamDoesNotDependOnTheNumberOfHosts() {
        List<Sample> five = new SampleGenerator(5, 3_000, 0.1, 7L, START).samples(5 * 500);
        List<Sample> ten = new SampleGenerator(10, 3_000, 0.1, 7L, START).samples(10 * 500);
        assertThat(onlyHost(ten, "db-01")).isEqualTo(onlyHost(five, "db-01"));
    }

    private static List<Sample> onlyHost(List<Sample> samples, String host) {
        return samples.stream().filter(s -> s.host.equals(host)).collect(Collectors.toList());
    }

    @Test
    void hostNamesAreDeterministicValidAndUnique() {
        assertThat(SampleGenerator.hostNames(7))
                .containsExactly(
                        "web-01", "db-01", "cache-01", "worker-01", "queue-01", "web-02", "db-02");
        List<String> many = SampleGenerator.hostNames(1_000);
        assertThat(new HashSet<>(many)).hasSize(1_000);
        assertThat(many).allMatch(HostName::isValid).contains("queue-200");
    }

    @Test
    void everyHostSamplesOncePerTickAtTheInterval() {
        SampleGenerator gen = new SampleGenerator(3, 3_000, 0.1, 1L, START);
        List<Sample> samples = gen.samples(9);
        assertThat(samples)
                .extracting(s -> s.host)
                .containsExactly(
                        "web-01",
                        "db-01",
                        "cache-01",
                        "web-01",
                        "db-01",
                        "cache-01",
                        "web-01",
                        "db-01",
                        "cache-01");
        assertThat(samples)
                .extracting(s -> s.timestamp - START)
                .containsExactly(0L, 0L, 0L, 3_000L, 3_000L, 3_000L, 6_000L, 6_000L, 6_000L);
        assertThat(gen.nextTimestamp()).isEqualTo(START + 9_000);
        assertThat(gen.generated()).isEqualTo(9);
    }

    @Test
    void subMillisecondIntervalsTruncateTimestampsToTheMillisecond() {
        SampleGenerator gen = new SampleGenerator(1, Duration.ofNanos(250_000), 0, 1L, START);
        assertThat(gen.samples(9))
                .extracting(s -> s.timestamp - START)
                .containsExactly(0L, 0L, 0L, 0L, 1L, 1L, 1L, 1L, 2L);
    }

    @Test
    void samplesUntilStopsAtTheEndTime() {
        SampleGenerator gen = new SampleGenerator(10, 3_000, 0.1, 42L, START);
        List<Sample> hour = gen.samplesUntil(START + HOUR);
        assertThat(hour).hasSize(12_000);
        assertThat(hour.get(hour.size() - 1).timestamp).isEqualTo(START + HOUR - 3_000);
        assertThat(gen.nextTimestamp()).isEqualTo(START + HOUR);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.03, 0.3})
    void anomalyRateCountsAnomalousSamplesIncludingRamps(double rate) {
        SampleGenerator gen = new SampleGenerator(20, 3_000, rate, 99L, START);
        List<Sample> samples = gen.samples(20 * 5_000);
        long labelled = samples.stream().filter(s -> s.injected != null).count();
        double observed = labelled / (double) samples.size();
        assertThat(observed).isCloseTo(rate, within(Math.max(0.015, rate * 0.1)));
        assertThat(gen.anomalous()).isEqualTo(labelled);
        assertThat(gen.anomaliesByKind().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(labelled);
    }

    @Test
    void zeroRateInjectsNothing() {
        assertThat(new SampleGenerator(5, 3_000, 0, 1L, START).samples(20_000))
                .allMatch(s -> s.injected == null);
    }

    @Test
    void everyKindOccursInAnHourOfTenHosts() {
        // the shape of the detection evaluation: 10 hosts, 1 hour simulated, fixed seed
        List<Sample> hour =
                new SampleGenerator(10, 3_000, 0.1, 42L, START).samplesUntil(START + HOUR);
        Set<String> kinds =
                hour.stream()
                        .map(s -> s.injected)
                        .filter(k -> k != null)
                        .collect(Collectors.toSet());
        assertThat(kinds)
                .containsExactlyInAnyOrder("cpu_spike", "memory_leak", "disk_fill", "overload");
    }

    @Test
    void labelsMarkExactlyTheSamplesOutsideTheNormalRange() {
        SampleGenerator gen = new SampleGenerator(25, 3_000, 0.1, 5L, START);
        List<Sample> samples = gen.samples(25 * 4_000);
        Map<String, HostModel> models = new HashMap<>();
        for (int i = 0; i < gen.hosts().size(); i++) {
            models.put(gen.hosts().get(i), gen.model(i));
        }
        for (Sample s : samples) {
            assertThat(s.cpu).isBetween(0.0, 100.0);
            assertThat(s.memory).isBetween(0.0, 100.0);
            assertThat(s.disk).isBetween(0.0, 100.0);
            HostModel m = models.get(s.host);
            double diskIoMax = m.diskIoBaseline() * HostModel.NORMAL_IO_MAX_FACTOR;
            double netIoMax = m.netIoBaseline() * HostModel.NORMAL_IO_MAX_FACTOR;
            double diskIo = s.extra(SampleGenerator.DISK_IO);
            double netIo = s.extra(SampleGenerator.NET_IO);
            assertThat(diskIo).isPositive();
            assertThat(netIo).isPositive();
            if (s.injected == null) {
                assertThat(s.cpu)
                        .as("normal cpu %s", s)
                        .isLessThanOrEqualTo(HostModel.NORMAL_CPU_MAX);
                assertThat(s.memory)
                        .as("normal memory %s", s)
                        .isLessThanOrEqualTo(HostModel.NORMAL_MEMORY_MAX);
                assertThat(s.disk)
                        .as("normal disk %s", s)
                        .isLessThanOrEqualTo(HostModel.NORMAL_DISK_MAX);
                assertThat(diskIo).as("normal disk_io %s", s).isLessThanOrEqualTo(diskIoMax);
                assertThat(netIo).as("normal net_io %s", s).isLessThanOrEqualTo(netIoMax);
                continue;
            }
            switch (s.injected) {
                case "cpu_spike":
                    assertThat(s.cpu).as("%s", s).isGreaterThan(90.0);
                    break;
                case "memory_leak":
                    assertThat(s.memory).as("%s", s).isGreaterThan(HostModel.NORMAL_MEMORY_MAX + 4);
                    break;
                case "disk_fill":
                    assertThat(s.disk).as("%s", s).isGreaterThan(HostModel.NORMAL_DISK_MAX + 14);
                    assertThat(diskIo).as("%s", s).isGreaterThan(diskIoMax);
                    break;
                case "overload":
                    assertThat(s.cpu).as("%s", s).isGreaterThan(85.0);
                    assertThat(s.memory).as("%s", s).isGreaterThan(85.0);
                    assertThat(diskIo).as("%s", s).isGreaterThan(diskIoMax);
                    assertThat(netIo).as("%s", s).isGreaterThan(netIoMax);
                    break;
                default:
                    throw new AssertionError("unknown label in " + s);
            }
        }
    }

    @Test
    void rampsClimbPastTheAlertThresholds() {
        List<Sample> samples = new SampleGenerator(10, 3_000, 0.1, 8L, START).samples(10 * 5_000);
        List<List<Sample>> episodes = episodes(samples);
        assertThat(episodes).hasSizeGreaterThan(300);
        Map<String, Integer> seen = new HashMap<>();
        for (List<Sample> e : episodes) {
            String kind = e.get(0).injected;
            seen.merge(kind, 1, Integer::sum);
            assertThat(e.size()).isGreaterThanOrEqualTo(AnomalyKind.fromLabel(kind).minLength());
            switch (kind) {
                case "memory_leak":
                    assertThat(e.stream().mapToDouble(s -> s.memory).max().getAsDouble())
                            .isGreaterThan(90.0);
                    // a ramp: it ends higher than it starts
                    assertThat(e.get(e.size() - 1).memory).isGreaterThan(e.get(0).memory + 5);
                    break;
                case "disk_fill":
                    assertThat(e.stream().mapToDouble(s -> s.disk).max().getAsDouble())
                            .isGreaterThan(95.0);
                    assertThat(e.get(e.size() - 1).disk).isGreaterThan(e.get(0).disk + 5);
                    break;
                case "cpu_spike":
                case "overload":
                    assertThat(e.stream().mapToDouble(s -> s.cpu).max().getAsDouble())
                            .isGreaterThan(90.0);
                    break;
                default:
                    throw new AssertionError(kind);
            }
        }
        assertThat(seen).containsOnlyKeys("cpu_spike", "memory_leak", "disk_fill", "overload");
    }

    /** Runs of consecutive samples of one host with the same label. */
    private static List<List<Sample>> episodes(List<Sample> samples) {
        Map<String, List<Sample>> open = new HashMap<>();
        List<List<Sample>> out = new ArrayList<>();
        for (Sample s : samples) {
            List<Sample> run = open.get(s.host);
            if (run != null && !run.get(0).injected.equals(s.injected)) {
                out.add(run);
                open.remove(s.host);
                run = null;
            }
            if (s.injected != null) {
                if (run == null) {
                    run = new ArrayList<>();
                    open.put(s.host, run);
                }
                run.add(s);
            }
        }
        // runs still open at the end may be cut short: leave them out
        return out;
    }

    @Test
    void cpuFollowsADailyCycle() {
        SampleGenerator gen = new SampleGenerator(5, 60_000, 0, 3L, START);
        List<Sample> twoDays = gen.samplesUntil(START + 48 * HOUR);
        for (int i = 0; i < 5; i++) {
            HostModel m = gen.model(i);
            double peak = meanCpuNear(twoDays, m.host(), m.peakHour());
            double trough = meanCpuNear(twoDays, m.host(), m.peakHour() + 12);
            assertThat(peak - trough)
                    .as("%s peak-trough cpu", m.host())
                    .isGreaterThan(0.7 * m.cpuDailyAmplitude());
        }
        // batch workers are busiest at night, web servers in the afternoon
        assertThat(gen.model(3).role()).isEqualTo(HostRole.WORKER);
        assertThat(gen.model(3).peakHour()).isBetween(1.0, 3.0);
        assertThat(gen.model(0).peakHour()).isBetween(13.0, 15.0);
    }

    private static double meanCpuNear(List<Sample> samples, String host, double hour) {
        return samples.stream()
                .filter(s -> s.host.equals(host))
                .filter(
                        s -> {
                            double h = Math.floorMod(s.timestamp, 86_400_000L) / 3_600_000.0;
                            double d = Math.abs(h - (hour % 24));
                            return Math.min(d, 24 - d) <= 1.0;
                        })
                .mapToDouble(s -> s.cpu)
                .average()
                .orElseThrow();
    }

    @Test
    void everySampleIsValidOnTheWire() throws Exception {
        for (Sample s : new SampleGenerator(10, 3_000, 0.2, 11L, START).samples(5_000)) {
            assertThat(SampleJson.parse(SampleJson.toJson(s))).isEqualTo(s);
        }
    }

    @Test
    void fleetIncidentsHitSeveralHostsTogetherAndLeaveTheRestOfTheStreamAsItWas() {
        List<Sample> plain =
                new SampleGenerator(10, 3_000, 0.01, 42L, START).samplesUntil(START + 6 * HOUR);
        List<Sample> fleet =
                new SampleGenerator(10, 3_000, 0.01, 42L, START)
                        .withFleetIncidents(Duration.ofHours(1), 4)
                        .samplesUntil(START + 6 * HOUR);
        assertThat(fleet).hasSameSizeAs(plain);
        // first sample of each host's fleet episode, grouped into incidents
        Map<String, Long> episodeStart = new HashMap<>();
        List<List<Long>> incidents = new ArrayList<>();
        Map<String, Boolean> inEpisode = new HashMap<>();
        for (int k = 0; k < fleet.size(); k++) {
            Sample s = fleet.get(k);
            boolean isFleet = SampleGenerator.FLEET_LABEL.equals(s.injected);
            if (!isFleet) {
                assertThat(s).isEqualTo(plain.get(k));
                inEpisode.put(s.host, false);
                continue;
            }
            assertThat(s.cpu).isBetween(90.0, 98.0);
            if (!inEpisode.getOrDefault(s.host, false)) {
                inEpisode.put(s.host, true);
                episodeStart.put(s.host, s.timestamp);
                if (incidents.isEmpty()
                        || s.timestamp - incidents.get(incidents.size() - 1).get(0) > 60_000) {
                    incidents.add(new ArrayList<>());
                }
                incidents.get(incidents.size() - 1).add(s.timestamp);
            }
        }
        // about one an hour (gaps of 45-75 min) over 6 h
        assertThat(incidents).hasSizeBetween(4, 8);
        for (List<Long> starts : incidents) {
            assertThat(starts).as("hosts of one incident").hasSize(4);
            assertThat(starts.get(starts.size() - 1) - starts.get(0))
                    .as("they start within two samples")
                    .isLessThanOrEqualTo(6_000);
        }
    }
}
