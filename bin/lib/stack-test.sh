#!/usr/bin/env bash
# End-to-end test of the no-Docker stack, run by `bin/smart-infra test` after Maven:
# `bin/smart-infra up` in a scratch state dir on free non-default ports (so it never clashes with
# a running `up`), checks through the public interfaces only, then `down` and proof that no
# process of the stack is left. One line per check; the last line is exactly
#   stack-test: N passed, N failed
set -uo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
SI="$ROOT/bin/smart-infra"
STATE="$(mktemp -d "${TMPDIR:-/tmp}/smart-infra-stack-test.XXXXXX")"
HOSTS=(web-01 db-01 cache-01)
METRICS_TIMEOUT=60

export SMART_INFRA_HOME="$STATE"
# the stack test starts its own InfluxDB and sends no Slack message
unset INFLUXDB_URL INFLUXDB_TOKEN_FILE SLACK_WEBHOOK_URL SLACK_WEBHOOK_URL_FILE SMART_INFRA_JOB_ARGS
export INFLUXDB_TOKEN=stack-test-token
export SMART_INFRA_SIM_ARGS="--hosts ${#HOSTS[@]} --interval 1s"

passed=0
failed=0
pass() {
  passed=$((passed + 1))
  echo "stack-test: PASS $*"
}
failure() {
  failed=$((failed + 1))
  echo "stack-test: FAIL $*"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Exports VAR = the first port from BASE on that nothing listens on and this test has not taken.
TAKEN=" "
pick() { # VAR BASE
  local p="$2"
  while port_open "$p" || [[ "$TAKEN" == *" $p "* ]]; do p=$((p + 1)); done
  TAKEN="$TAKEN$p "
  export "$1=$p"
}
pick SMART_INFRA_KAFKA_PORT 29092
pick SMART_INFRA_KAFKA_CONTROLLER_PORT 29093
pick SMART_INFRA_INFLUX_PORT 28086
pick SMART_INFRA_INFLUXD_PORT 28186
pick SMART_INFRA_INFLUXD_RPC_PORT 28188
pick SMART_INFRA_FLINK_PORT 28081
pick SMART_INFRA_FLINK_RPC_PORT 26123
pick SMART_INFRA_API_PORT 24567
pick SMART_INFRA_JM_PROMETHEUS_PORT 29249
pick SMART_INFRA_TM_PROMETHEUS_PORT 29250
FLINK="http://127.0.0.1:$SMART_INFRA_FLINK_PORT"
API="http://127.0.0.1:$SMART_INFRA_API_PORT"

# Every process the stack recorded, and their children: read before `down` removes the files.
recorded_pids() {
  local f
  for f in "$STATE"/run/*.pid "$STATE"/influxdb/*.pid "$STATE"/influxdb/*.pid.launcher; do
    [ -s "$f" ] && cat "$f"
  done 2>/dev/null
}
children() { # pid...: all descendants
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } |
    sed -E 's/^([0-9]+) \(.*\) [A-Za-z] ([0-9]+) .*/\1 \2/' |
    awk -v roots="$*" 'BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) d[r[i]] = 1 }
      { p[$1] = $2 }
      END { more = 1
            while (more) { more = 0; for (c in p) if (!(c in d) && (p[c] in d)) { d[c] = 1; more = 1 } }
            for (c in d) print c }' || true
}
# PIDs of processes named $1 (comm) whose command line contains the state dir
procs_with_state() {
  local f pid comm
  for f in /proc/[0-9]*; do
    pid="${f#/proc/}"
    read -r comm 2>/dev/null <"$f/comm" || continue
    [ "$comm" = "$1" ] || continue
    if tr '\0' ' ' <"$f/cmdline" 2>/dev/null | grep -qF -- "$STATE"; then echo "$pid"; fi
  done
}

show_logs() {
  local f
  echo "---- logs of the stack under test ($STATE/logs) ----"
  for f in "$STATE"/logs/*.log "$STATE"/influxdb/logs/influxd.log; do
    [ -s "$f" ] || continue
    echo "---- tail $f"
    grep -v '^\[httpd\]' "$f" | tail -n 40 | cut -c1-300 | sed 's/\x1b\[[0-9;]*m//g'
  done
}

DOWN_DONE=0
cleanup() {
  if [ "$DOWN_DONE" = 0 ]; then
    DOWN_DONE=1
    "$SI" down >/dev/null 2>&1 || true
  fi
  if [ "$failed" = 0 ]; then rm -rf "$STATE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "stack-test: state $STATE; ports kafka $SMART_INFRA_KAFKA_PORT, influxdb $SMART_INFRA_INFLUX_PORT, flink $SMART_INFRA_FLINK_PORT, api $SMART_INFRA_API_PORT"

# ---- up
t0=$SECONDS
if timeout 900 "$SI" up 2>&1 | sed 's/^/    /'; then
  up_ok=1
  pass "bin/smart-infra up exits 0 ($((SECONDS - t0)) s)"
else
  up_ok=0
  failure "bin/smart-infra up exits 0"
fi
pids_before="$(recorded_pids | tr '\n' ' ')"
jobid="$(cat "$STATE/run/flink-job.id" 2>/dev/null || true)"

if [ "$up_ok" = 1 ]; then
  # ---- the Flink job runs
  overview="$(curl -fsS -m 10 "$FLINK/jobs/overview" 2>&1 || true)"
  if [ -n "$jobid" ] && tr '{' '\n' <<<"$overview" | grep -F "\"jid\":\"$jobid\"" | grep -q '"state":"RUNNING"'; then
    pass "Flink /jobs/overview shows job $jobid RUNNING"
  else
    failure "Flink /jobs/overview shows job ${jobid:-?} RUNNING: ${overview:0:400}"
  fi

  # ---- samples of every simulated host reach the API through Kafka, Flink and InfluxDB
  deadline=$((SECONDS + METRICS_TIMEOUT))
  missing=("${HOSTS[@]}")
  body=""
  while :; do
    body="$(curl -fsS -m 10 "$API/metrics?since=10m" 2>&1 || true)"
    missing=()
    for h in "${HOSTS[@]}"; do
      grep -Eq "\"host\" *: *\"$h\"" <<<"$body" || missing+=("$h")
    done
    [ "${#missing[@]}" = 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 2
  done
  if [ "${#missing[@]}" = 0 ]; then
    n="$(grep -o '"host"' <<<"$body" | wc -l)"
    pass "GET /metrics has samples of every simulated host (${HOSTS[*]}; $n samples)"
  else
    failure "GET /metrics has samples of every simulated host within ${METRICS_TIMEOUT} s; missing: ${missing[*]}; answer: ${body:0:300}"
  fi

  # ---- the TaskManager's Prometheus endpoint serves the job's own metrics, with samples counted
  # (names: flink_taskmanager_job_task_operator_<metric>; README "Operating" says what each means)
  PROM="http://127.0.0.1:$SMART_INFRA_TM_PROMETHEUS_PORT/metrics"
  want=(samplesValid samplesValidPerSecond deadLetters deadLettersPerSecond anomalies modelsTrained
    modelAgeSeconds influxPointsWritten influxBufferedPoints influxWriteLatencyMs)
  deadline=$((SECONDS + 30))
  while :; do
    scrape="$(curl -fsS -m 10 "$PROM" 2>&1 || true)"
    printf '%s\n' "$scrape" >"$STATE/prometheus-taskmanager.txt" # kept when a check fails
    absent=()
    for m in "${want[@]}"; do
      grep -Eq "^flink_taskmanager_job_task_operator_${m}(_[a-z]+)?[{ ]" <<<"$scrape" || absent+=("$m")
    done
    # samples went through the router: the counter is above 0 on some subtask
    counted="$(awk '/^flink_taskmanager_job_task_operator_samplesValid[{ ]/ && $NF > 0 { n++ } END { print n + 0 }' <<<"$scrape")"
    [ "${#absent[@]}" = 0 ] && [ "$counted" -gt 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 2
  done
  if [ "${#absent[@]}" = 0 ] && [ "$counted" -gt 0 ]; then
    pass "TaskManager Prometheus scrape has the job's metrics (${#want[@]} names, samplesValid > 0)"
  else
    failure "TaskManager Prometheus scrape $PROM has the job's metrics; absent: ${absent[*]:-none}; samplesValid > 0 on $counted subtasks; scrape: ${scrape:0:300}"
  fi

  # ---- the local agent's real host (this machine, simulator --local) reaches InfluxDB
  deadline=$((SECONDS + METRICS_TIMEOUT))
  real_host="$(sed -n 's/.*sampling this machine as host \([^ ]*\) every.*/\1/p' "$STATE/logs/agent.log" 2>/dev/null | head -n 1)"
  count=""
  answer=""
  while [ -n "$real_host" ]; do
    answer="$(curl -sS -m 10 -G "http://127.0.0.1:$SMART_INFRA_INFLUX_PORT/query" --data-urlencode "db=metrics" \
      --data-urlencode "q=SELECT count(cpu) FROM system_metrics WHERE host = '$real_host' AND time > now() - 10m" 2>&1 || true)"
    count="$(jq -r '.results[0].series[0].values[0][1] // empty' <<<"$answer" 2>/dev/null || true)"
    [ -n "$count" ] && [ "$count" -gt 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 2
  done
  if [ -n "$real_host" ] && [ -n "$count" ] && [ "$count" -gt 0 ]; then
    pass "InfluxDB has samples of the local agent's real host $real_host ($count)"
  else
    failure "InfluxDB has samples of the local agent's real host within ${METRICS_TIMEOUT} s (host '${real_host:-none in agent.log}'; answer: ${answer:0:300})"
  fi

  # ---- InfluxDB line protocol in (README's Telegraf recipe, by hand): the host reaches InfluxDB
  lp_host=telegraf-test
  code="$(curl -sS -m 10 -o "$STATE/write.out" -w '%{http_code}' -H @- -H 'Content-Type: text/plain; charset=utf-8' \
    --data-binary "cpu,cpu=cpu-total,host=$lp_host usage_idle=80
mem,host=$lp_host used_percent=40
disk,host=$lp_host,fstype=ext4,path=/ used_percent=55" \
    "$API/api/v2/write?org=smart-infra&bucket=metrics&precision=s" \
    <<<"Authorization: Token $(cat "$STATE/api-token" 2>/dev/null)" 2>&1 || true)"
  count=""
  answer=""
  deadline=$((SECONDS + METRICS_TIMEOUT))
  while [ "$code" = 204 ]; do
    answer="$(curl -sS -m 10 -G "http://127.0.0.1:$SMART_INFRA_INFLUX_PORT/query" --data-urlencode "db=metrics" \
      --data-urlencode "q=SELECT count(cpu) FROM system_metrics WHERE host = '$lp_host' AND time > now() - 10m" 2>&1 || true)"
    count="$(jq -r '.results[0].series[0].values[0][1] // empty' <<<"$answer" 2>/dev/null || true)"
    [ -n "$count" ] && [ "$count" -gt 0 ] && break
    [ "$SECONDS" -lt "$deadline" ] || break
    sleep 2
  done
  if [ "$code" = 204 ] && [ -n "$count" ] && [ "$count" -gt 0 ]; then
    pass "POST /api/v2/write (line protocol, Token) answers 204 and host $lp_host reaches InfluxDB"
  else
    failure "POST /api/v2/write answers 204 and host $lp_host reaches InfluxDB within ${METRICS_TIMEOUT} s (HTTP $code: $(head -c 300 "$STATE/write.out" 2>/dev/null); InfluxDB: ${answer:0:200})"
  fi

  # ---- no jar upload over REST (web.submit.enable: false): the job went in through the CLI
  code="$(curl -sS -m 10 -o /dev/null -w '%{http_code}' -X POST -H 'Expect:' \
    -F "jarfile=@$ROOT/bin/lib/stack-test.sh;filename=x.jar" "$FLINK/jars/upload" 2>/dev/null || true)"
  if [ "${code:-0}" -ge 400 ] && [ "${code:-0}" -lt 500 ]; then
    pass "Flink REST refuses a jar upload (HTTP $code)"
  else
    failure "Flink REST refuses a jar upload (got HTTP ${code:-none})"
  fi

  # ---- the Flink web UI
  info="$(curl -sS -m 10 -o "$STATE/flink-ui.html" -w '%{http_code} %{content_type}' "$FLINK/" 2>&1 || true)"
  if [[ "$info" == "200 text/html"* ]] && grep -qi '<html' "$STATE/flink-ui.html"; then
    pass "Flink web UI / answers 200 HTML"
  else
    failure "Flink web UI / answers 200 HTML (got: $info)"
  fi

  # ---- the dashboard page
  info="$(curl -sS -m 10 -o "$STATE/dashboard.html" -w '%{http_code} %{content_type}' "$API/" 2>&1 || true)"
  if [[ "$info" == "200 text/html"* ]] && grep -qi '<html' "$STATE/dashboard.html"; then
    pass "dashboard / answers 200 HTML"
  else
    failure "dashboard / answers 200 HTML (got: $info)"
  fi
else
  for c in "Flink job RUNNING" "GET /metrics samples" "Prometheus scrape" "real host in InfluxDB" "line protocol in" "jar upload refused" "Flink web UI" "dashboard page"; do
    failure "$c (not checked: up failed)"
  done
fi

[ "$failed" = 0 ] || show_logs

# ---- down, and nothing left behind
# shellcheck disable=SC2086 # a list of PIDs, split on purpose
all_pids="$(children $pids_before | tr '\n' ' ')"
DOWN_DONE=1
if "$SI" down 2>&1 | sed 's/^/    /'; then
  pass "bin/smart-infra down exits 0"
else
  failure "bin/smart-infra down exits 0"
fi
alive=()
for p in $all_pids; do kill -0 "$p" 2>/dev/null && alive+=("$p"); done
if [ -z "$pids_before" ]; then
  # `up` failed and stopped what it had started: the command-line checks below still apply
  failure "no recorded process nor child of one is alive (not checked: no PID recorded)"
elif [ "${#alive[@]}" = 0 ]; then
  pass "no recorded process nor child of one is alive ($(wc -w <<<"$all_pids") were recorded)"
else
  failure "no recorded process nor child of one is alive; alive: ${alive[*]}"
fi
left="$(procs_with_state java | tr '\n' ' ')"
if [ -z "${left// /}" ]; then
  pass "no java process names the state dir"
else
  failure "no java process names the state dir; left: $left"
fi
left="$(procs_with_state influxd; procs_with_state nginx)"
if [ -z "${left//[[:space:]]/}" ]; then
  pass "no influxd/nginx process names the state dir"
else
  failure "no influxd/nginx process names the state dir; left: $(tr '\n' ' ' <<<"$left")"
fi
if "$SI" down >/dev/null 2>&1; then
  pass "a second down exits 0 (idempotent)"
else
  failure "a second down exits 0 (idempotent)"
fi

# ---- the evaluation command on the simulator's labelled stream (the jars `up` built)
out="$("$SI" eval-sim --duration 10m 2>&1 || true)"
if last="$(tail -n 1 <<<"$out")" && [[ "$last" =~ ^SIM\ precision=[0-9.]+\ recall=[0-9.]+\ f1=[0-9.]+$ ]]; then
  pass "bin/smart-infra eval-sim --duration 10m prints '$last'"
else
  failure "bin/smart-infra eval-sim --duration 10m prints 'SIM precision=.. recall=.. f1=..' last; got: ${out: -400}"
fi

[ "$failed" = 0 ] || echo "stack-test: state and logs kept in $STATE"
echo "stack-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
