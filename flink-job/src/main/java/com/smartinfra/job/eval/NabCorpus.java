package com.smartinfra.job.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reading NAB files: data and results CSVs and the label windows JSON. */
public final class NabCorpus {
    /** Share of each file NAB leaves unscored at its start. */
    public static final double PROBATION_PERCENT = 0.15;

    private static final DateTimeFormatter TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private NabCorpus() {}

    /** One CSV of a corpus: its rows, and the anomaly scores when it is a results file. */
    public static final class DataFile {
        /**
         * Path relative to the data directory with {@code /}, e.g. {@code realAWSCloudwatch/x.csv}.
         */
        public final String name;

        public final long[] timestamps;
        public final double[] values;

        /** The {@code anomaly_score} column, or null in a data file. */
        public final double[] anomalyScores;

        DataFile(String name, long[] timestamps, double[] values, double[] anomalyScores) {
            this.name = name;
            this.timestamps = timestamps;
            this.values = values;
            this.anomalyScores = anomalyScores;
        }

        public String category() {
            int slash = name.lastIndexOf('/');
            return slash < 0 ? "" : name.substring(0, slash);
        }

        public String baseName() {
            return name.substring(name.lastIndexOf('/') + 1);
        }
    }

    /**
     * Epoch milliseconds of a NAB timestamp ({@code 2014-04-10 07:15:00[.000000]}), read as UTC.
     */
    public static long parseTimestamp(String s) {
        try {
            return LocalDateTime.parse(s.trim(), TIMESTAMP)
                    .toInstant(ZoneOffset.UTC)
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a NAB timestamp: '" + s + "'", e);
        }
    }

    public static String formatTimestamp(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC)
                .format(OUT);
    }

    /** Every {@code *.csv} below {@code dir}, sorted by relative name. */
    public static List<DataFile> readDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("NAB data directory " + dir + " does not exist");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files =
                    s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"))
                            .sorted()
                            .collect(Collectors.toList());
        }
        List<DataFile> out = new ArrayList<>();
        for (Path p : files) {
            String name = dir.relativize(p).toString().replace('\\', '/');
            out.add(readCsv(p, name));
        }
        return out;
    }

    /** A data CSV ({@code timestamp,value}) or results CSV (also {@code anomaly_score}). */
    public static DataFile readCsv(Path file, String name) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException(file + " is empty");
            }
            List<String> cols = Arrays.asList(header.trim().split(","));
            int ts = cols.indexOf("timestamp");
            int value = cols.indexOf("value");
            int score = cols.indexOf("anomaly_score");
            if (ts < 0 || value < 0) {
                throw new IOException(file + " has no 'timestamp' and 'value' columns: " + header);
            }
            List<String[]> rows = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(line.split(",", -1));
                }
            }
            long[] t = new long[rows.size()];
            double[] v = new double[rows.size()];
            double[] a = score < 0 ? null : new double[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                String[] row = rows.get(i);
                try {
                    t[i] = parseTimestamp(row[ts]);
                    v[i] = Double.parseDouble(row[value]);
                    if (a != null) {
                        a[i] = Double.parseDouble(row[score]);
                    }
                } catch (RuntimeException e) {
                    throw new IOException(file + " line " + (i + 2) + ": " + e.getMessage(), e);
                }
            }
            return new DataFile(name, t, v, a);
        }
    }

    /**
     * The label windows ({@code combined_windows.json}): file name to [start, end] pairs in epoch
     * milliseconds.
     */
    public static Map<String, List<long[]>> readWindows(Path json) throws IOException {
        try (InputStream in = Files.newInputStream(json)) {
            return readWindows(in, json.toString());
        }
    }

    static Map<String, List<long[]>> readWindows(InputStream in, String source) throws IOException {
        Map<String, List<long[]>> out = new TreeMap<>();
        try (JsonParser p = new JsonFactory().createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, source);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String file = p.currentName();
                expect(p.nextToken(), JsonToken.START_ARRAY, source);
                List<long[]> windows = new ArrayList<>();
                JsonToken tok;
                while ((tok = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (tok == JsonToken.VALUE_STRING) {
                        throw new IOException(
                                source
                                        + " lists anomaly points, not windows: pass NAB's"
                                        + " combined_windows.json as --labels");
                    }
                    expect(tok, JsonToken.START_ARRAY, source);
                    expect(p.nextToken(), JsonToken.VALUE_STRING, source);
                    long start = parseTimestamp(p.getText());
                    expect(p.nextToken(), JsonToken.VALUE_STRING, source);
                    long end = parseTimestamp(p.getText());
                    expect(p.nextToken(), JsonToken.END_ARRAY, source);
                    windows.add(new long[] {start, end});
                }
                out.put(file, windows);
            }
        }
        return out;
    }

    private static void expect(JsonToken actual, JsonToken expected, String source)
            throws IOException {
        if (actual != expected) {
            throw new IOException(
                    source
                            + " is not a NAB windows file: expected "
                            + expected
                            + ", found "
                            + actual);
        }
    }

    /** 1 for rows inside a window, else 0: the {@code label} column of NAB results files. */
    public static int[] labels(long[] timestamps, List<long[]> windows) {
        int[] out = new int[timestamps.length];
        for (int i = 0; i < timestamps.length; i++) {
            for (long[] w : windows) {
                if (timestamps[i] >= w[0] && timestamps[i] <= w[1]) {
                    out[i] = 1;
                    break;
                }
            }
        }
        return out;
    }
}
