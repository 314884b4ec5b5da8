# shellcheck shell=bash
# Building the modules and resolving the classpaths the local stack runs on.
# Sourced by bin/smart-infra, which sets ROOT, LIB, STATE, RUN, LOGS and the jar paths.

# `mvn dependency:build-classpath` of one of the small poms under bin/lib. Cached in the checkout's
# .smart-infra/classpath whatever SMART_INFRA_HOME is (it depends on the pom only), so a stack
# test in a scratch state dir does not resolve it again.
CP_CACHE="$ROOT/.smart-infra/classpath"

need_build() {
  local jar oldest=""
  for jar in "$JOB_JAR" "$TOOLS_JAR" "$SIM_JAR" "$API_JAR"; do
    [ -f "$jar" ] || return 0
    if [ -z "$oldest" ] || [ "$jar" -ot "$oldest" ]; then oldest="$jar"; fi
  done
  # a main source, resource or pom newer than the oldest jar
  [ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$oldest" -type f \
    -print -quit 2>/dev/null)" ]
}

build_modules() {
  step "build (mvn package -DskipTests)" "$LOGS/build.log"
  if [ "${NO_BUILD:-0}" = 1 ]; then
    printf 'skipped (--no-build)\n'
    return
  fi
  if ! need_build; then
    printf 'up to date\n'
    return
  fi
  # shellcheck disable=SC2086
  (cd "$ROOT" && mvn -B -ntp -Dstyle.color=never ${SMART_INFRA_MVN_ARGS:-} -DskipTests package) \
    >"$LOGS/build.log" 2>&1 || fail "the Maven build failed"
  step_ok
}

classpath_of() { # kafka-broker|flink-cluster -> path of the classpath file
  local pom="$LIB/$1/pom.xml" cp="$CP_CACHE/$1.cp" ok=1 jar
  if [ -s "$cp" ] && [ "$cp" -nt "$pom" ]; then
    while IFS= read -r -d: jar || [ -n "$jar" ]; do
      [ -f "$jar" ] || { ok=0; break; }
    done <"$cp"
    [ "$ok" = 1 ] && { echo "$cp"; return; }
  fi
  # shellcheck disable=SC2086
  mvn -B -ntp -Dstyle.color=never ${SMART_INFRA_MVN_ARGS:-} -f "$pom" dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp.$$.tmp" >>"$LOGS/classpath.log" 2>&1 ||
    return 1
  mv "$cp.$$.tmp" "$cp"
  echo "$cp"
}

# The stack runs copies of the jars: a rebuild while it runs must not pull classes from under it.
copy_jars() {
  local jar
  rm -rf "$STATE/app"
  mkdir -p "$STATE/app"
  for jar in "$JOB_JAR" "$SIM_JAR" "$API_JAR"; do
    if [ -f "$jar" ]; then cp "$jar" "$STATE/app/"; fi
  done
  app_jars
}

# The copies a running stack uses.
app_jars() {
  RUN_JOB_JAR="$STATE/app/$(basename "$JOB_JAR")"
  RUN_SIM_JAR="$STATE/app/$(basename "$SIM_JAR")"
  RUN_API_JAR="$STATE/app/$(basename "$API_JAR")"
}

resolve_classpaths() {
  step "classpaths (Kafka, Flink)" "$LOGS/classpath.log"
  local k f
  k="$(classpath_of kafka-broker)" || fail "could not resolve the Kafka broker's classpath"
  f="$(classpath_of flink-cluster)" || fail "could not resolve the Flink cluster's classpath"
  KAFKA_CP="$(cat "$k")"
  FLINK_CP="$(cat "$f")"
  step_ok
}
