package com.smartinfra.simulator;

import com.smartinfra.schema.HumanDuration;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.simulator.publish.KafkaPublisher;
import com.smartinfra.simulator.publish.KafkaUnavailableException;
import com.smartinfra.simulator.publish.SampleSink;
import com.smartinfra.simulator.publish.StdoutSink;
import com.smartinfra.simulator.realhost.LiveSink;
import com.smartinfra.simulator.realhost.LiveSource;
import com.smartinfra.simulator.replay.NabReplay;
import com.smartinfra.simulator.replay.NabSeries;
import com.smartinfra.simulator.replay.ReplayFileException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's command line: parses the options, builds the sample source (generator or NAB
 * replay) and the sink (Kafka or stdout), and runs them until a limit or SIGTERM.
 *
 * <p>Exit codes: 0 done, 1 samples could not be delivered (or an unexpected error), 2 bad
 * arguments, 3 Kafka unreachable.
 */
public final class SimulatorMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_KAFKA_UNREACHABLE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final PrintStream out;
    private final PrintStream err;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile RunStats stats;

    /**
     * @param out where {@code --dry-run} samples and {@code --help} go
     * @param err where argument and connection errors go
     */
    public SimulatorMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        SimulatorMain simulator = new SimulatorMain(System.out, System.err);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    // SIGTERM: stop sending, then let run() flush and close
                                    simulator.requestStop();
                                    simulator.awaitFinished(Duration.ofSeconds(30));
                                },
                                "simulator-shutdown"));
        int code = simulator.run(args, System.getenv());
        System.exit(code);
    }

    /** Ends a running {@link #run} early; it then delivers what is pending and returns. */
    public void requestStop() {
        stop.countDown();
    }

    /** Waits for {@link #run} to return; false on timeout. */
    public boolean awaitFinished(Duration timeout) {
        try {
            return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Statistics of the last run (null before a run got as far as sending). */
    public RunStats stats() {
        return stats;
    }

    /** Runs the simulator and returns the exit code. */
    public int run(String[] args, Map<String, String> env) {
        try {
            return runOnce(args, env);
        } catch (RuntimeException e) {
            LOG.error("simulator failed", e);
            err.println("simulator: " + e);
            return EXIT_FAILED;
        } finally {
            finished.countDown();
        }
    }

    private int runOnce(String[] args, Map<String, String> env) {
        SimulatorConfig config;
        try {
            config = SimulatorConfig.parse(args, env);
        } catch (ConfigException e) {
            err.println("simulator: " + e.getMessage());
            err.println();
            err.print(SimulatorConfig.USAGE);
            err.flush();
            return EXIT_USAGE;
        }
        if (config.help()) {
            out.print(SimulatorConfig.USAGE);
            out.flush();
            return EXIT_OK;
        }
        boolean live = config.realHosts().active();
        Iterator<Sample> source = null;
        if (!live) {
            try {
                source = createSource(config);
            } catch (ReplayFileException e) {
                err.println("simulator: " + e.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
        }
        SampleSink sink;
        if (config.dryRun()) {
            sink = new StdoutSink(out);
        } else {
            try {
                KafkaPublisher.checkAvailable(
                        config.bootstrapServers(), config.topic(), config.kafkaTimeout());
            } catch (KafkaUnavailableException e) {
                err.println("simulator: " + e.getMessage());
                err.flush();
                return EXIT_KAFKA_UNREACHABLE;
            }
            sink =
                    new KafkaPublisher(
                            config.bootstrapServers(), config.topic(), config.rate().isPresent());
        }
        LOG.info("sending to {}", sink.describe());
        LiveSource realHosts = null;
        if (live) {
            // real machines: each sample goes out as it is read, paced by the readers
            sink = new LiveSink(sink);
            source = realHosts = config.realHosts().startSource(config.interval(), stop);
        }
        RunStats run;
        try {
            run =
                    new SimulationRunner(
                                    source,
                                    sink,
                                    config.count().orElse(Long.MAX_VALUE),
                                    config.duration()
                                            .map(d -> config.startMillis() + d.toMillis())
                                            .orElse(Long.MAX_VALUE),
                                    config.fast() || live,
                                    stop,
                                    PROGRESS_EVERY)
                            .run();
        } finally {
            if (realHosts != null) {
                realHosts.close();
            }
            sink.close();
        }
        RunStats done =
                new RunStats(
                        run.emitted(),
                        run.anomalous(),
                        run.anomaliesByKind(),
                        sink.delivered(),
                        sink.failed(),
                        run.stopped() || (live && stop.getCount() == 0));
        stats = done;
        LOG.info(
                "{}: {} samples sent ({} anomalies injected: {}), {} delivered, {} failed",
                done.stopped() ? "stopped" : "done",
                done.emitted(),
                done.anomalous(),
                done.anomaliesByKind(),
                done.delivered(),
                done.failed());
        if (done.failed() > 0) {
            err.println(
                    "simulator: "
                            + done.failed()
                            + " of "
                            + done.emitted()
                            + " samples could not be delivered to "
                            + sink.describe());
            err.flush();
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    /** The generator, or the NAB replay with {@code --replay}. */
    static Iterator<Sample> createSource(SimulatorConfig c) throws ReplayFileException {
        Duration interval = c.hostInterval();
        String seedNote = c.seedGiven() ? "" : " (random; pass --seed " + c.seed() + " to repeat)";
        String pace =
                c.fast()
                        ? "as fast as possible"
                        : c.rate().isPresent()
                                ? OptionValues.fmt(c.rate().getAsDouble()) + " samples/s"
                                : "in real time";
        if (c.replay().isPresent()) {
            NabSeries series = NabSeries.read(c.replay().get());
            NabReplay replay =
                    new NabReplay(series, c.replayHost(), interval, c.seed(), c.startMillis());
            LOG.info(
                    "replaying {} rows of {} as the cpu of {}, one row every {}, from {}, {}",
                    series.size(),
                    c.replay().get(),
                    c.replayHost(),
                    HumanDuration.format(interval),
                    Instant.ofEpochMilli(c.startMillis()),
                    pace);
            if (replay.outOfRangeValues() > 0) {
                LOG.warn(
                        "{} values of {} lie outside 0..100 and are clamped",
                        replay.outOfRangeValues(),
                        c.replay().get());
            }
            return replay;
        }
        SampleGenerator generator =
                new SampleGenerator(
                        c.hostCount(), interval, c.anomalyRate(), c.seed(), c.startMillis());
        if (c.fleetEvery() != null) {
            generator.withFleetIncidents(c.fleetEvery(), c.fleetHosts());
        }
        List<String> hosts = generator.hosts();
        LOG.info(
                "simulating {} hosts ({}) every {}, anomaly rate {}, seed {}{}, from {}, {}",
                hosts.size(),
                hosts.size() <= 10
                        ? String.join(", ", hosts)
                        : hosts.get(0) + " .. " + hosts.get(hosts.size() - 1),
                HumanDuration.format(interval),
                c.anomalyRate(),
                c.seed(),
                seedNote,
                Instant.ofEpochMilli(c.startMillis()),
                pace);
        if (interval.toNanos() < 1_000_000) {
            LOG.warn(
                    "--rate {} with {} hosts puts several samples of one host in the same"
                            + " millisecond; InfluxDB keeps only the last of them (add --hosts)",
                    OptionValues.fmt(c.rate().getAsDouble()),
                    hosts.size());
        }
        return generator;
    }
}
