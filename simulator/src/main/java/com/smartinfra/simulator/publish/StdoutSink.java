package com.smartinfra.simulator.publish;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;

/** Dry run: one JSON sample per line on stdout (logs go to stderr, so the output stays clean). */
public final class StdoutSink implements SampleSink {
    private final PrintStream out;
    private final BufferedOutputStream buffer;
    private long written;
    private long failed;
    private boolean broken;

    public StdoutSink(PrintStream out) {
        this.out = out;
        // System.out flushes on every write; buffering matters with --fast
        this.buffer = new BufferedOutputStream(out, 1 << 16);
    }

    @Override
    public void send(Sample sample) {
        if (broken) {
            failed++;
            return;
        }
        try {
            buffer.write(SampleJson.toJson(sample));
            buffer.write('\n');
            written++;
        } catch (IOException e) {
            broken = true;
            failed++;
        }
    }

    @Override
    public void idle() {
        flush();
    }

    private void flush() {
        try {
            buffer.flush();
        } catch (IOException e) {
            broken = true;
        }
        if (out.checkError()) {
            // e.g. the reader of a pipe went away
            broken = true;
        }
    }

    @Override
    public boolean broken() {
        return broken;
    }

    @Override
    public long delivered() {
        return written;
    }

    @Override
    public long failed() {
        return failed;
    }

    @Override
    public String describe() {
        return "stdout (dry run)";
    }

    @Override
    public void close() {
        flush();
    }
}
