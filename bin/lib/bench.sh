# shellcheck shell=bash
# The JMH benchmarks.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

# JMH benchmarks (flink-job's src/test/java/**/*Benchmark.java) on this machine; arguments go to
# JMH (e.g. "DetectorBenchmark -prof gc"). With --stage, the detection stage on a local Flink
# cluster with a chosen state backend (DetectionStageBenchmark; its options follow); with --pipeline,
# the whole job's graph fed by a generator (PipelineBenchmark); with --sink, the InfluxDB sink
# beside curl (InfluxSinkBenchmark).
# Figures belong in docs/benchmarks.md with the command. SMART_INFRA_BENCH_JVM_OPTS adds JVM options
# (e.g. "-Xmx12g" for 100,000 hosts, or a JFR recording).
cmd_bench() {
  local main=org.openjdk.jmh.Main
  case "${1:-}" in
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
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  mkdir -p "$LOGS"
  local cp="$STATE/bench.classpath"
  say "bench: compiling flink-job and its tests (log: $LOGS/bench-build.log)"
  (cd "$ROOT" && mvn -B -ntp -pl flink-job -am test-compile dependency:build-classpath \
    -Dspotless.check.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$cp") \
    >"$LOGS/bench-build.log" 2>&1 || die "build failed (see $LOGS/bench-build.log)"
  local jvm=()
  read -ra jvm <<<"${SMART_INFRA_BENCH_JVM_OPTS:-}"
  exec java "${jvm[@]}" -cp "$ROOT/flink-job/target/test-classes:$ROOT/flink-job/target/classes:$(cat "$cp")" \
    "$main" "$@"
}
