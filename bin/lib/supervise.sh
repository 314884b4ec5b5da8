#!/usr/bin/env bash
# Runs a command and starts it again 2 s after it exits, until this supervisor is told to stop
# (TERM/INT): the local stack's equivalent of Compose's `restart: unless-stopped`.
#   supervise.sh PIDFILE [--after-restart CMD] -- COMMAND...
# PIDFILE always holds the PID of the command's current run; PIDFILE.supervisor this script's.
# CMD (run in the background after each restart, not after the first start) lets a restarted
# JobManager get its job back.
set -uo pipefail
pidfile="$1"
shift
after_restart=""
if [ "${1:-}" = --after-restart ]; then
  after_restart="$2"
  shift 2
fi
[ "${1:-}" = -- ] && shift

echo $$ >"$pidfile.supervisor"
child=""
stopping=0
on_stop() {
  stopping=1
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  exit 0
}
trap on_stop TERM INT

runs=0
while :; do
  "$@" &
  child=$!
  echo "$child" >"$pidfile.tmp" && mv "$pidfile.tmp" "$pidfile"
  runs=$((runs + 1))
  if [ "$runs" -gt 1 ] && [ -n "$after_restart" ]; then
    bash -c "$after_restart" &
  fi
  wait "$child"
  rc=$?
  [ "$stopping" = 1 ] && exit 0
  echo "supervise: $(date -u +%FT%TZ) $(basename "$pidfile" .pid) exited with status $rc; starting it again in 2 s" >&2
  sleep 2
done
