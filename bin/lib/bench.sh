# shellcheck shell=bash
# The JMH benchmarks.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

# JMH benchmarks (flink-job's src/test/java/**/*Benchmark.java) on this machine; arguments go to
# JMH (e.g. "DetectorBenchmark -prof gc"). With --stage, the detection stage on a local Flink
# cluster with a chosen state backend (DetectionStageBenchmark; its options follow); with --pipeline,
# the whole job's graph fed by a generator (PipelineBenchmark); with --sink, the InfluxDB sink
# beside curl (InfluxSinkBenchmark); with --latency, Kafka append to anomaly row and to webhook
# (LatencyBenchmark); with --quick, one short run of each headline figure (bench_quick).
# Figures belong in docs/benchmarks.md with the command. SMART_INFRA_BENCH_JVM_OPTS adds JVM options
# (e.g. "-Xmx12g" for 100,000 hosts, or a JFR recording).
cmd_bench() {
  local main=org.openjdk.jmh.Main
  case "${1:-}" in
    --quick)
      shift
      bench_quick "$@"
      return
      ;;
    --latency)
      # the job's graph from a paced Kafka producer into InfluxDB and a Slack stand-in, with the
      # deployment's state backend and checkpoint interval (LatencyBenchmark)
      main=com.smartinfra.job.LatencyBenchmark
      shift
      ensure_packages "${INFLUX_PACKAGES[@]}"
      set -- --flink-conf "$ROOT/flink-conf" "$@"
      ;;
    --stage)
      main=com.smartinfra.job.detect.DetectionStageBenchmark
      shift
      ;;
    --fleet)
      # the detector of many hosts interleaved on one thread (DetectorFleetBenchmark)
      main=com.smartinfra.job.detect.DetectorFleetBenchmark
      shift
      ;;
    --restore)
      # what a restore costs per host (RestoreCostBenchmark)
      main=com.smartinfra.job.detect.RestoreCostBenchmark
      shift
      ;;
    --job)
      # the whole job from a pre-filled Kafka topic into InfluxDB (JobThroughputBenchmark)
      main=com.smartinfra.job.JobThroughputBenchmark
      shift
      ;;
    --sink)
      # the job's InfluxDB sink writer against curl posting the same lines (InfluxSinkBenchmark)
      main=com.smartinfra.job.store.InfluxSinkBenchmark
      shift
      ensure_packages "${INFLUX_PACKAGES[@]}"
      ;;
    --pipeline)
      # the job's own graph fed by a generator into discarding sinks, with the deployment's state
      # backend and checkpoint interval from flink-conf/config.yaml (PipelineBenchmark)
      main=com.smartinfra.job.PipelineBenchmark
      shift
      set -- --flink-conf "$ROOT/flink-conf" "$@"
      ;;
    --sklearn)
      # the seed design's detector beside ours (SklearnComparison; bin/lib/sklearn_bench.py)
      # Debian's python3, the one python3-sklearn installs into
      /usr/bin/python3 -c 'import sklearn' 2>/dev/null || {
        say "packages: installing python3-sklearn"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
          python3-sklearn >/dev/null ||
          die "could not install python3-sklearn"
      }
      main=com.smartinfra.job.detect.SklearnComparison
      set -- "$LIB/sklearn_bench.py"
      ;;
  esac
  bench_build
  local jvm=()
  read -ra jvm <<<"${SMART_INFRA_BENCH_JVM_OPTS:-}"
  exec java "${jvm[@]}" -cp "$(bench_classpath)" "$main" "$@"
}

# Compiles flink-job and its tests and writes their classpath to $STATE/bench.classpath.
bench_build() {
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  mkdir -p "$LOGS"
  say "bench: compiling flink-job and its tests (log: $LOGS/bench-build.log)"
  (cd "$ROOT" && mvn -B -ntp -pl flink-job -am test-compile dependency:build-classpath \
    -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$STATE/bench.classpath") \
    >"$LOGS/bench-build.log" 2>&1 || die "build failed (see $LOGS/bench-build.log)"
}

bench_classpath() {
  echo "$ROOT/flink-job/target/test-classes:$ROOT/flink-job/target/classes:$(cat "$STATE/bench.classpath")"
}

# The value of NAME=<value> in a benchmark's output file (its last occurrence).
bench_figure() { # NAME FILE
  grep -o "\b$1=[0-9.-]*" "$2" | tail -n 1 | cut -d= -f2
}

# Runs one benchmark main into $LOGS/bench-quick-NAME.log; it must print FIGURE=<n> (its exit
# status is not the test: the in-process Kafka broker may halt the JVM while it shuts down).
bench_step() { # TITLE NAME FIGURE MAIN [ARGS...]
  local log="$LOGS/bench-quick-$2.log" figure="$3"
  say "bench --quick: $1 ($(basename "${4//.//}"))"
  shift 3
  java -cp "$(bench_classpath)" "$@" >"$log" 2>&1 || true
  [ -n "$(bench_figure "$figure" "$log")" ] || die "no $figure from $1 (see $log)"
}

# One short run of each headline figure (< 5 min on 2 cores), each benchmark's output in
# $LOGS/bench-quick-*.log, then exactly one line of figures. The sizes are the full commands'
# (docs/benchmarks.md) made smaller.
bench_quick() {
  [ $# -eq 0 ] || die "bench --quick takes no options"
  ensure_packages "${INFLUX_PACKAGES[@]}"
  /usr/bin/python3 -c 'import sklearn' 2>/dev/null || die "bench --quick needs python3-sklearn (bench --sklearn installs it)"
  bench_build
  local log="$LOGS/bench-quick"
  bench_step "the job's graph, generator-fed" pipeline samples_per_cpu_s \
    com.smartinfra.job.PipelineBenchmark --flink-conf "$ROOT/flink-conf" \
    --hosts 100 --samples 2000000 --parallelism 1
  bench_step "the detector, 200 hosts" fleet detector_samples_per_cpu_s \
    com.smartinfra.job.detect.DetectorFleetBenchmark --hosts 200 --rounds 1
  bench_step "Kafka append to anomaly row at 10,000 samples/s" latency p99_latency_ms \
    com.smartinfra.job.LatencyBenchmark --flink-conf "$ROOT/flink-conf" \
    --rate 10000 --hosts 1000 --seconds 20 --drain 10
  bench_step "our forest beside scikit-learn" sklearn sklearn_per_request_ratio \
    com.smartinfra.job.detect.SklearnComparison "$LIB/sklearn_bench.py" 300
  echo "job_samples_per_s_per_core=$(bench_figure samples_per_cpu_s "$log-pipeline.log")" \
    "detector_samples_per_s=$(bench_figure detector_samples_per_cpu_s "$log-fleet.log")" \
    "state_bytes_per_host=$(bench_figure state_bytes_per_host_mean "$log-fleet.log")" \
    "p99_latency_ms=$(bench_figure p99_latency_ms "$log-latency.log")" \
    "sklearn_per_request_ratio=$(bench_figure sklearn_per_request_ratio "$log-sklearn.log")"
}
