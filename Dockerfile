# syntax=docker/dockerfile:1.7
# Images of the docker-compose deployment, all from one multi-stage build (context: the checkout):
#   target simulator      the simulator's shaded jar on a JRE
#   target dashboard-api  the API (+ the dashboard it serves) on a JRE
#   target flink          flink:2.2.1-java17 with flink-conf/config.yaml
#   target job-submitter  the flink image + the job jar; submits it with Flink's CLI and watches

# ---- build every module once (tests run in CI, not here)
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schema/pom.xml schema/
COPY web/pom.xml web/
COPY simulator/pom.xml simulator/
COPY flink-job/pom.xml flink-job/
COPY dashboard-api/pom.xml dashboard-api/
COPY schema/src schema/src
COPY web/src web/src
COPY simulator/src simulator/src
COPY flink-job/src flink-job/src
COPY dashboard-api/src dashboard-api/src
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -DskipTests package

# ---- simulator
FROM eclipse-temurin:17.0.15_6-jre AS simulator
RUN useradd --system --uid 10001 --no-create-home app
COPY --from=build /src/simulator/target/simulator-0.1.0-SNAPSHOT-all.jar /app/simulator.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/simulator.jar"]

# ---- dashboard-api
FROM eclipse-temurin:17.0.15_6-jre AS dashboard-api
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home app
COPY --from=build /src/dashboard-api/target/dashboard-api-0.1.0-SNAPSHOT-all.jar /app/dashboard-api.jar
USER 10001
ENV API_BIND=0.0.0.0 API_PORT=4567
EXPOSE 4567
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD curl -fsS -o /dev/null http://127.0.0.1:4567/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/dashboard-api.jar"]

# ---- Flink jobmanager / taskmanager (connectors travel in the job jar)
FROM flink:2.2.1-java17 AS flink
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl jq \
 && rm -rf /var/lib/apt/lists/*
COPY --chown=flink:flink flink-conf/config.yaml /opt/flink/conf/config.yaml
# the Prometheus reporter of config.yaml is a plugin: enabled from opt/ when plugins/ lacks it
RUN ls /opt/flink/plugins/metrics-prometheus/flink-metrics-prometheus-*.jar >/dev/null 2>&1 \
 || { mkdir -p /opt/flink/plugins/metrics-prometheus \
      && cp /opt/flink/opt/flink-metrics-prometheus-*.jar /opt/flink/plugins/metrics-prometheus/; }
# named volumes mounted here start with this ownership
RUN mkdir -p /opt/flink/checkpoints /opt/flink/savepoints \
 && chown -R flink:flink /opt/flink/checkpoints /opt/flink/savepoints

# ---- job submitter: Flink's CLI (REST jar upload is off) and the job jar; watches the cluster
FROM flink AS job-submitter
COPY --from=build /src/flink-job/target/flink-job-0.1.0-SNAPSHOT-job.jar /job/flink-job.jar
COPY flink-conf/submit-job.sh /job/submit-job.sh
USER flink
ENTRYPOINT ["sh", "/job/submit-job.sh"]
