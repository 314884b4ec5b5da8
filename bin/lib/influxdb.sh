# shellcheck shell=bash
# InfluxDB for the local stack: the 1.x engine behind the v2 shim (influxdb-local.sh), or
# the server INFLUXDB_URL names.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

start_influxdb() {
  if [ "$INFLUX_EXTERNAL" = 1 ]; then
    step "InfluxDB: use INFLUXDB_URL" ""
    printf '%s\n' "$INFLUX_URL"
    return
  fi
  step "InfluxDB: start (1.x + v2 shim)" "$LOGS/influxdb.log"
  require_free_port "$INFLUX_PORT" SMART_INFRA_INFLUX_PORT
  require_free_port "$INFLUXD_PORT" SMART_INFRA_INFLUXD_PORT
  require_free_port "$INFLUXD_RPC_PORT" SMART_INFRA_INFLUXD_RPC_PORT
  # influxdb-local.sh returns once the shim answers; it runs in the background meanwhile
  (cd "$STATE" && setsid -f bash -c 'echo $$ >"$0"; exec env -u INFLUXDB_TOKEN -u INFLUXDB_TOKEN_FILE -u SLACK_WEBHOOK_URL -u SLACK_WEBHOOK_URL_FILE "$@"' \
    "$RUN/influxdb-starter.pid" bash -c \
    'bash "$0" start "$@"; echo $? >"$STARTER_RC"' "$LIB/influxdb-local.sh" \
    "$STATE/influxdb" "$INFLUXD_PORT" "$INFLUX_PORT" "$INFLUXD_RPC_PORT" \
    >>"$LOGS/influxdb.log" 2>&1 </dev/null)
  printf 'starting\n'
}

wait_influxdb() {
  if [ "$INFLUX_EXTERNAL" = 1 ]; then
    step "InfluxDB: reachable (INFLUXDB_URL)" ""
    local code out note
    code="$(http_code "$INFLUX_URL/health")"
    [ "$code" = 200 ] || code="$(http_code "$INFLUX_URL/ping")"
    [ "$code" = 200 ] || [ "$code" = 204 ] || fail "$INFLUX_URL/health answered '$code'"
    # a 1.x server needs the database; a 2.x server refuses DDL and must have the bucket already
    # (the token header comes from stdin: never in a command line)
    local token="${INFLUXDB_TOKEN:-}"
    [ -z "${INFLUXDB_TOKEN_FILE:-}" ] || token="$(tr -d '\r\n' <"$INFLUXDB_TOKEN_FILE")"
    out="$(curl -sS -m 10 -XPOST -H @- "$INFLUX_URL/query" \
      --data-urlencode "q=CREATE DATABASE \"$INFLUX_BUCKET\"" 2>&1 \
      <<<"Authorization: Token $token" || true)"
    if [[ "$out" == *'"results"'* && "$out" != *'"error"'* ]]; then
      note="database $INFLUX_BUCKET ensured"
    else
      note="bucket $INFLUX_BUCKET must exist"
    fi
    step_ok "$note"
    return
  fi
  step "InfluxDB: ready + database $INFLUX_BUCKET" "$LOGS/influxdb.log"
  local rc_file="$RUN/influxdb-starter.rc" deadline
  deadline=$((SECONDS + 40))
  while [ ! -s "$rc_file" ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "influxdb-local.sh did not return within 40 s"
    sleep 0.2
  done
  [ "$(cat "$rc_file")" = 0 ] || fail "influxdb-local.sh start failed (see also $STATE/influxdb/logs)"
  local out
  out="$(curl -sS -m 10 -XPOST "$INFLUX_URL/query" --data-urlencode "q=CREATE DATABASE \"$INFLUX_BUCKET\"" 2>&1)" ||
    fail "CREATE DATABASE failed: $out"
  [[ "$out" != *'"error"'* ]] || fail "CREATE DATABASE failed: $out"
  step_ok "pid $(recorded_pid influxd)"
}
