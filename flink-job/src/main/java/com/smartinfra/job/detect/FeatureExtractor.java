package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * Turns one host's samples into feature vectors: per model metric the value, then optionally its
 * delta, its deviation from the short rolling mean and the rolling standard deviation, then a
 * shingle of previous values. Keeps the short history it needs; writes into a caller's array so the
 * hot path allocates nothing.
 */
final class FeatureExtractor {
    private final Metric[] metrics;
    private final boolean delta;
    private final int rolling;
    private final int shingle;
    private final int perMetric;
    private final int historyLength;

    /**
     * Ring buffer per metric of the previous values; {@code history[m][(pos - 1) mod H]} newest.
     */
    private final double[][] history;

    private int pos;
    private int filled;

    FeatureExtractor(DetectorConfig config) {
        List<Metric> ms = config.modelMetrics();
        this.metrics = ms.toArray(new Metric[0]);
        this.delta = config.deltaFeatures();
        this.rolling = config.rollingWindow();
        this.shingle = config.shingle();
        this.perMetric = config.featuresPerMetric();
        this.historyLength = config.historyLength();
        this.history = new double[metrics.length][historyLength];
    }

    int dimensions() {
        return metrics.length * perMetric;
    }

    /** Index of the raw value of model metric {@code m} in a feature vector, or -1. */
    int valueIndex(Metric m) {
        for (int i = 0; i < metrics.length; i++) {
            if (metrics[i] == m) {
                return i * perMetric;
            }
        }
        return -1;
    }

    /** Index of the delta of model metric {@code m}, or -1 when deltas are off. */
    int deltaIndex(Metric m) {
        int v = valueIndex(m);
        return v < 0 || !delta ? -1 : v + 1;
    }

    /** Index of the deviation from the rolling mean of {@code m}, or -1 when off. */
    int rollingIndex(Metric m) {
        int v = valueIndex(m);
        return v < 0 || rolling == 0 ? -1 : v + 1 + (delta ? 1 : 0);
    }

    Metric[] metrics() {
        return metrics;
    }

    /** Writes the features of {@code s} given the history so far; does not change the history. */
    void extract(Sample s, double[] out) {
        for (int i = 0; i < metrics.length; i++) {
            double x = metrics[i].valueOf(s);
            double[] h = history[i];
            int o = i * perMetric;
            out[o++] = x;
            if (delta) {
                out[o++] = filled > 0 ? x - previous(h, 1) : 0.0;
            }
            if (rolling > 0) {
                int n = Math.min(filled, rolling);
                double sum = 0.0;
                for (int k = 1; k <= n; k++) {
                    sum += previous(h, k);
                }
                out[o++] = n > 0 ? x - sum / n : 0.0;
                // std over the last `rolling` values including this one
                int m = Math.min(filled, rolling - 1);
                double mean = x;
                for (int k = 1; k <= m; k++) {
                    mean += previous(h, k);
                }
                mean /= (m + 1);
                double var = (x - mean) * (x - mean);
                for (int k = 1; k <= m; k++) {
                    double d = previous(h, k) - mean;
                    var += d * d;
                }
                out[o++] = Math.sqrt(var / (m + 1));
            }
            for (int k = 1; k <= shingle; k++) {
                out[o++] = k <= filled ? previous(h, k) : x;
            }
        }
    }

    /** Appends the values of {@code s} to the history. */
    void advance(Sample s) {
        for (int i = 0; i < metrics.length; i++) {
            history[i][pos] = metrics[i].valueOf(s);
        }
        pos = (pos + 1) % historyLength;
        if (filled < historyLength) {
            filled++;
        }
    }

    private double previous(double[] h, int k) {
        return h[Math.floorMod(pos - k, historyLength)];
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeByte(filled);
        for (int k = filled; k >= 1; k--) {
            for (double[] h : history) {
                out.writeDouble(previous(h, k));
            }
        }
    }

    void readFrom(DataInput in) throws IOException {
        int n = in.readUnsignedByte();
        if (n > historyLength) {
            throw new IOException(
                    "state has "
                            + n
                            + " values of history, the configuration keeps "
                            + historyLength);
        }
        pos = 0;
        filled = 0;
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < history.length; i++) {
                history[i][pos] = in.readDouble();
            }
            pos = (pos + 1) % historyLength;
            filled++;
        }
    }
}
