#!/bin/sh
# The job submitter and cluster client of both deployments: docker-compose's job-submitter
# service and the local stack of bin/smart-infra (its submit, savepoint, cancel, rescale, jobs
# and resume commands all come here). Jobs go in through Flink's CLI (`flink run`): the REST
# API's jar upload is switched off (web.submit.enable: false), so a web page or a stranger on the
# network cannot upload a jar. Savepoints, cancellation and the job list go through Flink's REST
# API (curl, JSON read with jq). Secrets are never arguments: the job reads INFLUXDB_TOKEN and
# SLACK_WEBHOOK_URL from its environment.
#
#   submit-job.sh submit [-p N] [-s SAVEPOINT] [-n] [-- JOB ARGS...]
#                               one submission (-n: allow state of removed operators to be
#                               dropped); prints the job id once the job is submitted
#   submit-job.sh resume [-p N] [-- JOB ARGS...]
#                               unless a job runs: submit, from the newest retained checkpoint
#                               or savepoint when there is one; waits until it runs
#   submit-job.sh watch [-p N] [-- JOB ARGS...]
#                               resume now, and again whenever a (restarted, HA-less)
#                               JobManager has no job at all; never returns
#   submit-job.sh wait-running JOB_ID [SECONDS]
#   submit-job.sh savepoint [JOB_ID]   trigger a savepoint, wait for it, print its path
#   submit-job.sh cancel [--savepoint] [JOB_ID]
#                               cancel; with --savepoint stop with a savepoint (Flink's
#                               stop-with-savepoint: nothing is processed after it) and print
#                               its path
#   submit-job.sh rescale N [-- JOB ARGS...]
#                               stop with a savepoint, submit again from it at parallelism N,
#                               wait until it runs; prints the savepoint and the new job id
#   submit-job.sh jobs          the jobs the JobManager knows: id, state, parallelism, start
# JOB_ID defaults to the one running job. JOB ARGS default to $JOB_ARGS (split on blanks).
#
# Settings (environment):
#   FLINK_URL       the REST API                      (default http://jobmanager:8081)
#   FLINK_CLI       the `flink` command               (default flink)
#   JOB_JAR         the job jar                       (default /job/flink-job.jar)
#   ENTRY_CLASS     (default com.smartinfra.job.SmartInfraJob)
#   JOB_ARGS        job arguments when none follow `--` (no secrets: Flink shows them)
#   CHECKPOINT_DIR  where retained checkpoints live   (default /opt/flink/checkpoints)
#   SAVEPOINT_DIR   where savepoints live, also read by resume (default /opt/flink/savepoints;
#                   savepoints go to the cluster's execution.checkpointing.savepoint-dir)
#   SAVEPOINT_TIMEOUT  seconds to wait for a savepoint (default 600)
# Needs curl and jq. Exit status 1 with one line on stderr on any error.
set -eu
FLINK_URL="${FLINK_URL:-http://jobmanager:8081}"
FLINK_CLI="${FLINK_CLI:-flink}"
JOB_JAR="${JOB_JAR:-/job/flink-job.jar}"
ENTRY_CLASS="${ENTRY_CLASS:-com.smartinfra.job.SmartInfraJob}"
CHECKPOINT_DIR="${CHECKPOINT_DIR:-/opt/flink/checkpoints}"
SAVEPOINT_DIR="${SAVEPOINT_DIR:-/opt/flink/savepoints}"
SAVEPOINT_TIMEOUT="${SAVEPOINT_TIMEOUT:-600}"
ACTIVE_STATES='RUNNING|CREATED|INITIALIZING|RESTARTING|RECONCILING'

log() { echo "job-submitter: $(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >&2; }
die() {
  log "$*"
  exit 1
}

# GET (or METHOD with a JSON body) on the REST API; prints the body, fails on no answer or >= 400.
rest() { curl -fsS -m 10 "$FLINK_URL$1" 2>/dev/null; }
rest_send() { # METHOD PATH [JSON]: the body; on an HTTP error, Flink's "errors" on stderr
  out="$(curl -sS -m 30 -X "$1" -H 'Content-Type: application/json' --data "${3:-}" \
    -w '\n%{http_code}' "$FLINK_URL$2" 2>&1)" || die "the Flink cluster at $FLINK_URL is unreachable ($out)"
  code="$(printf '%s\n' "$out" | tail -n 1)"
  body="$(printf '%s\n' "$out" | sed '$d')"
  if [ "$code" -ge 400 ]; then
    why="$(printf '%s' "$body" | jq -r '(.errors // []) | map(split("\n")[0]) | join("; ")' 2>/dev/null || true)"
    die "$1 $2 answered HTTP $code: ${why:-$body}"
  fi
  printf '%s' "$body"
}

require_cluster() {
  curl -fsS -m 10 -o /dev/null "$FLINK_URL/config" 2>/dev/null ||
    die "the Flink cluster at $FLINK_URL is unreachable (is it up?)"
}

wait_for_taskmanager() { # timeout_s
  i=0
  while :; do
    # nothing at all while the JobManager is down
    n="$(rest /taskmanagers | jq '.taskmanagers | length' 2>/dev/null || true)"
    [ "${n:-0}" -gt 0 ] && break
    i=$((i + 2))
    [ "$i" -le "$1" ] || die "no TaskManager registered at $FLINK_URL after $1 s"
    sleep 2
  done
}

# Jobs the JobManager knows, by state: "RUNNING 1" lines; empty for a fresh JobManager.
job_states() { rest /jobs/overview | jq -r '.jobs[].state' 2>/dev/null | sort | uniq -c; }

# The id of the one running (or starting) job; fails naming the jobs when there is none or several.
running_job() {
  require_cluster
  ids="$(rest /jobs/overview | jq -r --arg s "^($ACTIVE_STATES)\$" \
    '.jobs[] | select(.state | test($s)) | .jid')" || die "cannot read $FLINK_URL/jobs/overview"
  n="$(printf '%s' "$ids" | grep -c . || true)"
  [ "$n" -gt 0 ] || die "no job running on the Flink cluster at $FLINK_URL"
  [ "$n" -eq 1 ] || die "$n jobs run on $FLINK_URL ($(echo "$ids" | tr '\n' ' ')): name one"
  echo "$ids"
}

# The job id argument, or the running job's.
job_arg() {
  if [ -n "${1:-}" ]; then
    case "$1" in *[!0-9a-f]*) die "not a job id: '$1' (32 hex digits)" ;; esac
    require_cluster
    rest "/jobs/$1" >/dev/null || die "no job $1 on the Flink cluster at $FLINK_URL"
    echo "$1"
  else
    running_job
  fi
}

# The newest completed checkpoint (chk-N with its _metadata) or savepoint, or nothing: after a
# stop with a savepoint, that savepoint is newer than the job's last checkpoint.
latest_checkpoint() {
  {
    [ ! -d "$CHECKPOINT_DIR" ] || find "$CHECKPOINT_DIR" -mindepth 3 -maxdepth 3 \
      -path '*/chk-*/_metadata' -printf '%T@ %h\n' 2>/dev/null
    [ ! -d "$SAVEPOINT_DIR" ] || find "$SAVEPOINT_DIR" -mindepth 2 -maxdepth 2 \
      -path '*/savepoint-*/_metadata' -printf '%T@ %h\n' 2>/dev/null
  } | sort -n | tail -n 1 | cut -d' ' -f2-
}

# Job arguments: those after `--`, else $JOB_ARGS split on blanks (no globbing).
# Sets OPT_P, OPT_S, OPT_N and leaves the job arguments in "$@" of the caller via JOB_ARGV.
# POSIX sh has no arrays: the job arguments are kept quoted in JOB_ARGV for eval.
parse_submit_options() {
  OPT_P=""
  OPT_S=""
  OPT_N=""
  while [ $# -gt 0 ]; do
    case "$1" in
      -p)
        [ $# -ge 2 ] || die "-p needs a parallelism"
        case "$2" in '' | *[!0-9]* | 0) die "parallelism must be a positive number, was '$2'" ;; esac
        OPT_P="$2"
        shift 2
        ;;
      -s)
        if [ $# -lt 2 ] || [ -z "$2" ]; then die "-s needs a savepoint path"; fi
        OPT_S="$2"
        shift 2
        ;;
      -n)
        OPT_N=1
        shift
        ;;
      --)
        shift
        break
        ;;
      *) die "unknown option '$1'" ;;
    esac
  done
  if [ $# -eq 0 ] && [ -n "${JOB_ARGS:-}" ]; then
    set -f
    # shellcheck disable=SC2086 # split on blanks on purpose
    set -- $JOB_ARGS
    set +f
  fi
  JOB_ARGV=""
  for a in "$@"; do
    JOB_ARGV="$JOB_ARGV '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
  done
}

# Submits (detached) and prints the job id. Options as parse_submit_options.
submit() {
  parse_submit_options "$@"
  eval "set -- $JOB_ARGV"
  [ -f "$JOB_JAR" ] || die "job jar missing: $JOB_JAR"
  out="$(mktemp)"
  set -- -c "$ENTRY_CLASS" "$JOB_JAR" "$@"
  [ -z "$OPT_N" ] || set -- -n "$@"
  [ -z "$OPT_S" ] || set -- -s "$OPT_S" "$@"
  [ -z "$OPT_P" ] || set -- -p "$OPT_P" "$@"
  if ! $FLINK_CLI run -d -m "${FLINK_URL#*://}" "$@" >"$out" 2>&1; then
    tail -n 30 "$out" >&2
    rm -f "$out"
    die "flink run failed"
  fi
  job_id="$(sed -n 's/.*JobID \([0-9a-f]\{32\}\).*/\1/p' "$out" | tail -n 1)"
  rm -f "$out"
  [ -n "$job_id" ] || die "flink run printed no job id"
  log "submitted job $job_id${OPT_P:+ at parallelism $OPT_P}${OPT_S:+ from $OPT_S}"
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

# Waits for an asynchronous savepoint operation (trigger or stop); prints the savepoint's path.
await_savepoint() { # job_id request_id what
  i=0
  while :; do
    op="$(rest "/jobs/$1/savepoints/$2")" || die "lost the $3 of job $1: $FLINK_URL does not answer"
    case "$(printf '%s' "$op" | jq -r '.status.id')" in
      COMPLETED)
        # Flink's reason: the exception's first line and its root cause
        failure="$(printf '%s' "$op" | jq -r '.operation["failure-cause"] // empty |
          (.["stack-trace"] // .class // "unknown") | split("\n") |
          .[0] + ([.[] | select(startswith("Caused by: "))] | last // "" |
            if . == "" then "" else " (root cause: " + ltrimstr("Caused by: ") + ")" end)')"
        [ -z "$failure" ] || die "the $3 of job $1 failed: $failure"
        printf '%s' "$op" | jq -r '.operation.location'
        return 0
        ;;
    esac
    i=$((i + 1))
    [ "$i" -le "$SAVEPOINT_TIMEOUT" ] || die "the $3 of job $1 did not complete within $SAVEPOINT_TIMEOUT s"
    sleep 1
  done
}

# Waits until the job reached one of the given final states.
await_state() { # job_id timeout_s state_regex
  i=0
  while :; do
    state="$(rest "/jobs/$1" | jq -r '.state // empty' 2>/dev/null || true)"
    printf '%s' "$state" | grep -qE "^($3)\$" && return 0
    i=$((i + 1))
    [ "$i" -le "$2" ] || die "job $1 is still ${state:-unknown} after $2 s"
    sleep 1
  done
}

savepoint() { # [job_id]
  id="$(job_arg "${1:-}")"
  rid="$(rest_send POST "/jobs/$id/savepoints" '{"cancel-job": false}' | jq -r '.["request-id"]')"
  path="$(await_savepoint "$id" "$rid" savepoint)"
  log "savepoint of job $id: $path"
  echo "$path"
}

cancel() { # [--savepoint] [job_id]
  with_savepoint=""
  if [ "${1:-}" = --savepoint ]; then
    with_savepoint=1
    shift
  fi
  id="$(job_arg "${1:-}")"
  if [ -n "$with_savepoint" ]; then
    # not drained: timers and windows stay open in the savepoint, as in any restore
    rid="$(rest_send POST "/jobs/$id/stop" '{"drain": false}' | jq -r '.["request-id"]')"
    path="$(await_savepoint "$id" "$rid" "stop with a savepoint")"
    await_state "$id" 120 'FINISHED|CANCELED|FAILED'
    log "job $id stopped with savepoint $path"
    echo "$path"
  else
    rest_send PATCH "/jobs/$id?mode=cancel" >/dev/null
    await_state "$id" 120 'CANCELED|FAILED|FINISHED'
    log "job $id cancelled"
  fi
}

rescale() { # N [-- job args]
  n="${1:-}"
  case "$n" in '' | *[!0-9]* | 0) die "rescale needs a positive parallelism, was '$n'" ;; esac
  shift
  [ "${1:-}" != -- ] || shift
  sp="$(cancel --savepoint)"
  job_id="$(submit -p "$n" -s "$sp" -- "$@")" ||
    die "the job stopped with savepoint $sp but could not be submitted again: resubmit it with -s $sp"
  wait_running "$job_id" 180
  log "job $job_id runs at parallelism $n from $sp"
  echo "$sp"
  echo "$job_id"
}

jobs() {
  require_cluster
  overview="$(rest /jobs/overview)" || die "cannot read $FLINK_URL/jobs/overview"
  printf '%-32s  %-11s  %-11s  %-20s  %s\n' JOB_ID STATE PARALLELISM STARTED NAME
  for id in $(printf '%s' "$overview" | jq -r '.jobs | sort_by(-.["start-time"]) | .[].jid'); do
    detail="$(rest "/jobs/$id" || echo '{}')"
    printf '%s' "$detail" | jq -r '[.jid // "?", .state // "?",
        ([.vertices[]?.parallelism] | max // "?" | tostring),
        ((.["start-time"] // 0) / 1000 | floor | todate), .name // "?"] |
        "\(.[0])  \(.[1] | . + " " * (11 - length))  \(.[2] | . + " " * (11 - length))  \(.[3])  \(.[4])"'
  done
}

resume() { # [-p N] [-- job args]
  wait_for_taskmanager 240
  if job_states | grep -qE " ($ACTIVE_STATES)\$"; then
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
    require_cluster
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
  wait-running)
    [ -n "${1:-}" ] || die "wait-running needs a job id"
    wait_running "$1" "${2:-120}"
    ;;
  savepoint) savepoint "$@" ;;
  cancel) cancel "$@" ;;
  rescale) rescale "$@" ;;
  jobs) jobs ;;
  *)
    echo "usage: submit-job.sh submit [-p N] [-s SAVEPOINT] [-n] [-- ARGS...] | resume [-p N] [-- ARGS...]" >&2
    echo "       | watch [-p N] [-- ARGS...] | wait-running JOB_ID [S] | savepoint [JOB_ID]" >&2
    echo "       | cancel [--savepoint] [JOB_ID] | rescale N [-- ARGS...] | jobs" >&2
    exit 2
    ;;
esac
