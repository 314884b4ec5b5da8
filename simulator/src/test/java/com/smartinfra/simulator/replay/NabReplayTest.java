package com.smartinfra.simulator.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.schema.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NabReplayTest {
    private static final long START = Instant.parse("2025-06-24T00:00:00Z").toEpochMilli();

    @TempDir Path dir;

    private Path csv(String content) throws Exception {
        return Files.writeString(dir.resolve("series.csv"), content);
    }

    @Test
    void readsANabFile() throws Exception {
        NabSeries s =
                NabSeries.read(
                        csv(
                                "timestamp,value\n"
                                        + "2014-04-10 00:02:00,12.5\n"
                                        + "2014-04-10 00:07:00,14\n"
                                        + "\n"
                                        + "2014-04-10 00:12:00,90.25\n"));
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.value(0)).isEqualTo(12.5);
        assertThat(s.value(2)).isEqualTo(90.25);
        assertThat(s.timestamp(0)).isEqualTo(Instant.parse("2014-04-10T00:02:00Z").toEpochMilli());
        assertThat(s.timestamp(1) - s.timestamp(0)).isEqualTo(300_000);
    }

    @Test
    void replaysTheValuesAsOneHostsCpuOnTheSimulatorClock() throws Exception {
        NabSeries s =
                NabSeries.read(
                        csv(
                                "\uFEFFtimestamp,value\r\n"
                                        + "2014-04-10 00:02:00,12.5\r\n"
                                        + "2014-04-10 00:07:00,120\r\n"
                                        + "2014-04-10 00:12:00,-3\r\n"
                                        + "2014-04-10T00:17:00Z,55.555\r\n"));
        NabReplay replay = new NabReplay(s, "ec2-a", Duration.ofSeconds(3), 1L, START);
        assertThat(replay.outOfRangeValues()).isEqualTo(2);
        List<Sample> out = new ArrayList<>();
        replay.forEachRemaining(out::add);
        assertThat(out).extracting(x -> x.cpu).containsExactly(12.5, 100.0, 0.0, 55.56);
        assertThat(out)
                .extracting(x -> x.timestamp - START)
                .containsExactly(0L, 3000L, 6000L, 9000L);
        assertThat(out)
                .allSatisfy(
                        x -> {
                            assertThat(x.host).isEqualTo("ec2-a");
                            assertThat(x.injected).isNull();
                            assertThat(x.memory)
                                    .isBetween(
                                            NabReplay.MEMORY_BASELINE - 1.5,
                                            NabReplay.MEMORY_BASELINE + 1.5);
                            assertThat(x.disk)
                                    .isBetween(
                                            NabReplay.DISK_BASELINE - 0.3,
                                            NabReplay.DISK_BASELINE + 0.3);
                        });
        assertThat(replay.hasNext()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | : line 1: the file is empty (expected the header 'timestamp,value')",
                "time,cpu\\n2014-04-10 00:02:00,1 | : line 1: expected the header 'timestamp,value', found 'time,cpu'",
                "timestamp,value | : no data rows after the header",
                "timestamp,value\\n2014-04-10 00:02:00,1\\n2014-04-10 00:07:00,abc | : line 3: value 'abc' is not a finite number",
                "timestamp,value\\nyesterday,1 | : line 2: timestamp 'yesterday' is not like 2014-04-10 00:02:00",
                "timestamp,value\\n2014-04-10 00:02:00,1,2 | : line 2: expected 2 columns, found 3",
            })
    void badFilesAreRefusedWithFileAndLine(String content, String message) throws Exception {
        Path f = csv(content.replace("\\n", "\n"));
        assertThatThrownBy(() -> NabSeries.read(f))
                .isInstanceOf(ReplayFileException.class)
                .hasMessage("--replay " + f + message);
    }
}
