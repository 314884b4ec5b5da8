package com.smartinfra.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source (benchmarks) whose readers, once it has emitted everything, stay open — no end
 * of input, no final watermark — until {@link #release()}: the job keeps running and checkpoints
 * with every key's state in place, which a finishing bounded job does not promise. The benchmark's
 * main and the local cluster share one JVM, so the hold and the counters are static.
 */
final class HeldOpenSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private static volatile CompletableFuture<Void> released = new CompletableFuture<>();
    private static final AtomicInteger readersAtEnd = new AtomicInteger();
    private static volatile long allAtEndMillis;
    private static final LongAdder emitted = new LongAdder();
    private static final Map<Long, Long> emittedAtCheckpoint = new ConcurrentHashMap<>();

    private final Source<T, S, E> inner;
    private final TypeInformation<T> type;
    private final int readers;

    HeldOpenSource(Source<T, S, E> inner, TypeInformation<T> type, int readers) {
        this.inner = inner;
        this.type = type;
        this.readers = readers;
    }

    /** Forgets a previous run's hold and counters (a second job in the same JVM). */
    static void reset() {
        released = new CompletableFuture<>();
        readersAtEnd.set(0);
        allAtEndMillis = 0;
        emitted.reset();
        emittedAtCheckpoint.clear();
    }

    /** Lets the readers end their input. */
    static void release() {
        released.complete(null);
    }

    /** {@link System#currentTimeMillis()} when every reader had emitted everything, or 0. */
    static long allAtEndMillis() {
        return allAtEndMillis;
    }

    /** Counts one emitted record (called by the generator function, on the readers' threads). */
    static void countEmitted() {
        emitted.increment();
    }

    /** Records emitted so far. */
    static long emitted() {
        return emitted.sum();
    }

    /** Records emitted in all when the readers took the checkpoint (their barrier), or null. */
    static Long emittedAtCheckpoint(long checkpointId) {
        return emittedAtCheckpoint.get(checkpointId);
    }

    @Override
    public Boundedness getBoundedness() {
        return inner.getBoundedness();
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return inner.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return inner.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return inner.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return inner.getEnumeratorCheckpointSerializer();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext context) throws Exception {
        return new Reader(inner.createReader(context));
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return type;
    }

    private final class Reader implements SourceReader<T, S> {
        private final SourceReader<T, S> reader;
        private boolean atEnd;

        Reader(SourceReader<T, S> reader) {
            this.reader = reader;
        }

        @Override
        public void start() {
            reader.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (atEnd) {
                return released.isDone() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
            }
            InputStatus status = reader.pollNext(output);
            if (status != InputStatus.END_OF_INPUT) {
                return status;
            }
            atEnd = true;
            if (readersAtEnd.incrementAndGet() == readers) {
                allAtEndMillis = System.currentTimeMillis();
            }
            return released.isDone() ? InputStatus.END_OF_INPUT : InputStatus.NOTHING_AVAILABLE;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return atEnd ? released : reader.isAvailable();
        }

        @Override
        public List<S> snapshotState(long checkpointId) {
            emittedAtCheckpoint.put(checkpointId, emitted.sum());
            return reader.snapshotState(checkpointId);
        }

        @Override
        public void addSplits(List<S> splits) {
            reader.addSplits(splits);
        }

        @Override
        public void notifyNoMoreSplits() {
            reader.notifyNoMoreSplits();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            reader.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void close() throws Exception {
            reader.close();
        }
    }
}
