#!/bin/sh
# InfluxDB 2.7 first-start hook (/docker-entrypoint-initdb.d, run once after setup, with the admin
# token in the influx CLI's config): a read-only token for the dashboard-api, which reads the
# bucket and writes nothing. Written to the shared volume the API mounts read-only.
set -eu
dir=/run/influxdb-read-token
bucket_id="$(influx bucket list --name "$DOCKER_INFLUXDB_INIT_BUCKET" --hide-headers | cut -f1)"
token="$(influx auth create --org "$DOCKER_INFLUXDB_INIT_ORG" --read-bucket "$bucket_id" \
  --description "dashboard-api (read-only)" --hide-headers | cut -f3)"
[ -n "$token" ] || { echo "read-token.sh: could not create a read token" >&2; exit 1; }
umask 022 # the dashboard-api (another user) reads it; the volume is shared with it alone
printf '%s\n' "$token" >"$dir/token.tmp"
mv "$dir/token.tmp" "$dir/token"
echo "read-token.sh: a read-only token for bucket $DOCKER_INFLUXDB_INIT_BUCKET is in $dir/token"
