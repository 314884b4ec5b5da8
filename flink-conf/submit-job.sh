#!/bin/sh
# The job submitter of both deployments: docker-compose's job-submitter service and the local
# stack of bin/smart-infra. Jobs go in through Flink's CLI (`flink run`): the REST API's jar
# upload is switched off (web.submit.enable: false), so a web page or a stranger on the network
# cannot upload a jar. Secrets are never arguments: the job reads INFLUXDB_TOKEN and
# SLACK_WEBHOOK_URL from its environment.
#
#   submit-job.sh submit [-s SAVEPOINT] -- JOB ARGS...   one submission; prints the job id
#   submit-job.sh resume -- JOB ARGS...   unless a job runs: submit, from the newest retained
#                                         checkpoint under CHECKPOINT_DIR when there is one
#   submit-job.sh watch -- JOB ARGS...    resume now, and again whenever a (restarted, HA-less)
#                                         JobManager has no job at all; never returns
#
# Settings (environment):
#   FLINK_URL       the REST API, for state checks    (default http://jobmanager:8081)
#   FLINK_CLI       the `flink` command               (default flink)
#   JOB_JAR         the job jar                       (default /job/flink-job.jar)
#   ENTRY_CLASS     (default com.smartinfra.job.SmartInfraJob)
#   CHECKPOINT_DIR  where retained checkpoints live    (default /opt/flink/checkpoints)
# Needs curl and jq.
set -eu
FLINK_URL="${FLINK_URL:-http://jobmanager:8081}"
FLINK_CLI="${FLINK_CLI:-flink}"
JOB_JAR="${JOB_JAR:-/job/flink-job.jar}"
ENTRY_CLASS="${ENTRY_CLASS:-com.smartinfra.job.SmartInfraJob}"
CHECKPOINT_DIR="${CHECKPOINT_DIR:-/opt/flink/checkpoints}"

log() { echo "job-submitter: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >&2; }
die() {
  log "$*"
  exit 1
}

rest() { curl -fsS -m 10 "$FLINK_URL$1" 2>/dev/null; }

wait_for_taskmanager() { # timeout_s
  i=0
  until [ "$(rest /taskmanagers | jq '.taskmanagers | length' 2>/dev/null || echo 0)" -gt 0 ]; do
    i=$((i + 2))
    [ "$i" -le "$1" ] || die "no TaskManager registered at $FLINK_URL after $1 s"
    sleep 2
  done
}

# Jobs the JobManager knows, by state: "RUNNING 1" lines; empty for a fresh JobManager.
job_states() { rest /jobs/overview | jq -r '.jobs[].state' 2>/dev/null | sort | uniq -c; }

# The newest completed checkpoint (a chk-N directory with its _metadata), or nothing.
latest_checkpoint() {
  [ -d "$CHECKPOINT_DIR" ] || return 0
  find "$CHECKPOINT_DIR" -mindepth 3 -maxdepth 3 -path '*/chk-*/_metadata' -printf '%T@ %h\n' \
    2>/dev/null | sort -n | tail -n 1 | cut -d' ' -f2-
}

# Submits (detached) and prints the job id. Arguments: [-s SAVEPOINT] -- JOB ARGS...
submit() {
  from=""
  if [ "${1:-}" = -s ]; then
    from="$2"
    shift 2
  fi
  [ "${1:-}" = -- ] && shift
  [ -f "$JOB_JAR" ] || die "job jar missing: $JOB_JAR"
  out="$(mktemp)"
  if [ -n "$from" ]; then
    set -- -s "$from" "$JOB_JAR" "$@"
  else
    set -- "$JOB_JAR" "$@"
  fi
  if ! $FLINK_CLI run -d -m "${FLINK_URL#*://}" -c "$ENTRY_CLASS" "$@" >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "flink run failed"
  fi
  job_id="$(sed -n 's/.*JobID \([0-9a-f]\{32\}\).*/\1/p' "$out" | tail -n 1)"
  rm -f "$out"
  [ -n "$job_id" ] || die "flink run printed no job id"
  log "submitted job $job_id${from:+ from $from}"
  echo "$job_id"
}

# Waits until the job and all its tasks run.
wait_running() { # job_id timeout_s
  i=0
  while :; do
    detail="$(rest "/jobs/$1" || true)"
    state="$(printf '%s' "$detail" | jq -r '.state // empty' 2>/dev/null || true)"
    case "$state" in
      RUNNING)
        [ "$(printf '%s' "$detail" | jq '[.vertices[] | select(.status != "RUNNING")] | length')" = 0 ] &&
          return 0
        ;;
      FAILED | CANCELED | FINISHED | SUSPENDED)
        rest "/jobs/$1/exceptions" | jq -r '.["root-exception"] // empty' | head -n 20 >&2 || true
        die "job $1 is $state"
        ;;
    esac
    i=$((i + 1))
    [ "$i" -le "$2" ] || die "job $1 still ${state:-unknown} after $2 s"
    sleep 1
  done
}

resume() {
  wait_for_taskmanager 240
  if job_states | grep -qE ' (RUNNING|CREATED|INITIALIZING|RESTARTING)$'; then
    log "a job runs already; nothing to do"
    return 0
  fi
  cp="$(latest_checkpoint)"
  if [ -n "$cp" ]; then
    job_id="$(submit -s "$cp" "$@")"
  else
    job_id="$(submit "$@")"
  fi
  wait_running "$job_id" 120
  log "job $job_id RUNNING"
  echo "$job_id"
}

cmd="${1:-}"
[ $# -gt 0 ] && shift
case "$cmd" in
  submit)
    wait_for_taskmanager 240
    submit "$@"
    ;;
  resume) resume "$@" ;;
  watch)
    resume "$@" >/dev/null
    while :; do
      sleep 10
      # a JobManager without HA forgets its jobs when it restarts: an empty list means that
      if [ -z "$(job_states)" ] && rest /config >/dev/null; then
        log "the JobManager has no job (restarted?): resuming"
        resume "$@" >/dev/null || log "resume failed; trying again in 10 s"
      fi
    done
    ;;
  *)
    echo "usage: submit-job.sh submit [-s SAVEPOINT] -- ARGS... | resume -- ARGS... | watch -- ARGS..." >&2
    exit 2
    ;;
esac
