# shellcheck shell=bash
# The detector's evaluations: NAB and the simulator's labelled stream.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.
# The tools live in flink-job's tools jar (package eval), run beside the job jar whose detector
# and alert lifecycle they evaluate; the job jar people submit does not carry them.

# The detector over a NAB-format corpus (the same code the job runs); prints per-file results and,
# last, "NAB standard=<x> low_fp=<y> low_fn=<z>". Example on the bundled subset:
#   bin/smart-infra eval-nab --data flink-job/src/test/resources/nab/data \
#     --labels flink-job/src/test/resources/nab/combined_windows.json
cmd_eval_nab() {
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  if [ ! -f "$JOB_JAR" ] || [ ! -f "$TOOLS_JAR" ]; then
    (cd "$ROOT" && mvn -B -ntp -q -pl flink-job -am package -DskipTests) || die "build failed"
  fi
  # the job jar leaves logging to its runtime (Flink's); the Flink cluster classpath brings it
  mkdir -p "$CP_CACHE" "$LOGS"
  local f
  f="$(classpath_of flink-cluster)" || die "could not resolve the Flink classpath (see $LOGS/classpath.log)"
  exec java -cp "$TOOLS_JAR:$JOB_JAR:$(cat "$f")" com.smartinfra.job.eval.NabEvaluation "$@"
}

# The detector over the simulator's labelled stream (the same code the job runs, the job's default
# configuration): point-wise precision, recall and F1 after each host's warm-up; last line
# "SIM precision=<p> recall=<r> f1=<f>". Simulator options pass through; --set name=value changes a
# detector setting.
cmd_eval_sim() {
  eval_labelled_stream eval-sim com.smartinfra.job.eval.LabelledStreamEvaluation \
    --hosts 10 --duration 1h --seed 42 --start 2025-06-24T00:00:00Z -- "$@"
}

# The detector and the alert lifecycle over the simulator's labelled stream, in event time, in
# process (the job's own classes, no servers): incidents alerted, messages and pages per incident,
# false alerts per host-day, delays; last line "ALERTS incidents=<n> alerted=<a> ...". Simulator
# options pass through (default 10 hosts, 24 h, anomaly rate 0.01); --set name=value changes a
# detector setting, or an alert setting when the name starts with "alert.". See docs/alerting.md.
cmd_eval_alerts() {
  eval_labelled_stream eval-alerts com.smartinfra.job.eval.AlertEvaluation \
    --hosts 10 --duration 24h --seed 42 --anomaly-rate 0.01 --start 2025-06-24T00:00:00Z -- "$@"
}

# eval_labelled_stream NAME CLASS [SIMULATOR-OPTION VALUE]... -- [USER ARGS]...
# Pipes the simulator's labelled stream (--dry-run --fast) into CLASS. The pairs before "--" are
# the simulator defaults; the user's simulator options replace them; --set goes to CLASS.
eval_labelled_stream() {
  local name="$1" class="$2"
  shift 2
  local -A sim=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    sim[$1]="$2"
    shift 2
  done
  shift
  local eval_args=() sim_args=() k
  while [ $# -gt 0 ]; do
    case "$1" in
      --hosts | --duration | --seed | --start | --interval | --anomaly-rate | --fleet-every | --fleet-hosts)
        [ $# -ge 2 ] || die "option $1 needs a value"
        sim[$1]="$2"
        shift 2
        ;;
      --set)
        [ $# -ge 2 ] || die "option --set needs name=value"
        eval_args+=("$1" "$2")
        shift 2
        ;;
      *) die "$name: unknown option $1 (see bin/smart-infra help)" ;;
    esac
  done
  ensure_packages "${RUNTIME_PACKAGES[@]}"
  if [ ! -f "$JOB_JAR" ] || [ ! -f "$TOOLS_JAR" ] || [ ! -f "$SIM_JAR" ]; then
    (cd "$ROOT" && mvn -B -ntp -q -pl flink-job,simulator -am package -DskipTests) || die "build failed"
  fi
  mkdir -p "$CP_CACHE" "$LOGS"
  local f
  f="$(classpath_of flink-cluster)" || die "could not resolve the Flink classpath (see $LOGS/classpath.log)"
  for k in "${!sim[@]}"; do sim_args+=("$k" "${sim[$k]}"); done
  say "simulator: ${sim_args[*]}"
  set -o pipefail
  java -jar "$SIM_JAR" --dry-run --fast "${sim_args[@]}" 2>"$LOGS/$name-simulator.log" |
    java -cp "$TOOLS_JAR:$JOB_JAR:$(cat "$f")" "$class" "${eval_args[@]}" ||
    { head -n 1 "$LOGS/$name-simulator.log" >&2
      die "$name failed (simulator log: $LOGS/$name-simulator.log)"; }
}
