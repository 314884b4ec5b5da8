package com.smartinfra.api.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.smartinfra.api.lineprotocol.LineProtocol.Precision;
import com.smartinfra.schema.RealHostMetrics;
import com.smartinfra.schema.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Telegraf's measurements as samples, from {@code telegraf/linux-host.lp}: recorded Telegraf
 * output, hand-written in Telegraf's documented format (two collections of one host, 10 s apart).
 */
class TelegrafSamplesTest {
    static String recorded() throws IOException {
        try (InputStream in =
                TelegrafSamplesTest.class.getResourceAsStream("/telegraf/linux-host.lp")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void twoCollectionsOfOneHostBecomeTwoSamplesWithRatesFromTheSecondOn() throws Exception {
        LineProtocol.Parsed parsed = LineProtocol.parse(recorded(), Precision.NS);
        assertThat(parsed.errors()).isEmpty();
        TelegrafSamples.Mapped m = new TelegrafSamples().map(parsed.points(), 0);
        assertThat(m.unmapped()).isEmpty();
        List<Sample> s = m.samples();
        assertThat(s).hasSize(2);

        Sample first = s.get(0);
        assertThat(first.host).isEqualTo("web-07");
        assertThat(first.timestamp).isEqualTo(1_750_783_300_000L);
        assertThat(first.cpu).as("100 - idle - iowait").isEqualTo(10.0);
        assertThat(first.memory).as("1 - available / total").isEqualTo(27.2);
        assertThat(first.disk).as("the fullest real filesystem").isEqualTo(81.99);
        assertThat(first.injected).isNull();
        assertThat(first.extraNames).as("the first only gives the counters").isEmpty();

        Sample second = s.get(1);
        assertThat(second.timestamp).isEqualTo(1_750_783_310_000L);
        assertThat(second.cpu).isEqualTo(35.0);
        assertThat(second.memory).isEqualTo(37.19);
        assertThat(second.disk).isEqualTo(82.02);
        // sda +10 MB read +10 MB written, sdb +30 MB written; partitions and loop0 left out
        assertThat(second.extra(RealHostMetrics.DISK_IO)).isCloseTo(5.0, within(1e-9));
        // eth0 +12.5 MB in, +2.5 MB out in 10 s; lo left out
        assertThat(second.extra(RealHostMetrics.NET_IO)).isCloseTo(12.0, within(1e-9));
    }

    @Test
    void theCountersCarryOverFromOneWriteToTheNextAndAResetCountsFromZero() {
        TelegrafSamples mapping = new TelegrafSamples();
        mapping.map(points(collection(10, 1_000_000)), 0);
        List<Sample> next = mapping.map(points(collection(20, 250_000)), 0).samples();
        // eth0 went from 1 MB down to 0.25 MB: reset, so 0.25 MB in 10 s = 0.2 Mbit/s
        assertThat(next).hasSize(1);
        assertThat(next.get(0).extra(RealHostMetrics.NET_IO)).isCloseTo(0.2, within(1e-9));
        assertThat(next.get(0).memory)
                .as("used_percent when available and total are missing")
                .isEqualTo(10.0);
    }

    /** One collection of host h at {@code second} with {@code received} bytes on eth0. */
    private static String collection(long second, long received) {
        String t = " " + second + "000000000\n";
        return "cpu,cpu=cpu-total,host=h usage_idle=50"
                + t
                + "mem,host=h used_percent=10"
                + t
                + "disk,host=h,fstype=ext4,path=/ used_percent=20"
                + t
                + "net,host=h,interface=eth0 bytes_recv="
                + received
                + "i,bytes_sent=0i"
                + t;
    }

    @Test
    void whatCannotBeMappedIsReportedWithItsLine() {
        String body =
                String.join(
                        "\n",
                        "cpu,cpu=cpu-total,host=a usage_idle=90 1000000000000",
                        "mem,host=a used_percent=50 1000000000000",
                        "disk,host=a,fstype=ext4,path=/ used_percent=30 1000000000000",
                        "system,host=a load1=0.5 1000000000000",
                        "cpu,cpu=cpu-total usage_idle=90 1000000000000",
                        "cpu,cpu=cpu-total,host=b usage_idle=90 1000000000000",
                        "disk,host=b,fstype=tmpfs,path=/run used_percent=3 1000000000000");
        TelegrafSamples.Mapped m = new TelegrafSamples().map(points(body), 0);
        assertThat(m.samples()).extracting(x -> x.host).containsExactly("a");
        assertThat(m.unmapped()).extracting(LineError::line).containsExactly(4, 5, 6, 7);
        assertThat(m.unmapped().get(0).message())
                .isEqualTo("measurement 'system' is not mapped (only cpu, mem, disk, diskio, net)");
        assertThat(m.unmapped().get(1).message()).isEqualTo("no 'host' tag");
        assertThat(m.unmapped().get(2).message())
                .isEqualTo(
                        "host 'b' at 1970-01-01T00:16:40Z: no mem (used_percent), no disk"
                                + " (used_percent of a real filesystem) in this write");
    }

    @Test
    void wholeDisksOnly() {
        List<String> devices = List.of("sda", "sda1", "nvme0n1", "nvme0n1p2", "loop3", "dm-0");
        assertThat(devices.stream().filter(d -> TelegrafSamples.wholeDisk(d, devices)))
                .containsExactly("sda", "nvme0n1", "dm-0");
    }

    private static List<LinePoint> points(String body) {
        LineProtocol.Parsed p = LineProtocol.parse(body, Precision.NS);
        assertThat(p.errors()).isEmpty();
        return p.points();
    }
}
