package com.smartinfra.job.detect;

import com.smartinfra.schema.Sample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes the one-line explanation of an anomaly: which metric(s) drove it, how, and the range the
 * host's recent clean samples span (1st to 99th percentile of the training set).
 */
final class Explainer {
    private static final double TINY = 1e-9;

    private Explainer() {}

    /**
     * Explains a model anomaly. A metric drives it when one of its features (value, delta, rolling
     * deviation or spread) lies outside that feature's p1..p99 on the training set; metrics are
     * listed by how far outside, relative to the width of that range. When no single feature is
     * outside, the anomaly is an unusual combination and the most unusual metric is named.
     */
    static String model(
            Sample s,
            double[] features,
            FeatureExtractor fx,
            ForestModel m,
            int spanSeconds,
            double score) {
        Metric[] metrics = fx.metrics();
        double[] drive = new double[metrics.length];
        int[] driver = new int[metrics.length];
        boolean any = false;
        for (int i = 0; i < metrics.length; i++) {
            drive[i] = -1;
            for (int f : candidateFeatures(fx, metrics[i])) {
                if (f < 0) {
                    continue;
                }
                double lo = m.low(f);
                double hi = m.high(f);
                double x = features[f];
                double out = Math.max(0.0, Math.max(x - hi, lo - x)) / Math.max(hi - lo, TINY);
                if (out > drive[i]) {
                    drive[i] = out;
                    driver[i] = f;
                }
            }
            any |= drive[i] > 0;
        }
        StringBuilder b = new StringBuilder();
        if (!any) {
            // no feature is out of range on its own: name the metric furthest from its median
            int best = 0;
            double bestDev = -1;
            for (int i = 0; i < metrics.length; i++) {
                int f = fx.valueIndex(metrics[i]);
                double dev =
                        Math.abs(features[f] - m.median(f)) / Math.max(m.high(f) - m.low(f), TINY);
                if (dev > bestDev) {
                    bestDev = dev;
                    best = i;
                }
            }
            b.append("unusual combination: ");
            describe(b, s, features, fx, m, metrics[best], fx.valueIndex(metrics[best]));
        } else {
            boolean[] done = new boolean[metrics.length];
            int listed = 0;
            while (listed < 3) {
                int best = -1;
                for (int i = 0; i < metrics.length; i++) {
                    if (!done[i] && drive[i] > 0 && (best < 0 || drive[i] > drive[best])) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                done[best] = true;
                if (listed++ > 0) {
                    b.append("; ");
                }
                describe(b, s, features, fx, m, metrics[best], driver[best]);
            }
        }
        b.append(" (p1–p99 of ")
                .append(m.rows())
                .append(" normal samples over the last ")
                .append(span(spanSeconds))
                .append(score > m.threshold() ? "); score " : "); beyond the trained range: score ")
                .append(fmt3(score))
                .append(score > m.threshold() ? " > threshold " : ", threshold ")
                .append(fmt3(m.threshold()))
                .append(", model v")
                .append(m.version());
        return b.toString();
    }

    /** Explains a rule breach, with the model's expected range when there is one. */
    static String rule(
            Sample s, ThresholdRules rules, FeatureExtractor fx, ForestModel m, int spanSeconds) {
        StringBuilder b = new StringBuilder();
        for (Metric metric : Metric.values()) {
            if (!rules.breached(s, metric)) {
                continue;
            }
            if (b.length() > 0) {
                b.append("; ");
            }
            b.append(metric.label())
                    .append(' ')
                    .append(fmt(metric.valueOf(s)))
                    .append(" % above the ")
                    .append(compact(rules.limit(metric)))
                    .append(" % limit");
            int f = fx.valueIndex(metric);
            if (m != null && f >= 0) {
                b.append(" — expected ")
                        .append(fmt(m.low(f)))
                        .append('–')
                        .append(fmt(m.high(f)))
                        .append(" %");
            }
        }
        if (m != null) {
            b.append(" (p1–p99 of ")
                    .append(m.rows())
                    .append(" normal samples over the last ")
                    .append(span(spanSeconds))
                    .append(", model v")
                    .append(m.version())
                    .append(')');
        } else {
            b.append(" (no model yet: warming up)");
        }
        return b.toString();
    }

    private static int[] candidateFeatures(FeatureExtractor fx, Metric metric) {
        int r = fx.rollingIndex(metric);
        return new int[] {
            fx.valueIndex(metric),
            fx.deltaIndex(metric),
            r,
            r < 0 ? -1 : r + 1,
            fx.seasonalIndex(metric)
        };
    }

    private static void describe(
            StringBuilder b,
            Sample s,
            double[] features,
            FeatureExtractor fx,
            ForestModel m,
            Metric metric,
            int f) {
        int v = fx.valueIndex(metric);
        b.append(metric.label()).append(' ').append(fmt(metric.valueOf(s))).append(" %");
        double lo = m.low(f);
        double hi = m.high(f);
        if (f == fx.deltaIndex(metric)) {
            b.append(" (")
                    .append(signed(features[f]))
                    .append(" in one sample, usual ")
                    .append(signed(lo))
                    .append(" to ")
                    .append(signed(hi))
                    .append(')');
        } else if (f == fx.rollingIndex(metric)) {
            b.append(" (")
                    .append(signed(features[f]))
                    .append(" from its recent mean, usual ")
                    .append(signed(lo))
                    .append(" to ")
                    .append(signed(hi))
                    .append(')');
        } else if (f >= 0 && f == fx.seasonalIndex(metric)) {
            b.append(" (")
                    .append(signed(features[f]))
                    .append(" against one season ago, usual ")
                    .append(signed(lo))
                    .append(" to ")
                    .append(signed(hi))
                    .append(')');
        } else if (fx.rollingIndex(metric) >= 0 && f == fx.rollingIndex(metric) + 1) {
            b.append(" (fluctuating: std ")
                    .append(fmt(features[f]))
                    .append(", usual ")
                    .append(fmt(lo))
                    .append('–')
                    .append(fmt(hi))
                    .append(')');
        }
        b.append(" — expected ")
                .append(fmt(m.low(v)))
                .append('–')
                .append(fmt(m.high(v)))
                .append(" %");
    }

    static String span(int seconds) {
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return (seconds / 60) + " min";
        }
        if (seconds < 2 * 86400) {
            return fixed(seconds / 3600.0, 1) + " h";
        }
        return fixed(seconds / 86400.0, 1) + " d";
    }

    /** One decimal below 1,000, four significant digits above: "%.1f" / "%.4g". */
    static String fmt(double v) {
        return Math.abs(v) < 1000 ? fixed(v, 1) : significant4(v);
    }

    static String signed(double v) {
        return (v >= 0 ? "+" : "−") + fmt(Math.abs(v));
    }

    static String fmt3(double v) {
        return fixed(v, 3);
    }

    // String.format parses its pattern and builds a Formatter per call (10-18 µs an explanation);
    // these give the same text as "%.Nf" and "%.4g" (half-up on the shortest decimal form)

    /** As {@code String.format(Locale.ROOT, "%.<decimals>f", v)}. */
    static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
        }
        String out = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return v < 0 || (v == 0 && 1 / v < 0) ? (out.startsWith("-") ? out : "-" + out) : out;
    }

    /** As {@code String.format(Locale.ROOT, "%.4g", v)} for {@code |v| >= 1000}. */
    static String significant4(double v) {
        if (!Double.isFinite(v)) {
            return fixed(v, 0);
        }
        BigDecimal m =
                BigDecimal.valueOf(Math.abs(v)).round(new MathContext(4, RoundingMode.HALF_UP));
        String sign = v < 0 ? "-" : "";
        if (m.compareTo(BigDecimal.valueOf(10_000)) < 0) {
            return sign + m.setScale(0, RoundingMode.HALF_UP).toPlainString();
        }
        int exponent = m.precision() - m.scale() - 1;
        String mantissa =
                m.movePointLeft(exponent).setScale(3, RoundingMode.HALF_UP).toPlainString();
        return sign + mantissa + "e+" + (exponent < 10 ? "0" : "") + exponent;
    }

    /** 85.0 as "85", 85.5 as "85.5". */
    static String compact(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
