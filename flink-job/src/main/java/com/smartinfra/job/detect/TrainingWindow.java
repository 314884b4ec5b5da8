package com.smartinfra.job.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A bounded ring of feature rows, stored as {@code float} (the model is trained on exactly these
 * rounded values, so a model rebuilt from a checkpoint is the same model), each with its event time
 * in seconds relative to a base. Rows are addressed by sequence number: the n-th row ever appended
 * has sequence n - 1, and the last {@link #size()} sequences are held.
 */
final class TrainingWindow {
    private final int dims;
    private final int capacity;
    private final float[] values;
    private final int[] seconds;
    private long appended;
    private int held;

    TrainingWindow(int dims, int capacity) {
        this.dims = dims;
        this.capacity = capacity;
        this.values = new float[dims * capacity];
        this.seconds = new int[capacity];
    }

    void append(double[] row, int second) {
        int slot = (int) (appended % capacity);
        int o = slot * dims;
        for (int f = 0; f < dims; f++) {
            values[o + f] = (float) row[f];
        }
        seconds[slot] = second;
        appended++;
        if (held < capacity) {
            held++;
        }
    }

    /** Forgets the held rows; sequence numbers keep counting. */
    void clear() {
        held = 0;
    }

    /** Number of rows ever appended: the sequence the next row gets. */
    long appended() {
        return appended;
    }

    int size() {
        return held;
    }

    long oldest() {
        return appended - size();
    }

    int capacity() {
        return capacity;
    }

    float value(long seq, int feature) {
        return values[slotOf(seq) * dims + feature];
    }

    int second(long seq) {
        return seconds[slotOf(seq)];
    }

    /** Rows {@code [from, to)} as new arrays, oldest first. */
    double[][] rows(long from, long to) {
        double[][] out = new double[(int) (to - from)][dims];
        for (long s = from; s < to; s++) {
            int o = slotOf(s) * dims;
            double[] r = out[(int) (s - from)];
            for (int f = 0; f < dims; f++) {
                r[f] = values[o + f];
            }
        }
        return out;
    }

    /**
     * Copies rows {@code [from, to)} into {@code out} row after row ({@code dims} values each),
     * oldest first: the form the forest trains on, without a copy per row.
     */
    void copyRows(long from, long to, float[] out) {
        for (long s = from; s < to; s++) {
            System.arraycopy(values, slotOf(s) * dims, out, (int) (s - from) * dims, dims);
        }
    }

    int dims() {
        return dims;
    }

    private int slotOf(long seq) {
        if (seq < oldest() || seq >= appended) {
            throw new IndexOutOfBoundsException(
                    "row " + seq + " is not held (" + oldest() + ".." + (appended - 1) + ")");
        }
        return (int) (seq % capacity);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(appended);
        out.writeInt(size());
        for (long s = oldest(); s < appended; s++) {
            int slot = (int) (s % capacity);
            out.writeInt(seconds[slot]);
            for (int f = 0; f < dims; f++) {
                out.writeFloat(values[slot * dims + f]);
            }
        }
    }

    /** Reads rows written by {@link #writeTo}; keeps the newest ones when the capacity shrank. */
    void readFrom(DataInput in) throws IOException {
        long total = in.readLong();
        int stored = in.readInt();
        if (total < 0 || stored < 0 || stored > total) {
            throw new IOException("corrupt training window: " + stored + " of " + total + " rows");
        }
        appended = total;
        long first = total - stored;
        for (long s = first; s < total; s++) {
            boolean keep = s >= total - capacity;
            int slot = (int) (s % capacity);
            int sec = in.readInt();
            if (keep) {
                seconds[slot] = sec;
            }
            for (int f = 0; f < dims; f++) {
                float v = in.readFloat();
                if (keep) {
                    values[slot * dims + f] = v;
                }
            }
        }
        held = Math.min(stored, capacity);
    }
}
