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

    /** Ring per metric of the last seasonPeriod values (floats: a day of them fits the state). */
    private final int season;

    private final float[][] seasonal;
    private int seasonPos;
    private int seasonFilled;

    FeatureExtractor(DetectorConfig config) {
        List<Metric> ms = config.modelMetrics();
        this.metrics = ms.toArray(new Metric[0]);
        this.delta = config.deltaFeatures();
        this.rolling = config.rollingWindow();
        this.shingle = config.shingle();
        this.perMetric = config.featuresPerMetric();
        this.historyLength = config.historyLength();
        this.history = new double[metrics.length][historyLength];
        this.season = config.seasonPeriod();
        this.seasonal = new float[metrics.length][season];
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

    /** Features with a tail model: all but the shingle (which only repeats earlier values). */
    boolean[] tailed() {
        boolean[] out = new boolean[dimensions()];
        for (int i = 0; i < metrics.length; i++) {
            for (int k = 0; k < perMetric - shingle; k++) {
                out[i * perMetric + k] = true;
            }
        }
        return out;
    }

    /** For each feature, the value feature of its metric (whose magnitude scales its tails). */
    int[] scaleOf() {
        int[] out = new int[dimensions()];
        for (int f = 0; f < out.length; f++) {
            out[f] = (f / perMetric) * perMetric;
        }
        return out;
    }

    /** Index of the change against one season ago of {@code m}, or -1 when off. */
    int seasonalIndex(Metric m) {
        int v = valueIndex(m);
        return v < 0 || season == 0 ? -1 : v + 1 + (delta ? 1 : 0) + (rolling > 0 ? 2 : 0);
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
            if (season > 0) {
                // the oldest value in the ring is the one a full season ago
                out[o++] = seasonFilled == season ? x - seasonal[i][seasonPos] : 0.0;
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
        if (season > 0) {
            for (int i = 0; i < metrics.length; i++) {
                seasonal[i][seasonPos] = (float) metrics[i].valueOf(s);
            }
            seasonPos = (seasonPos + 1) % season;
            if (seasonFilled < season) {
                seasonFilled++;
            }
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
        out.writeShort(seasonFilled);
        for (int k = seasonFilled; k >= 1; k--) {
            for (float[] r : seasonal) {
                out.writeFloat(r[Math.floorMod(seasonPos - k, season)]);
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
        int m = in.readUnsignedShort();
        if (m > season) {
            throw new IOException(
                    "state has " + m + " values of a season, the configuration keeps " + season);
        }
        seasonPos = 0;
        seasonFilled = 0;
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < seasonal.length; i++) {
                seasonal[i][seasonPos] = in.readFloat();
            }
            seasonPos = (seasonPos + 1) % season;
            seasonFilled++;
        }
    }
}
