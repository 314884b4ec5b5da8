package com.smartinfra.job.eval;

import com.smartinfra.schema.InvalidSampleException;
import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a labelled stream: JSON lines in the wire format, an anomalous sample carrying {@code
 * "injected":"<kind>"} (what {@code simulator --dry-run} prints). Blank lines are skipped; a line
 * that is not a sample stops the run naming the line.
 */
final class LabelledSamples {
    private LabelledSamples() {}

    /** What is done with each sample, in stream order. */
    interface Handler {
        void accept(Sample s) throws IOException;
    }

    /**
     * Hands every sample of {@code in} to {@code handler}, in order.
     *
     * @return the number of samples
     * @throws IllegalArgumentException naming the line that is not a valid sample, or when there is
     *     no sample at all
     */
    static long forEach(InputStream in, Handler handler) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String line;
        long lineNo = 0;
        long samples = 0;
        while ((line = lines.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Sample s;
            try {
                s = SampleJson.parse(line.getBytes(StandardCharsets.UTF_8));
            } catch (InvalidSampleException e) {
                throw new IllegalArgumentException(
                        "line " + lineNo + " is not a valid sample: " + e.getMessage());
            }
            samples++;
            handler.accept(s);
        }
        if (samples == 0) {
            throw new IllegalArgumentException("no samples on the input");
        }
        return samples;
    }
}
