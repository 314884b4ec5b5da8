# shellcheck shell=bash
# The dashboard-api of the local stack.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

api_healthy() { [ "$(http_code "http://127.0.0.1:$API_PORT/health")" = 200 ]; }

start_api() {
  step "dashboard-api: start" "$LOGS/dashboard-api.log"
  [ -f "$RUN_API_JAR" ] || fail "dashboard-api jar missing: $API_JAR"
  require_free_port "$API_PORT" SMART_INFRA_API_PORT
  launch dashboard-api "$LOGS/dashboard-api.log" env -u SLACK_WEBHOOK_URL -u SLACK_WEBHOOK_URL_FILE \
    API_BIND=127.0.0.1 API_PORT="$API_PORT" INFLUXDB_URL="$INFLUX_URL" \
    INFLUXDB_ORG="$INFLUX_ORG" INFLUXDB_BUCKET="$INFLUX_BUCKET" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" METRICS_TOPIC=metrics \
    java -Xms32m -Xmx256m -XX:+UseSerialGC -Dsmart-infra.home="$STATE" \
    -Djava.io.tmpdir="$STATE/tmp" -jar "$RUN_API_JAR"
  step_ok "pid $(recorded_pid dashboard-api)"
}

wait_api() {
  step "dashboard-api: GET /health" "$LOGS/dashboard-api.log"
  wait_for 60 dashboard-api api_healthy
  step_ok "http://127.0.0.1:$API_PORT/"
}
