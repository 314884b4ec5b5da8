package com.smartinfra.simulator.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * A Numenta Anomaly Benchmark (NAB) data file: a header {@code timestamp,value} and one row per
 * observation, e.g. {@code 2014-04-10 00:02:00,12.5}. Timestamps without a zone are UTC.
 */
public final class NabSeries {
    private final long[] timestamps;
    private final double[] values;

    public NabSeries(long[] timestamps, double[] values) {
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
        this.timestamps = timestamps;
        this.values = values;
    }

    /** Reads and validates the whole file (NAB files are at most a few MB). */
    public static NabSeries read(Path file) throws ReplayFileException {
        long[] ts = new long[1024];
        double[] vs = new double[1024];
        int n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw error(file, 1, "the file is empty (expected the header 'timestamp,value')");
            }
            header = header.replace("\uFEFF", "").trim().toLowerCase(java.util.Locale.ROOT);
            if (!header.replace(" ", "").replace("\"", "").equals("timestamp,value")) {
                throw error(
                        file, 1, "expected the header 'timestamp,value', found '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                String[] cols = line.split(",", -1);
                if (cols.length != 2) {
                    throw error(file, lineNo, "expected 2 columns, found " + cols.length);
                }
                if (n == ts.length) {
                    ts = Arrays.copyOf(ts, n * 2);
                    vs = Arrays.copyOf(vs, n * 2);
                }
                ts[n] = parseTimestamp(file, lineNo, unquote(cols[0]));
                vs[n] = parseValue(file, lineNo, unquote(cols[1]));
                n++;
            }
        } catch (IOException e) {
            throw new ReplayFileException("--replay " + file + ": cannot read: " + e.getMessage());
        }
        if (n == 0) {
            throw new ReplayFileException("--replay " + file + ": no data rows after the header");
        }
        return new NabSeries(Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }

    private static String unquote(String s) {
        s = s.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    private static long parseTimestamp(Path file, int line, String s) throws ReplayFileException {
        String iso = s.replace(' ', 'T');
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw error(file, line, "timestamp '" + s + "' is not like 2014-04-10 00:02:00");
            }
        }
    }

    private static double parseValue(Path file, int line, String s) throws ReplayFileException {
        try {
            double d = Double.parseDouble(s);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(file, line, "value '" + s + "' is not a finite number");
    }

    private static ReplayFileException error(Path file, int line, String message) {
        return new ReplayFileException("--replay " + file + ": line " + line + ": " + message);
    }

    public int size() {
        return values.length;
    }

    /** Original timestamp of row {@code i}, epoch ms. */
    public long timestamp(int i) {
        return timestamps[i];
    }

    public double value(int i) {
        return values[i];
    }
}
