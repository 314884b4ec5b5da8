#!/bin/sh
# One-shot job submitter of the docker-compose deployment: waits for the Flink session cluster,
# then uploads the job jar and runs it over Flink's REST API. Does nothing when the job already
# runs, so `docker compose up` can be repeated. Secrets are not arguments: the TaskManager reads
# INFLUXDB_TOKEN / SLACK_WEBHOOK_URL from its own environment.
set -eu
FLINK_URL="${FLINK_URL:-http://jobmanager:8081}"
JOB_JAR="${JOB_JAR:-/job/flink-job.jar}"
ENTRY_CLASS="${ENTRY_CLASS:-com.smartinfra.job.SmartInfraJob}"
JOB_NAME="${JOB_NAME:-smart-infra-monitor}"
KAFKA_BOOTSTRAP="${KAFKA_BOOTSTRAP:-kafka:9092}"
INFLUXDB_URL="${INFLUXDB_URL:-http://influxdb:8086}"
INFLUXDB_ORG="${INFLUXDB_ORG:-smart-infra}"
INFLUXDB_BUCKET="${INFLUXDB_BUCKET:-metrics}"

log() { echo "job-submitter: $*"; }

i=0
until curl -fsS "$FLINK_URL/taskmanagers" 2>/dev/null | grep -q '"id"'; do
  i=$((i + 1))
  [ "$i" -le 120 ] || { log "no TaskManager registered at $FLINK_URL after 240 s"; exit 1; }
  sleep 2
done

if curl -fsS "$FLINK_URL/jobs/overview" | tr '{' '\n' | grep "\"name\":\"$JOB_NAME\"" | grep -q '"state":"RUNNING"'; then
  log "job $JOB_NAME already runs; nothing to do"
  exit 0
fi

resp="$(curl -fsS -X POST -H 'Expect:' -F "jarfile=@$JOB_JAR" "$FLINK_URL/jars/upload")"
jar_id="$(echo "$resp" | sed -n 's/.*"filename" *: *"\([^"]*\)".*/\1/p')"
jar_id="${jar_id##*/}"
[ -n "$jar_id" ] || { log "upload failed: $resp"; exit 1; }
log "uploaded $jar_id"

body="{\"entryClass\":\"$ENTRY_CLASS\",\"programArgsList\":[\"--kafka.bootstrap-servers\",\"$KAFKA_BOOTSTRAP\",\"--influxdb.url\",\"$INFLUXDB_URL\",\"--influxdb.bucket\",\"$INFLUXDB_BUCKET\",\"--influxdb.org\",\"$INFLUXDB_ORG\",\"--alert.dashboard-url\",\"${DASHBOARD_URL:-http://localhost:4567}/#/host/{host}\"]}"
resp="$(curl -sS -X POST -H 'Content-Type: application/json' -d "$body" "$FLINK_URL/jars/$jar_id/run")"
job_id="$(echo "$resp" | sed -n 's/.*"jobid" *: *"\([0-9a-f]*\)".*/\1/p')"
[ -n "$job_id" ] || { log "run failed: $resp"; exit 1; }
log "submitted job $job_id"

i=0
while :; do
  state="$(curl -fsS "$FLINK_URL/jobs/$job_id" | sed -n 's/^{[^{]*"state" *: *"\([A-Z]*\)".*/\1/p')"
  case "$state" in
    RUNNING) log "job $job_id RUNNING"; exit 0 ;;
    FAILED | CANCELED | FINISHED) log "job $job_id is $state"; exit 1 ;;
  esac
  i=$((i + 1))
  [ "$i" -le 60 ] || { log "job $job_id still ${state:-unknown} after 60 s"; exit 1; }
  sleep 1
done
