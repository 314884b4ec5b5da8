package com.smartinfra.simulator.publish;

import com.smartinfra.schema.Sample;

/** Where generated samples go: Kafka, or stdout for a dry run. */
public interface SampleSink extends AutoCloseable {
    /** Hands one sample over; never blocks for long and never throws for a failed delivery. */
    void send(Sample sample);

    /** Called before the sender waits for the next sample's time: push out what is buffered. */
    default void idle() {}

    /** True when the sink can take nothing more (stdout closed): the run should stop. */
    default boolean broken() {
        return false;
    }

    /** Samples confirmed written (acknowledged by Kafka). */
    long delivered();

    /** Samples that could not be delivered. */
    long failed();

    /** Where the samples go, for log lines. */
    String describe();

    /** Delivers what is pending (bounded wait) and releases resources. */
    @Override
    void close();
}
