# shellcheck shell=bash
# The local stack as a whole: up, down, status, logs.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

cmd_up() {
  local a
  NO_BUILD=0
  load_settings
  for a in "$@"; do
    case "$a" in
      --no-job) NO_JOB=1 ;;
      --no-build) NO_BUILD=1 ;;
      *) die "up: unknown option '$a' (see bin/smart-infra help)" ;;
    esac
  done
  check_settings
  # the token: from a file (its path is no secret and goes to the job as a setting) or the env
  if [ -n "${INFLUXDB_TOKEN_FILE:-}" ]; then
    [ -z "${INFLUXDB_TOKEN:-}" ] || die "set only one of INFLUXDB_TOKEN and INFLUXDB_TOKEN_FILE"
    [ -r "$INFLUXDB_TOKEN_FILE" ] || die "setting INFLUXDB_TOKEN_FILE: cannot read '$INFLUXDB_TOKEN_FILE'"
    INFLUXDB_TOKEN_FILE="$(readlink -f "$INFLUXDB_TOKEN_FILE")"
    export INFLUXDB_TOKEN_FILE
    unset INFLUXDB_TOKEN
  else
    export INFLUXDB_TOKEN="${INFLUXDB_TOKEN:-local-dev-token}"
  fi
  if [ -f "$RUN/settings.env" ]; then
    local running=() c
    for c in "${COMPONENTS[@]}"; do
      if alive "$c" || { [ "$c" = influxdb ] && { alive influxd || alive nginx; }; }; then
        running+=("$c")
      fi
    done
    if [ "${#running[@]}" -gt 0 ]; then
      load_recorded_settings
      local expected=("${COMPONENTS[@]}")
      if [ "$INFLUX_EXTERNAL" = 1 ]; then expected=(kafka jobmanager taskmanager simulator agent dashboard-api); fi
      if [ "$AGENT" = 0 ]; then
        local e kept=()
        for e in "${expected[@]}"; do [ "$e" = agent ] || kept+=("$e"); done
        expected=("${kept[@]}")
      fi
      if [ "${#running[@]}" = "${#expected[@]}" ] || [ "$NO_JOB" = 1 ]; then
        say "smart-infra: already up ($STATE)"
        cmd_status || true
        return 0
      fi
      die "partly up (running: ${running[*]}); run 'bin/smart-infra down' first"
    fi
  fi

  # a fresh Debian machine: install what the local stack runs on
  if [ "${INFLUXDB_URL:-}" = "" ]; then
    ensure_packages "${RUNTIME_PACKAGES[@]}" "${INFLUX_PACKAGES[@]}"
  else
    ensure_packages "${RUNTIME_PACKAGES[@]}"
  fi
  mkdir -p "$RUN" "$LOGS" "$CP_CACHE" "$STATE/tmp"
  rm -f "$RUN"/*.pid "$RUN/flink-job.id" "$RUN/influxdb-starter.rc"
  record_settings
  export STARTER_RC="$RUN/influxdb-starter.rc"

  local t0
  t0="$(now_ms)"
  UP_RUNNING=1
  trap 'up_exit $?' EXIT
  trap 'STEP_LOG=""; fail "interrupted"' INT TERM
  say "smart-infra up: starting the local stack in $STATE"

  build_modules
  copy_jars
  resolve_classpaths
  # start the slow JVMs together, then wait for each
  start_kafka
  start_influxdb
  start_flink
  wait_kafka
  wait_influxdb
  # the simulator and the API start while the Flink job is being deployed
  local with_sim=1 with_api=1
  if [ "$NO_JOB" = 1 ] && [ ! -f "$RUN_SIM_JAR" ]; then with_sim=0; fi
  if [ "$NO_JOB" = 1 ] && [ ! -f "$RUN_API_JAR" ]; then with_api=0; fi
  if [ "$with_sim" = 1 ]; then
    start_simulator
    if [ "$AGENT" = 1 ]; then start_agent; else
      step "agent (this machine)" ""
      printf 'off (SMART_INFRA_AGENT=0)\n'
    fi
  else
    step "simulator" ""
    printf 'skipped (no jar)\n'
  fi
  if [ "$with_api" = 1 ]; then start_api; else
    step "dashboard-api" ""
    printf 'skipped (no jar)\n'
  fi
  wait_flink
  if [ "$NO_JOB" = 1 ]; then
    step "Flink job" ""
    printf 'skipped (--no-job)\n'
  else
    submit_job
  fi
  [ "$with_api" = 0 ] || wait_api
  if [ "$with_sim" = 1 ]; then
    STEP="simulator: running"
    STEP_LOG="$LOGS/simulator.log"
    alive simulator || fail "the simulator exited"
    STEP="agent: running"
    STEP_LOG="$LOGS/agent.log"
    [ "$AGENT" = 0 ] || alive agent || fail "the agent exited"
  fi
  UP_RUNNING=0
  trap - INT TERM

  local total
  total="$(secs_since "$t0")"
  say ""
  say "Smart Infra Monitor is up (started in $total)"
  print_urls
  say ""
  say "Stop it with: bin/smart-infra down     Status: bin/smart-infra status"
}

print_urls() {
  local job=""
  [ -s "$RUN/flink-job.id" ] && job="job $(cat "$RUN/flink-job.id")"
  say "  Flink web UI      $(flink_url)/   $job"
  say "  Flink metrics     http://127.0.0.1:$TM_PROMETHEUS_PORT/metrics (TaskManager), :$JM_PROMETHEUS_PORT (JobManager), Prometheus format"
  say "  Dashboard         http://127.0.0.1:$API_PORT/"
  if [ -t 1 ] && [ -s "$STATE/dashboard-link" ]; then
    # like Jupyter: the terminal gets a link with the token, for the dashboard's own writes
    say "  with write access $(cat "$STATE/dashboard-link")"
  elif [ -s "$STATE/dashboard-link" ]; then
    say "  with write access the link in $STATE/dashboard-link (API token: ${API_TOKEN:+API_TOKEN}${API_TOKEN:-$STATE/api-token})"
  fi
  say "  API metrics       http://127.0.0.1:$API_PORT/metrics"
  if [ "$INFLUX_EXTERNAL" = 1 ]; then
    say "  InfluxDB          $INFLUX_URL   (INFLUXDB_URL; bucket $INFLUX_BUCKET, org $INFLUX_ORG)"
  else
    say "  InfluxDB          $INFLUX_URL   (local InfluxDB 1.x behind a v2 shim; database $INFLUX_BUCKET)"
  fi
  say "  Kafka bootstrap   127.0.0.1:$KAFKA_PORT   (topics $METRICS_TOPIC, $DLQ_TOPIC, $CONTROL_TOPIC, $JOURNAL_TOPIC)"
  say "  Logs              $LOGS"
}

# TERM, wait, KILL: every given component at once, and the children they had.
stop_components() { # name...
  local name pid pids=() all=() d stopped=() sup
  for name in "$@"; do
    # a supervisor first, or it would start its process again
    sup="$(cat "$(pid_file "$name").supervisor" 2>/dev/null || true)"
    if [ -n "$sup" ] && pid_is_ours "$sup"; then
      pids+=("$sup")
      all+=("$sup")
      kill -TERM "$sup" 2>/dev/null || true
    fi
    pid="$(recorded_pid "$name")"
    if [ -n "$pid" ] && pid_is_ours "$pid"; then
      pids+=("$pid")
      all+=("$pid")
      for d in $(descendants "$pid"); do all+=("$d"); done
      kill -TERM "$pid" 2>/dev/null || true
      stopped+=("$name ($pid)")
    fi
  done
  if [ "${#pids[@]}" -gt 0 ]; then
    local t0
    t0="$(now_ms)"
    local deadline=$((SECONDS + 30)) left
    while :; do
      left=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
      [ "$left" = 0 ] && break
      if [ "$SECONDS" -ge "$deadline" ]; then
        warn "still running after 30 s, killing: ${pids[*]}"
        break
      fi
      sleep 0.2
    done
    for pid in "${all[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    say "  stopped ${stopped[*]} in $(secs_since "$t0")"
  fi
  STOPPED_PIDS+=("${all[@]}")
  for name in "$@"; do rm -f "$(pid_file "$name")" "$(pid_file "$name").supervisor"; done
}

# Processes of this stack that no PID file names any more (e.g. after a crash of `up`).
leftovers() {
  local f pid comm
  for f in /proc/[0-9]*; do
    pid="${f#/proc/}"
    [ "$pid" = "$$" ] && continue
    read -r comm 2>/dev/null <"$f/comm" || continue
    case "$comm" in
      java | influxd | nginx | bash) ;;
      *) continue ;;
    esac
    if owned_cmdline "$(cmdline "$pid")"; then echo "$pid"; fi
  done
}

stop_all() {
  STOPPED_PIDS=()
  # the job first (so its sinks end cleanly), meanwhile the simulator and the API
  local cancel_pid
  cancel_job &
  cancel_pid=$!
  stop_components simulator agent dashboard-api
  wait "$cancel_pid" || true
  rm -f "$RUN/flink-job.id"
  # InfluxDB (through influxdb-local.sh, once stale PID files are gone) alongside Flink and Kafka
  local n pid influx_pid=""
  for n in influxd nginx; do
    pid="$(recorded_pid "$n")"
    if [ -n "$pid" ]; then
      if pid_is_ours "$pid"; then
        STOPPED_PIDS+=("$pid")
        for d in $(descendants "$pid"); do STOPPED_PIDS+=("$d"); done
      else
        rm -f "$(pid_file "$n")"
      fi
    fi
  done
  stop_components influxdb-starter
  if [ -d "$STATE/influxdb" ] && { [ -f "$(pid_file influxd)" ] || [ -f "$(pid_file nginx)" ]; }; then
    (
      t0="$(now_ms)"
      bash "$LIB/influxdb-local.sh" stop "$STATE/influxdb" >/dev/null 2>&1 || true
      say "  stopped influxdb in $(secs_since "$t0")"
    ) &
    influx_pid=$!
  fi
  stop_components taskmanager jobmanager kafka
  [ -z "$influx_pid" ] || wait "$influx_pid" || true
  # no recorded process (nor a child of one) may survive
  local survivors=()
  for pid in "${STOPPED_PIDS[@]}" $(leftovers); do
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
      survivors+=("$pid")
    fi
  done
  sleep 0.2
  for pid in "${survivors[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      warn "process $pid survived KILL: $(cmdline "$pid" | cut -c1-200)"
      return 1
    fi
  done
  rm -f "$RUN/influxdb-starter.rc" "$RUN/settings.env"
  return 0
}

cmd_down() {
  load_recorded_settings
  if [ ! -d "$RUN" ] && [ -z "$(leftovers)" ]; then
    say "smart-infra: nothing to stop ($STATE)"
    return 0
  fi
  local t0
  t0="$(now_ms)"
  say "smart-infra down: stopping the local stack in $STATE"
  stop_all || die "some processes could not be stopped"
  say "smart-infra down: stopped ($(secs_since "$t0"))"
}

cmd_status() {
  load_recorded_settings
  local all_up=1 c pid state url
  printf '%-15s %-8s %-8s %s\n' COMPONENT STATE PID ADDRESS
  for c in "${COMPONENTS[@]}"; do
    case "$c" in
      kafka) url="127.0.0.1:$KAFKA_PORT" ;;
      influxdb) url="$INFLUX_URL" ;;
      jobmanager) url="$(flink_url)/" ;;
      taskmanager) url="" ;;
      simulator) url="-> $METRICS_TOPIC" ;;
      agent) url="this machine -> $METRICS_TOPIC" ;;
      dashboard-api) url="http://127.0.0.1:$API_PORT/" ;;
    esac
    if [ "$c" = influxdb ] && [ "$INFLUX_EXTERNAL" = 1 ]; then
      state=external
      local code
      code="$(http_code "$INFLUX_URL/health")"
      [ "$code" = 200 ] || state=unreachable
      printf '%-15s %-8s %-8s %s\n' "$c" "$state" "-" "$url"
      continue
    fi
    if [ "$c" = agent ] && [ "$AGENT" = 0 ]; then
      printf '%-15s %-8s %-8s %s\n' "$c" off "-" "(SMART_INFRA_AGENT=0)"
      continue
    fi
    pid="$(recorded_pid "$c")"
    [ "$c" = influxdb ] && pid="$(recorded_pid influxd)"
    if alive "$c"; then state=up; else
      state=down
      pid="-"
      all_up=0
    fi
    printf '%-15s %-8s %-8s %s\n' "$c" "$state" "${pid:--}" "$url"
  done
  if [ -s "$RUN/flink-job.id" ]; then
    local jobid
    jobid="$(cat "$RUN/flink-job.id")"
    state="$(job_state "$jobid")"
    printf '%-15s %-17s %s\n' "flink job" "${state:-unknown}" "$jobid"
    [ "$state" = RUNNING ] || all_up=0
  else
    printf '%-15s %s\n' "flink job" "none"
    [ "$NO_JOB" = 1 ] || all_up=0
  fi
  [ "$all_up" = 1 ] || return 3
}

cmd_logs() {
  load_recorded_settings
  local f
  case "${1:-}" in
    "")
      say "Logs in $LOGS:"
      ls -1 "$LOGS" 2>/dev/null | sed 's/^/  /' || true
      [ -d "$STATE/influxdb/logs" ] && ls -1 "$STATE/influxdb/logs" | sed "s#^#  $STATE/influxdb/logs/#"
      return 0
      ;;
    kafka) f="$LOGS/kafka.log" ;;
    influxdb | influxd) f="$STATE/influxdb/logs/influxd.log" ;;
    nginx | shim) f="$STATE/influxdb/logs/access.log" ;;
    jobmanager | jm) f="$LOGS/flink-jobmanager.log" ;;
    taskmanager | tm) f="$LOGS/flink-taskmanager.log" ;;
    simulator | sim) f="$LOGS/simulator.log" ;;
    agent) f="$LOGS/agent.log" ;;
    dashboard-api | api) f="$LOGS/dashboard-api.log" ;;
    build) f="$LOGS/build.log" ;;
    *) die "logs: unknown component '$1' (kafka, influxdb, jobmanager, taskmanager, simulator, agent, dashboard-api, build)" ;;
  esac
  [ -f "$f" ] || die "no log yet: $f"
  if [ -t 1 ]; then exec tail -n 100 -F "$f"; else tail -n 100 "$f"; fi
}

# ------------------------------------------------------------------------- one component

# Stops one component (its supervisor too): for maintenance, and for the fault suite's outages.
cmd_stop() { # name
  load_recorded_settings
  case "${1:-}" in
    influxdb)
      [ "$INFLUX_EXTERNAL" = 0 ] || die "stop: InfluxDB is external (INFLUXDB_URL)"
      bash "$LIB/influxdb-local.sh" stop "$STATE/influxdb" >/dev/null 2>&1 || true
      say "  stopped influxdb"
      ;;
    kafka | jobmanager | taskmanager | simulator | agent | dashboard-api) stop_components "$1" ;;
    *) die "stop: unknown component '${1:-}' (kafka, influxdb, jobmanager, taskmanager, simulator, agent, dashboard-api)" ;;
  esac
}

# Starts one stopped component of a running stack, with the settings it was started with.
cmd_start() { # name
  load_recorded_settings
  [ -f "$RUN/settings.env" ] || die "start: the stack is not up (bin/smart-infra up)"
  alive "${1:-}" && { say "  ${1:-} is up already"; return 0; }
  app_jars
  export STARTER_RC="$RUN/influxdb-starter.rc"
  case "${1:-}" in
    influxdb)
      [ "$INFLUX_EXTERNAL" = 0 ] || die "start: InfluxDB is external (INFLUXDB_URL)"
      rm -f "$STARTER_RC"
      start_influxdb
      wait_influxdb
      ;;
    kafka)
      resolve_classpaths
      start_kafka
      wait_kafka
      ;;
    simulator) start_simulator ;;
    agent) start_agent ;;
    dashboard-api)
      start_api
      wait_api
      ;;
    *) die "start: unknown or unsupported component '${1:-}' (kafka, influxdb, simulator, agent, dashboard-api)" ;;
  esac
}
