package com.smartinfra.simulator.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import com.smartinfra.simulator.realhost.ProcTruth;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scrapes Debian's real node_exporter on this machine and checks each derived metric against the
 * test's own reading of /proc taken around the scrapes ({@link ProcTruth}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeExporterScrapeITCase {
    private NodeExporterProcess nodeExporter;

    @BeforeAll
    void start() throws Exception {
        nodeExporter = NodeExporterProcess.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (nodeExporter != null) {
            nodeExporter.close();
        }
    }

    @Test
    void aScrapedSampleAgreesWithProcOnTheSameMachine() throws Exception {
        List<Long> times = new ArrayList<>();
        ScrapeTarget target =
                new ScrapeTarget(
                        nodeExporter.url(),
                        HttpClient.newHttpClient(),
                        Duration.ofSeconds(20),
                        Optional.of("/"),
                        () -> {
                            long t = System.currentTimeMillis();
                            times.add(t);
                            return t;
                        });
        ProcTruth before0 = ProcTruth.read("/");
        assertThat(target.scrape()).as("the first scrape only reads the counters").isEmpty();
        ProcTruth after0 = ProcTruth.read("/");
        writeAndSync(Path.of("target", "scrape-test-io.bin"), 32 << 20);
        Thread.sleep(1500);
        ProcTruth before1 = ProcTruth.read("/");
        Sample s = target.scrape().orElseThrow();
        ProcTruth after1 = ProcTruth.read("/");

        assertThat(s.host)
                .isEqualTo(
                        HostName.sanitize(
                                Files.readString(Path.of("/proc/sys/kernel/hostname")).trim()));
        assertThat(s.injected).isNull();
        SampleJson.parse(SampleJson.toJson(s)); // valid on the wire
        List<ProcTruth.Check> checks =
                ProcTruth.check(s, times.get(1) - times.get(0), before0, after0, before1, after1);
        assertThat(s.extra("disk_io")).as("32 MB written and synced").isGreaterThan(1.0);
        System.out.println(
                "node_exporter scrape vs /proc over " + (times.get(1) - times.get(0)) + " ms:");
        checks.forEach(c -> System.out.println("  " + c));
    }

    @Test
    void theFullestRealFilesystemIsTakenWithoutAMountPoint() throws Exception {
        ScrapeTarget target =
                new ScrapeTarget(
                        nodeExporter.url(),
                        HttpClient.newHttpClient(),
                        Duration.ofSeconds(20),
                        Optional.empty(),
                        System::currentTimeMillis);
        target.scrape();
        Thread.sleep(200);
        Sample s = target.scrape().orElseThrow();
        // the fullest of the real (disk-backed) filesystems df lists
        double fullest = 0;
        for (String mount : realMounts()) {
            ProcTruth t = ProcTruth.read(mount);
            fullest =
                    Math.max(
                            fullest,
                            com.smartinfra.schema.RealHostMetrics.usedPercent(
                                    t.fsSize(), t.fsFree(), t.fsAvailable()));
        }
        assertThat(s.disk).isCloseTo(fullest, org.assertj.core.api.Assertions.within(0.1));
    }

    /** Mount points of real filesystems from /proc/mounts (the test's own reading). */
    static List<String> realMounts() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (com.smartinfra.schema.RealHostMetrics.isRealFilesystem(f[2])
                    && f[0].startsWith("/dev/")) {
                out.add(f[1].replace("\\040", " "));
            }
        }
        return out;
    }

    /** Writes {@code bytes} to {@code file} and forces them to the disk. */
    static void writeAndSync(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch =
                FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int written = 0; written < bytes; written += chunk.capacity()) {
                chunk.clear();
                // not zeros: a filesystem might store a run of zeros as a hole
                for (int i = 0; i < chunk.capacity(); i += 8) {
                    chunk.putLong(i, System.nanoTime() ^ i);
                }
                ch.write(chunk);
            }
            ch.force(true);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
