# shellcheck shell=bash
# The dashboard-api of the local stack.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

api_healthy() { [ "$(http_code "http://127.0.0.1:$API_PORT/health")" = 200 ]; }

start_api() {
  step "dashboard-api: start" "$LOGS/dashboard-api.log"
  [ -f "$RUN_API_JAR" ] || fail "dashboard-api jar missing: $API_JAR"
  require_free_port "$API_PORT" SMART_INFRA_API_PORT
  ensure_api_token
  local token_env=(API_TOKEN_FILE="$STATE/api-token")
  [ -z "${API_TOKEN:-}" ] || token_env=(-u API_TOKEN_FILE API_TOKEN="$API_TOKEN")
  launch dashboard-api "$LOGS/dashboard-api.log" env -u SLACK_WEBHOOK_URL -u SLACK_WEBHOOK_URL_FILE \
    -u API_TOKEN "${token_env[@]}" \
    API_BIND=127.0.0.1 API_PORT="$API_PORT" INFLUXDB_URL="$INFLUX_URL" \
    INFLUXDB_ORG="$INFLUX_ORG" INFLUXDB_BUCKET="$INFLUX_BUCKET" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" METRICS_TOPIC="$METRICS_TOPIC" \
    ALERT_CONTROL_TOPIC="$CONTROL_TOPIC" \
    java -Xms32m -Xmx256m -XX:+UseSerialGC -Dsmart-infra.home="$STATE" \
    -Djava.io.tmpdir="$STATE/tmp" -jar "$RUN_API_JAR"
  step_ok "pid $(recorded_pid dashboard-api)"
}

wait_api() {
  step "dashboard-api: GET /health" "$LOGS/dashboard-api.log"
  wait_for 60 dashboard-api api_healthy
  step_ok "http://127.0.0.1:$API_PORT/"
}

# The API's write endpoints take a bearer token: API_TOKEN when set, else one generated once into
# the state dir (readable by this user only). The dashboard link that carries it is kept beside it.
ensure_api_token() {
  local f="$STATE/api-token"
  if [ -n "${API_TOKEN:-}" ]; then
    rm -f "$f"
  elif [ ! -s "$f" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$f")
  fi
  (umask 077 && printf 'http://127.0.0.1:%s/#token=%s\n' "$API_PORT" "${API_TOKEN:-$(cat "$f")}" \
    >"$STATE/dashboard-link")
}
