package com.smartinfra.job.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The rows the model flagged since the last training, kept out of the training window (the
 * poisoning guard), and the two ways they get in after all: an event the host shows again and again
 * (recurrence) and a new normal (a regime change).
 */
final class FlaggedRows {
    /** Rows alike on a feature lie within this share of its p1..p99 range of each other. */
    private static final double RECURRENCE_DISTANCE = 0.2;

    private final TrainingWindow rows;

    // for each held row, the number of the sample it came from
    private final long[] sampleOf;

    FlaggedRows(int dims, int capacity) {
        this.rows = new TrainingWindow(dims, capacity);
        this.sampleOf = new long[capacity];
    }

    /** Keeps a model-flagged row out of the window, with the number of the sample it came from. */
    void hold(double[] row, int second, long sample) {
        sampleOf[(int) (rows.appended() % sampleOf.length)] = sample;
        rows.append(row, second);
    }

    int size() {
        return rows.size();
    }

    private long sampleAt(long seq) {
        return sampleOf[(int) (seq % sampleOf.length)];
    }

    /**
     * A regime change: the rows flagged within the last {@code recent} samples (up to sample {@code
     * samples}) are the new normal and join {@code window}; the rest are forgotten.
     */
    void releaseRecent(TrainingWindow window, long samples, int recent) {
        for (long p = rows.oldest(); p < rows.appended(); p++) {
            if (sampleAt(p) > samples - recent) {
                window.append(rows.rows(p, p + 1)[0], rows.second(p));
            }
        }
        rows.clear();
    }

    /**
     * The poisoning guard keeps flagged samples out of the window, so an event the host shows again
     * and again (a nightly job) would be an anomaly forever. A flagged row joins {@code window}
     * when rows like it (within a fifth of each feature's p1..p99 range under {@code m}) were
     * flagged in at least {@code episodesNeeded} separate episodes, an episode being a run of
     * flagged samples less than {@code episodeGap} samples apart: one long incident is a single
     * episode. Only the {@code tailed} features are compared.
     */
    void admitRecurring(
            TrainingWindow window,
            ForestModel m,
            boolean[] tailed,
            int episodesNeeded,
            int episodeGap) {
        int n = rows.size();
        if (n < episodesNeeded) {
            return;
        }
        long first = rows.oldest();
        double[][] held = rows.rows(first, rows.appended());
        long[] at = new long[n];
        int[] seconds = new int[n];
        for (int i = 0; i < n; i++) {
            at[i] = sampleAt(first + i);
            seconds[i] = rows.second(first + i);
        }
        // episodes: runs of flagged rows (alike or not) less than a drift window apart; the
        // held rows are in flagging order
        int[] episode = new int[n];
        for (int i = 1; i < n; i++) {
            episode[i] = episode[i - 1] + (at[i] - at[i - 1] > episodeGap ? 1 : 0);
        }
        boolean[] admit = new boolean[n];
        for (int i = 0; i < n; i++) {
            int episodes = 0;
            int last = -1;
            for (int j = 0; j < n; j++) {
                if (episode[j] != last && close(held[i], held[j], m, tailed)) {
                    episodes++;
                    last = episode[j];
                }
            }
            admit[i] = episodes >= episodesNeeded;
        }
        rows.clear();
        for (int i = 0; i < n; i++) {
            if (admit[i]) {
                window.append(held[i], seconds[i]);
            } else {
                hold(held[i], seconds[i], at[i]);
            }
        }
    }

    /**
     * Alike on every feature: both ordinary on it, or within a fifth of its range of each other.
     */
    private static boolean close(double[] a, double[] b, ForestModel m, boolean[] tailed) {
        for (int f = 0; f < a.length; f++) {
            if (!tailed[f]) {
                continue;
            }
            double tolerance = RECURRENCE_DISTANCE * Math.max(m.high(f) - m.low(f), 1e-9);
            double lo = m.low(f) - tolerance;
            double hi = m.high(f) + tolerance;
            boolean bothOrdinary = a[f] >= lo && a[f] <= hi && b[f] >= lo && b[f] <= hi;
            if (!bothOrdinary && Math.abs(a[f] - b[f]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    void writeTo(DataOutput out) throws IOException {
        rows.writeTo(out);
        for (long p = rows.oldest(); p < rows.appended(); p++) {
            out.writeLong(sampleAt(p));
        }
    }

    void readFrom(DataInput in) throws IOException {
        rows.readFrom(in);
        for (long p = rows.oldest(); p < rows.appended(); p++) {
            sampleOf[(int) (p % sampleOf.length)] = in.readLong();
        }
    }
}
