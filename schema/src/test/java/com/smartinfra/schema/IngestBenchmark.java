package com.smartinfra.schema;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Benchmark main (not a test): samples per second through the ingest hot path on one thread — parse
 * and validate the wire format, then encode the {@code system_metrics} line — and the bytes
 * allocated per sample. Run:
 *
 * <pre>
 * mvn -B -ntp -q -pl schema test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.smartinfra.schema.IngestBenchmark
 * </pre>
 */
public final class IngestBenchmark {
    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        byte[][] records = new byte[1024][];
        for (int i = 0; i < records.length; i++) {
            Sample s =
                    new Sample(
                                    "web-" + (i % 50),
                                    1_750_000_000_000L + i * 3000L,
                                    (i * 7) % 100 + 0.5,
                                    (i * 13) % 100 + 0.25,
                                    (i * 17) % 100 + 0.125)
                            .withExtra("disk_io", i * 1.5)
                            .withExtra("net_io", i * 2.5);
            records[i] = SampleJson.toJson(s);
        }
        StringBuilder line = new StringBuilder(256);
        long sink = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var sunThreads = (com.sun.management.ThreadMXBean) threads;
        long tid = Thread.currentThread().getId();
        for (int round = 0; round < 8; round++) {
            int n = 2_000_000;
            long bytes0 = sunThreads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Sample s = SampleJson.parse(records[i & 1023]);
                line.setLength(0);
                sink += InfluxSchema.appendSystemMetrics(line, s).length();
            }
            long t1 = System.nanoTime();
            long bytes1 = sunThreads.getThreadAllocatedBytes(tid);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %,.0f samples/s on one thread, %,d bytes allocated per sample%n",
                    round,
                    n / ((t1 - t0) / 1e9),
                    (bytes1 - bytes0) / n);
        }
        System.out.println(
                "(checksum "
                        + sink
                        + ", record "
                        + records[1].length
                        + " bytes: "
                        + new String(records[1], StandardCharsets.UTF_8)
                        + ")");
    }
}
