package com.smartinfra.simulator.realhost;

import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.publish.SampleSink;

/**
 * A sink for samples of real machines: each one is pushed out as it comes ({@link SampleSink#idle}
 * after every send), since the next may be a whole interval away and a dry run's reader wants to
 * see it now.
 */
public final class LiveSink implements SampleSink {
    private final SampleSink sink;

    public LiveSink(SampleSink sink) {
        this.sink = sink;
    }

    @Override
    public void send(Sample sample) {
        sink.send(sample);
        sink.idle();
    }

    @Override
    public boolean broken() {
        return sink.broken();
    }

    @Override
    public long delivered() {
        return sink.delivered();
    }

    @Override
    public long failed() {
        return sink.failed();
    }

    @Override
    public String describe() {
        return sink.describe();
    }

    @Override
    public void close() {
        sink.close();
    }
}
