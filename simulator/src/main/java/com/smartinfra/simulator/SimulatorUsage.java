package com.smartinfra.simulator;

/** The simulator's {@code --help} text; {@link SimulatorConfig#USAGE} is this. */
final class SimulatorUsage {
    static final String TEXT =
            String.join(
                    "\n",
                    "Usage: java -jar simulator-all.jar [options]",
                    "",
                    "Publishes per-host metric samples (cpu, memory, disk, disk_io, net_io) to Kafka;",
                    "about --anomaly-rate of them are injected anomalies labelled \"injected\":\"<kind>\"",
                    "(cpu_spike, memory_leak, disk_fill, overload).",
                    "",
                    "Options:",
                    "  --hosts N                number of simulated hosts (default 5: web-01, db-01,"
                            + " cache-01, worker-01, queue-01)",
                    "  --interval D             time between two samples of one host (default 3s;"
                            + " e.g. 500ms, 10s, 1m)",
                    "  --anomaly-rate R         fraction of anomalous samples, 0..1 (default 0.1)",
                    "  --seed S                 random seed; the same seed and --start give an"
                            + " identical stream (default: random, logged)",
                    "  --start TIME             simulated start time, ISO-8601, e.g."
                            + " 2025-06-24T00:00:00Z (default: now)",
                    "  --duration D             stop after D of simulated time, e.g. 1h (default:"
                            + " run forever)",
                    "  --count N                stop after N samples in total (default: run forever)",
                    "  --rate N                 load mode: N samples per second in total across all"
                            + " hosts (replaces --interval)",
                    "  --fast                   don't wait: emit as fast as possible with simulated"
                            + " timestamps",
                    "  --fleet-every D          add correlated incidents: about every D (e.g. 2h)"
                            + " several hosts turn anomalous together, labelled \"fleet\"",
                    "  --fleet-hosts N          hosts in each such incident (default: half the"
                            + " hosts, at least 2)",
                    "  --replay FILE            play a NAB CSV (header timestamp,value) as one host's"
                            + " cpu, one row per --interval",
                    "  --replay-host NAME       host of the replayed series (default replay-01)",
                    RealHostOptions.USAGE,
                    "  --bootstrap-servers HP   Kafka bootstrap servers (default $"
                            + SimulatorConfig.ENV_BOOTSTRAP_SERVERS
                            + " or localhost:9092)",
                    "  --topic NAME             Kafka topic (default $"
                            + SimulatorConfig.ENV_TOPIC
                            + " or metrics)",
                    "  --kafka-timeout D        how long to wait for Kafka at start-up (default 10s)",
                    "  --dry-run                print JSON lines to stdout instead of sending to Kafka",
                    "  --help                   print this help",
                    "",
                    "Exit codes: 0 done, 1 some samples could not be delivered, 2 bad arguments,"
                            + " 3 Kafka unreachable.",
                    "");

    private SimulatorUsage() {}
}
