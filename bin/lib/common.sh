# shellcheck shell=bash
# Helpers shared by every command: settings, process bookkeeping, launching, the step
# display of `up`, and Debian packages.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

# Debian packages as command:package pairs; each is installed only when its command is missing.
RUNTIME_PACKAGES=(curl:curl jq:jq mvn:maven javac:openjdk-17-jdk-headless)
INFLUX_PACKAGES=(influxd:influxdb nginx:nginx-light)
BROWSER_PACKAGES=(chromium:chromium chromedriver:chromium-driver)
CHECK_PACKAGES=(shellcheck:shellcheck)
# the simulator's scrape tests start the real node_exporter
SCRAPE_PACKAGES=(prometheus-node-exporter:prometheus-node-exporter)

STEP=""
STEP_LOG=""
STEP_T0=0
FAILING=0
UP_RUNNING=0

now_ms() { date +%s%3N; }

secs_since() { # start_ms -> "12.3 s"
  local d=$(($(now_ms) - $1))
  printf '%d.%d s' $((d / 1000)) $((d % 1000 / 100))
}

say() { printf '%s\n' "$*"; }

warn() { printf 'smart-infra: %s\n' "$*" >&2; }

die() { warn "$*"; exit 1; }

load_settings() {
  KAFKA_PORT="${SMART_INFRA_KAFKA_PORT:-9092}"
  KAFKA_CONTROLLER_PORT="${SMART_INFRA_KAFKA_CONTROLLER_PORT:-9093}"
  INFLUX_PORT="${SMART_INFRA_INFLUX_PORT:-8086}"
  INFLUXD_PORT="${SMART_INFRA_INFLUXD_PORT:-8186}"
  INFLUXD_RPC_PORT="${SMART_INFRA_INFLUXD_RPC_PORT:-8188}"
  FLINK_PORT="${SMART_INFRA_FLINK_PORT:-8081}"
  FLINK_RPC_PORT="${SMART_INFRA_FLINK_RPC_PORT:-6123}"
  API_PORT="${SMART_INFRA_API_PORT:-4567}"
  JM_PROMETHEUS_PORT="${SMART_INFRA_JM_PROMETHEUS_PORT:-9249}"
  TM_PROMETHEUS_PORT="${SMART_INFRA_TM_PROMETHEUS_PORT:-9250}"
  TM_SLOTS="${SMART_INFRA_TM_SLOTS:-2}"
  METRICS_PARTITIONS="${SMART_INFRA_METRICS_PARTITIONS:-2}"
  INFLUX_ORG="${INFLUXDB_ORG:-smart-infra}"
  INFLUX_BUCKET="${INFLUXDB_BUCKET:-metrics}"
  if [ -n "${INFLUXDB_URL:-}" ]; then
    INFLUX_EXTERNAL=1
    INFLUX_URL="${INFLUXDB_URL%/}"
  else
    INFLUX_EXTERNAL=0
    INFLUX_URL="http://127.0.0.1:$INFLUX_PORT"
  fi
  NO_JOB=0
  AGENT="${SMART_INFRA_AGENT:-1}"
}

# What a running stack was started with wins over the caller's environment.
load_recorded_settings() {
  load_settings
  if [ -f "$RUN/settings.env" ]; then
    # shellcheck disable=SC1091
    . "$RUN/settings.env"
  fi
}

record_settings() {
  local v
  : >"$RUN/settings.env"
  for v in KAFKA_PORT KAFKA_CONTROLLER_PORT INFLUX_PORT INFLUXD_PORT INFLUXD_RPC_PORT FLINK_PORT \
    FLINK_RPC_PORT API_PORT JM_PROMETHEUS_PORT TM_PROMETHEUS_PORT TM_SLOTS METRICS_PARTITIONS \
    INFLUX_ORG INFLUX_BUCKET INFLUX_EXTERNAL INFLUX_URL NO_JOB AGENT SMART_INFRA_JOB_ARGS; do
    printf '%s=%q\n' "$v" "${!v-}" >>"$RUN/settings.env"
  done
}

check_settings() {
  local v p seen=" "
  [[ "$AGENT" =~ ^[01]$ ]] || die "setting SMART_INFRA_AGENT must be 1 (run the local agent) or 0, was '$AGENT'"
  for v in KAFKA_PORT KAFKA_CONTROLLER_PORT INFLUX_PORT INFLUXD_PORT INFLUXD_RPC_PORT FLINK_PORT \
    FLINK_RPC_PORT API_PORT JM_PROMETHEUS_PORT TM_PROMETHEUS_PORT; do
    p="${!v}"
    [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] ||
      die "setting SMART_INFRA_$v must be a port number 1-65535, was '$p'"
    if [ "$INFLUX_EXTERNAL" = 1 ] && [[ "$v" == INFLUX* ]]; then continue; fi
    [[ "$seen" == *" $p "* ]] && die "setting SMART_INFRA_$v: port $p is used twice"
    seen="$seen$p "
  done
  for v in TM_SLOTS METRICS_PARTITIONS; do
    [[ "${!v}" =~ ^[1-9][0-9]*$ ]] && [ "${!v}" -le 64 ] ||
      die "setting SMART_INFRA_$v must be a number 1-64, was '${!v}'"
  done
  [[ "$INFLUX_URL" =~ ^https?://[^[:space:]]+$ ]] || die "setting INFLUXDB_URL must be an http(s) URL, was '$INFLUX_URL'"
}

pid_file() {
  case "$1" in
    influxd) echo "$STATE/influxdb/influxd.pid" ;;
    nginx) echo "$STATE/influxdb/nginx.pid.launcher" ;;
    *) echo "$RUN/$1.pid" ;;
  esac
}

cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | sed 's/ $//' || true; }

# A command line of this stack names this state dir exactly: each JVM has
# -Dsmart-infra.home=$STATE, influxd/nginx their config under it, launchers their PID file.
# (Exact markers: a stack test whose state dir lies below this one is not ours.)
owned_cmdline() {
  local c="$1 "
  [[ "$c" == *"-Dsmart-infra.home=$STATE "* || "$c" == *"$STATE/influxdb/influxd.conf "* ||
    "$c" == *"$STATE/influxdb/nginx.conf "* || "$c" == *" $STATE/influxdb "* ||
    "$c" == *"$STATE/run/"* ]]
}

# A PID belongs to this stack when it is alive and owned_cmdline: a stale PID file never makes
# us signal an unrelated process.
pid_is_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && owned_cmdline "$(cmdline "$pid")"
}

recorded_pid() {
  local f
  f="$(pid_file "$1")"
  [ -s "$f" ] && cat "$f" || true
}

alive() { # component (or influxd / nginx)
  local pid
  if [ "$1" = influxdb ]; then
    alive influxd && alive nginx
    return
  fi
  pid="$(recorded_pid "$1")"
  [ -n "$pid" ] && pid_is_ours "$pid"
}

# Children (recursively) of a PID, from /proc (procps may be missing on a bare machine).
descendants() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } |
    sed -E 's/^([0-9]+) \(.*\) [A-Za-z] ([0-9]+) .*/\1 \2/' |
    awk -v root="$1" '{ p[$1] = $2 }
      END { d[root] = 1; more = 1
            while (more) { more = 0; for (c in p) if (!(c in d) && (p[c] in d)) { d[c] = 1; more = 1 } }
            for (c in d) if (c != root) print c }' || true
}

# Starts "$@" detached (own session, stdin closed, output appended to LOG, working directory the
# state dir) and records its PID. The PID is written by the process itself just before exec, so
# it is the final program's.
launch() { # name log cmd...
  local name="$1" log="$2" f
  shift 2
  f="$(pid_file "$name")"
  rm -f "$f" "$f.supervisor"
  (cd "$STATE" && setsid -f bash -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$f" "$@" \
    >>"$log" 2>&1 </dev/null)
  await_pid_file "$name" "$f"
}

# As launch, under bin/lib/supervise.sh: a process that dies is started again 2 s later (as
# Compose's restart policy does); AFTER_RESTART (a command, may be empty) runs after each restart.
launch_supervised() { # name log after_restart cmd...
  local name="$1" log="$2" after="$3" f
  shift 3
  f="$(pid_file "$name")"
  rm -f "$f" "$f.supervisor"
  (cd "$STATE" && setsid -f bash "$LIB/supervise.sh" "$f" --after-restart "$after" -- "$@" \
    >>"$log" 2>&1 </dev/null)
  await_pid_file "$name" "$f"
}

await_pid_file() { # name file
  local name="$1" f="$2"
  for _ in $(seq 1 100); do
    [ -s "$f" ] && return 0
    sleep 0.05
  done
  fail "could not start $name"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

require_free_port() { # port setting
  if port_open "$1"; then
    STEP_LOG=""
    fail "port $1 is already in use on 127.0.0.1 (set $2 to another port)"
  fi
}

http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$@" 2>/dev/null || true; }

step() { # title [log]
  STEP="$1"
  STEP_LOG="${2:-}"
  STEP_T0="$(now_ms)"
  printf '  %-44s' "$1"
}

step_ok() { printf 'ok (%s)%s\n' "$(secs_since "$STEP_T0")" "${1:+  $1}"; }

fail() {
  FAILING=1
  trap - INT TERM
  printf '\n' >&2
  warn "step '$STEP' FAILED: $*"
  if [ -n "$STEP_LOG" ]; then
    warn "read the log: $STEP_LOG"
    if [ -s "$STEP_LOG" ]; then
      tail -n 25 "$STEP_LOG" | sed 's/^/    | /' >&2
    fi
  fi
  if [ "$UP_RUNNING" = 1 ]; then
    warn "stopping what was started"
    stop_all >&2 || true
  fi
  exit 1
}

# An unexpected error (set -e) during `up`: report the step and stop what was started.
up_exit() {
  local rc="$1"
  if [ "$UP_RUNNING" = 1 ] && [ "$FAILING" = 0 ] && [ "$rc" != 0 ]; then
    fail "unexpected error (exit $rc)"
  fi
}

# Polls "$@" until it succeeds; fails the step after TIMEOUT seconds or when WATCH (a component,
# or "" for none) dies.
wait_for() { # timeout watch cmd...
  local timeout="$1" watch="$2" deadline
  shift 2
  deadline=$((SECONDS + timeout))
  while :; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if [ -n "$watch" ] && ! alive "$watch"; then fail "$watch exited"; fi
    [ "$SECONDS" -lt "$deadline" ] || fail "not ready within ${timeout} s"
    sleep 0.25
  done
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_packages() { # command:package ...
  local missing=() p
  for p in "$@"; do
    if ! command -v "${p%%:*}" >/dev/null 2>&1 && ! [ -x "/usr/sbin/${p%%:*}" ]; then
      missing+=("${p#*:}")
    fi
  done
  if [ "${#missing[@]}" = 0 ]; then
    say "packages: all present"
    return 0
  fi
  say "packages: installing ${missing[*]}"
  command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand"
  # keep the Debian services (influxdb, nginx, node_exporter) from starting on their default ports
  local policy=/usr/sbin/policy-rc.d added=0
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' >$policy && chmod +x $policy"
    added=1
  fi
  local rc=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || rc=$?
  [ "$rc" = 0 ] && { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
    --no-install-recommends "${missing[@]}" || rc=$?; }
  [ "$added" = 1 ] && as_root rm -f "$policy"
  [ "$rc" = 0 ] || die "apt-get failed (exit $rc)"
}
