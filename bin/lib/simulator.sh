# shellcheck shell=bash
# The simulator of the local stack, and the local agent beside it (the same jar with --local:
# this machine as one real host next to the simulated ones).
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

start_simulator() {
  step "simulator: start" "$LOGS/simulator.log"
  [ -f "$RUN_SIM_JAR" ] || fail "simulator jar missing: $SIM_JAR"
  # shellcheck disable=SC2086
  launch simulator "$LOGS/simulator.log" env -u INFLUXDB_TOKEN -u INFLUXDB_TOKEN_FILE \
    -u SLACK_WEBHOOK_URL -u SLACK_WEBHOOK_URL_FILE \
    java -Xms32m -Xmx256m -XX:+UseSerialGC -Dsmart-infra.home="$STATE" \
    -Djava.io.tmpdir="$STATE/tmp" -jar "$RUN_SIM_JAR" \
    --bootstrap-servers "127.0.0.1:$KAFKA_PORT" --topic "$METRICS_TOPIC" ${SMART_INFRA_SIM_ARGS:-}
  step_ok "pid $(recorded_pid simulator)"
}

start_agent() {
  step "agent (this machine): start" "$LOGS/agent.log"
  [ -f "$RUN_SIM_JAR" ] || fail "simulator jar missing: $SIM_JAR"
  # shellcheck disable=SC2086
  launch agent "$LOGS/agent.log" env -u INFLUXDB_TOKEN -u INFLUXDB_TOKEN_FILE \
    -u SLACK_WEBHOOK_URL -u SLACK_WEBHOOK_URL_FILE \
    java -Xms16m -Xmx128m -XX:+UseSerialGC -Dsmart-infra.home="$STATE" \
    -Djava.io.tmpdir="$STATE/tmp" -jar "$RUN_SIM_JAR" --local \
    --bootstrap-servers "127.0.0.1:$KAFKA_PORT" --topic "$METRICS_TOPIC" ${SMART_INFRA_AGENT_ARGS:-}
  step_ok "pid $(recorded_pid agent)"
}
