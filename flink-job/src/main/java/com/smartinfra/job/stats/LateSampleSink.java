package com.smartinfra.job.stats;

import com.smartinfra.schema.Sample;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the samples too late for a statistics window go: counted in the Flink metric {@value
 * #METRIC} of this sink's operator, and logged at WARN at most once a minute ({@link
 * LateSampleLog}). Nothing is lost by it: the raw samples were written to {@code system_metrics}
 * upstream of the window; only that window's statistics miss them.
 */
public final class LateSampleSink implements Sink<Sample> {
    private static final long serialVersionUID = 1L;

    public static final String METRIC = "samplesTooLateForStats";

    private static final Logger LOG = LoggerFactory.getLogger(LateSampleSink.class);

    private final String window;
    private final Duration allowedLateness;

    public LateSampleSink(String window, Duration allowedLateness) {
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public SinkWriter<Sample> createWriter(WriterInitContext context) {
        return new Writer(
                context.metricGroup().counter(METRIC), new LateSampleLog(window, allowedLateness));
    }

    private static final class Writer implements SinkWriter<Sample> {
        private final Counter late;
        private final LateSampleLog log;

        Writer(Counter late, LateSampleLog log) {
            this.late = late;
            this.log = log;
        }

        @Override
        public void write(Sample sample, Context context) {
            late.inc();
            String line = log.record(sample, System.currentTimeMillis());
            if (line != null) {
                LOG.warn(line);
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() {
            String line = log.flush();
            if (line != null) {
                LOG.warn(line);
            }
        }
    }
}
