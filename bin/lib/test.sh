# shellcheck shell=bash
# The whole test suite: Maven verify and the stack test.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

# Sums the Surefire/Failsafe XML reports written since MARKER: "tests failed skipped".
maven_test_counts() { # marker
  find "$ROOT" \( -path '*/target/surefire-reports/TEST-*.xml' -o \
    -path '*/target/failsafe-reports/TEST-*.xml' \) -newer "$1" -type f 2>/dev/null |
    while IFS= read -r f; do grep -o -m 1 '<testsuite [^>]*>' "$f" || true; done |
    awk '{ for (i = 1; i <= NF; i++) if (match($i, /^(tests|failures|errors|skipped)="[0-9]+"/)) {
             split($i, kv, "\""); k = substr($i, 1, index($i, "=") - 1); v[k] += kv[2] } }
         END { printf "%d %d %d\n", v["tests"], v["failures"] + v["errors"], v["skipped"] }'
}

cmd_test() {
  case "${1:-}" in
    "") ;;
    --faults)
      cmd_test_faults
      return
      ;;
    *) die "test: unknown option '$1' (test, or test --faults)" ;;
  esac
  local t0 t rc_mvn=0 rc_stack=0 rc_sc=0 d_mvn d_stack d_pkg marker
  t0="$(now_ms)"
  marker="$(mktemp)"
  ensure_packages "${RUNTIME_PACKAGES[@]}" "${INFLUX_PACKAGES[@]}" "${BROWSER_PACKAGES[@]}" \
    "${CHECK_PACKAGES[@]}" "${SCRAPE_PACKAGES[@]}"
  d_pkg="$(secs_since "$t0")"

  say ""
  say "== shellcheck -x (bin/, flink-conf/)"
  (cd "$ROOT" && shellcheck -x bin/smart-infra bin/lib/stack-test.sh bin/lib/supervise.sh bin/lib/deps-check.sh \
    bin/lib/influxdb-local.sh flink-conf/*.sh .ci/run) || rc_sc=$?

  say ""
  say "== mvn -B -ntp verify (unit + integration tests + spotless check)"
  t="$(now_ms)"
  (cd "$ROOT" && mvn -B -ntp -Dstyle.color=never verify) || rc_mvn=$?
  d_mvn="$(secs_since "$t")"

  say ""
  say "== dependency check (SBOM target/bom.json against .ci/advisories.tsv, offline)"
  local rc_deps=0
  bash "$LIB/deps-check.sh" || rc_deps=$?

  say ""
  say "== stack test (bin/lib/stack-test.sh)"
  t="$(now_ms)"
  local stack_out="$marker.stack"
  if [ -f "$JOB_JAR" ] && [ -f "$SIM_JAR" ] && [ -f "$API_JAR" ]; then
    bash "$LIB/stack-test.sh" 2>&1 | tee "$stack_out" || rc_stack=$?
  else
    say "stack test not run: the Maven build produced no jars"
    rc_stack=1
  fi
  d_stack="$(secs_since "$t")"

  say ""
  say "== summary"
  say "  packages      ok ($d_pkg)"
  say "  shellcheck    $([ "$rc_sc" = 0 ] && echo ok || echo "FAILED (exit $rc_sc)")"
  say "  dependencies  $([ "$rc_deps" = 0 ] && echo ok || echo "FAILED (exit $rc_deps)")"
  say "  maven verify  $([ "$rc_mvn" = 0 ] && echo ok || echo "FAILED (exit $rc_mvn)") ($d_mvn)"
  say "  stack test    $([ "$rc_stack" = 0 ] && echo ok || echo "FAILED (exit $rc_stack)") ($d_stack)"
  say "  total         $(secs_since "$t0")"

  # one closing line over both parts; a failed build or stack run counts at least one failure
  local m_tests m_failed m_skipped s_passed=0 s_failed=0 counts
  read -r m_tests m_failed m_skipped <<<"$(maven_test_counts "$marker")"
  counts="$(sed -n 's/^stack-test: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$stack_out" 2>/dev/null | tail -n 1)"
  [ -z "$counts" ] || read -r s_passed s_failed <<<"$counts"
  [ "$rc_mvn" = 0 ] || [ "$m_failed" -gt 0 ] || m_failed=1
  [ "$rc_sc" = 0 ] || s_failed=$((s_failed + 1))
  [ "$rc_deps" = 0 ] || s_failed=$((s_failed + 1))
  [ "$rc_stack" = 0 ] || [ "$s_failed" -gt 0 ] || s_failed=1
  rm -f "$marker" "$stack_out"
  say "  maven tests   $((m_tests - m_failed - m_skipped)) passed, $m_failed failed, $m_skipped skipped"
  say "  stack checks  $s_passed passed, $s_failed failed"
  say "total: $((m_tests - m_failed - m_skipped + s_passed)) passed, $((m_failed + s_failed)) failed, $m_skipped skipped"
  [ "$rc_mvn" = 0 ] && [ "$rc_stack" = 0 ] && [ "$rc_sc" = 0 ] && [ "$rc_deps" = 0 ]
}

# The fault suite (flink-job's com.smartinfra.job.faults, Maven profile "faults"): the local
# stack under load, one fault after the other. Slow (about a quarter of an hour); figures in
# flink-job/target/fault-report.md.
cmd_test_faults() {
  local t0 rc=0 marker m_tests m_failed m_skipped
  t0="$(now_ms)"
  marker="$(mktemp)"
  ensure_packages "${RUNTIME_PACKAGES[@]}" "${INFLUX_PACKAGES[@]}"
  say ""
  say "== mvn -B -ntp -Pfaults verify (the fault suite; no unit tests)"
  # only the fault suite: no unit test (surefire) and no other module's *ITCase (failsafe)
  (cd "$ROOT" && mvn -B -ntp -Dstyle.color=never -Pfaults -Dtest=NONE \
    -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultSuiteIT \
    -Dfailsafe.failIfNoSpecifiedTests=false verify) || rc=$?
  read -r m_tests m_failed m_skipped <<<"$(maven_test_counts "$marker")"
  rm -f "$marker"
  [ "$rc" = 0 ] || [ "$m_failed" -gt 0 ] || { m_failed=1; m_tests=$((m_tests + 1)); }
  [ -f "$ROOT/flink-job/target/fault-report.md" ] && cat "$ROOT/flink-job/target/fault-report.md"
  say ""
  say "== summary (faults)"
  say "  fault suite   $([ "$rc" = 0 ] && echo ok || echo "FAILED (exit $rc)") ($(secs_since "$t0"))"
  say "total: $((m_tests - m_failed - m_skipped)) passed, $m_failed failed, $m_skipped skipped"
  [ "$rc" = 0 ]
}
