#!/usr/bin/env bash
# A real InfluxDB for machines without Docker: Debian's InfluxDB 1.x server (influxd) behind an
# nginx shim that maps the v2 write and health API onto it, so the unmodified influxdb-client-java
# writes to it. Used by `bin/smart-infra up` and by the test fixtures. Everything binds to 127.0.0.1.
#
#   influxdb-local.sh start DIR HTTP_PORT SHIM_PORT RPC_PORT   # returns once /health answers
#   influxdb-local.sh stop DIR
#
# The URL clients use is http://127.0.0.1:SHIM_PORT. Production uses InfluxDB 2.7 instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "influxdb-local: $*" >&2; exit 1; }

start() {
  local dir="$1" http_port="$2" shim_port="$3" rpc_port="$4"
  command -v influxd >/dev/null || die "influxd not found: apt-get install -y --no-install-recommends influxdb"
  local nginx_bin; nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
  [ -x "$nginx_bin" ] || die "nginx not found: apt-get install -y --no-install-recommends nginx-light"
  mkdir -p "$dir"/{meta,data,wal,logs,tmp}
  dir="$(cd "$dir" && pwd)"
  sed -e "s#@DIR@#$dir#g" -e "s#@HTTP_PORT@#$http_port#g" -e "s#@RPC_PORT@#$rpc_port#g" \
    "$here/influxdb/influxd.conf.template" > "$dir/influxd.conf"
  sed -e "s#@DIR@#$dir#g" -e "s#@INFLUX_PORT@#$http_port#g" -e "s#@SHIM_PORT@#$shim_port#g" \
    "$here/influxdb/nginx-v2-shim.conf.template" > "$dir/nginx.conf"
  # Started as root, nginx's workers drop to `nobody` and then cannot read health.json when DIR
  # lies below a private (0700) folder, e.g. one made by mktemp -d: keep them as the caller.
  if [ "$(id -u)" = 0 ]; then sed -i '1i user root;' "$dir/nginx.conf"; fi
  cp "$here/influxdb/health.json" "$dir/health.json"
  # nginx workers run as an unprivileged user when started by root: they must reach health.json
  chmod 755 "$dir"
  chmod 644 "$dir/health.json"

  influxd run -config "$dir/influxd.conf" >>"$dir/logs/influxd.log" 2>&1 &
  echo $! > "$dir/influxd.pid"
  "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" >>"$dir/logs/nginx.out" 2>&1 &
  echo $! > "$dir/nginx.pid.launcher"

  for _ in $(seq 1 150); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$shim_port/health" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$(cat "$dir/influxd.pid")" 2>/dev/null; then
      stop "$dir"
      die "influxd exited; see $dir/logs/influxd.log"
    fi
    sleep 0.1
  done
  stop "$dir"
  die "InfluxDB did not answer on 127.0.0.1:$shim_port within 15 s; see $dir/logs"
}

stop() {
  local dir="$1" f pid
  for f in "$dir/nginx.pid" "$dir/nginx.pid.launcher" "$dir/influxd.pid"; do
    [ -f "$f" ] || continue
    pid="$(cat "$f")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$f"
  done
}

case "${1:-}" in
  start) [ $# -eq 5 ] || die "usage: $0 start DIR HTTP_PORT SHIM_PORT RPC_PORT"; start "$2" "$3" "$4" "$5" ;;
  stop) [ $# -eq 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  *) die "usage: $0 start DIR HTTP_PORT SHIM_PORT RPC_PORT | stop DIR" ;;
esac
