package com.smartinfra.job.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The explanation's numbers read exactly as String.format wrote them, without its cost. */
class ExplainerNumbersTest {
    private static final double[] EDGES = {
        0, -0.0, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, -2.5, 999.94, 999.96, -999.96, 1000, 1234.5,
        9999.4, 9999.6, 12_345, 99_995, 1.2345e7, -54_321, 0.0005, 0.0015, 85, 97.1
    };

    @Test
    void numbersMatchStringFormat() {
        Random r = new Random(3);
        double[] values = new double[EDGES.length + 30_000];
        System.arraycopy(EDGES, 0, values, 0, EDGES.length);
        for (int i = EDGES.length; i < values.length; i++) {
            double scale = Math.pow(10, r.nextInt(10) - 3);
            double v = r.nextDouble() * scale * (r.nextBoolean() ? 1 : -1);
            // values on a rounding boundary too, as measurements often are
            values[i] = i % 3 == 0 ? Math.round(v * 1000) / 1000.0 + 0.05 : v;
        }
        for (double v : values) {
            String expected =
                    Math.abs(v) < 1000
                            ? String.format(Locale.ROOT, "%.1f", v)
                            : String.format(Locale.ROOT, "%.4g", v);
            assertThat(Explainer.fmt(v)).as("fmt(%s)", v).isEqualTo(expected);
            assertThat(Explainer.fmt3(v))
                    .as("fmt3(%s)", v)
                    .isEqualTo(String.format(Locale.ROOT, "%.3f", v));
        }
        assertThat(Explainer.span(3 * 3600 + 900)).isEqualTo("3.3 h");
        assertThat(Explainer.span(3 * 86400)).isEqualTo("3.0 d");
    }
}
