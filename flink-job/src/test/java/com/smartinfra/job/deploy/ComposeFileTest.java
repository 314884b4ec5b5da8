package com.smartinfra.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The docker-compose deployment, checked without Docker: docker-compose.yml, the Dockerfile,
 * .env.example and flink-conf/config.yaml of this checkout pass every check of {@link
 * DeploymentChecks}, and each check fails on a copy broken the way an edit could break it.
 */
class ComposeFileTest {

    private static String compose;
    private static String dockerfile;
    private static String envExample;
    private static String flinkConfig;
    private static Schema schema;

    @BeforeAll
    static void readCheckout() throws IOException {
        // Maven runs the tests in flink-job/
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = root.getParent();
            assertThat(root).as("a parent folder with docker-compose.yml").isNotNull();
        }
        compose = read(root.resolve("docker-compose.yml"));
        dockerfile = read(root.resolve("Dockerfile"));
        envExample = read(root.resolve(".env.example"));
        flinkConfig = read(root.resolve("flink-conf/config.yaml"));
        schema = DeploymentChecks.composeSchema();
    }

    @Test
    void composeFileValidatesAgainstTheComposeSpecification() {
        assertThat(DeploymentChecks.schemaViolations(schema, compose)).isEmpty();
    }

    @Test
    void schemaRefusesAnUnknownServiceKeyAndAWrongDependsOnCondition() {
        assertThat(
                        DeploymentChecks.schemaViolations(
                                schema,
                                broken(
                                        compose,
                                        "    restart: unless-stopped\n",
                                        "    restrat: unless-stopped\n")))
                .anySatisfy(p -> assertThat(p).contains("restrat"));
        assertThat(
                        DeploymentChecks.schemaViolations(
                                schema,
                                broken(
                                        compose,
                                        "condition: service_healthy",
                                        "condition: healthy")))
                .isNotEmpty();
        assertThat(
                        DeploymentChecks.schemaViolations(
                                schema,
                                broken(compose, "name: smart-infra-monitor", "name: Smart Infra")))
                .singleElement()
                .asString()
                .startsWith("/name: ");
    }

    @Test
    void everyBuildTargetIsAStageOfTheDockerfile() {
        assertThat(DeploymentChecks.missingBuildTargets(compose, dockerfile)).isEmpty();
        assertThat(
                        DeploymentChecks.missingBuildTargets(
                                compose, broken(dockerfile, "AS job-submitter", "AS submitter")))
                .containsExactly(
                        "service 'job-submitter' builds target 'job-submitter', which the Dockerfile"
                                + " has no stage of (stages: [build, simulator, dashboard-api,"
                                + " flink, submitter])");
    }

    @Test
    void everyVariableIsInTheEnvExample() {
        assertThat(DeploymentChecks.variablesMissingFromEnvExample(compose, envExample)).isEmpty();
        assertThat(
                        DeploymentChecks.variablesMissingFromEnvExample(
                                compose, broken(envExample, "\nAPI_TOKEN=", "\n# API_TOKEN=")))
                .containsExactly(
                        "docker-compose.yml uses ${API_TOKEN}, which .env.example does not set");
        // $$ is compose's literal dollar: kafka-init's $$t is no variable
        assertThat(compose).contains("$$t");
    }

    @Test
    void flinkConfigurationSetsNoJobSetting() {
        assertThat(DeploymentChecks.projectKeysInFlinkConfig(flinkConfig)).isEmpty();
        assertThat(
                        DeploymentChecks.projectKeysInFlinkConfig(
                                flinkConfig
                                        + "\nsmartinfra.detect.warm-up: 5min\ninfluxdb.batch-size: 500\n"))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("'smartinfra.detect.warm-up'"))
                .anySatisfy(p -> assertThat(p).contains("'influxdb.batch-size'"));
    }

    @Test
    void submitterArgumentsAreSettingsTheJobReads() {
        assertThat(DeploymentChecks.submitterJobArguments(compose))
                .contains("--kafka.bootstrap-servers");
        assertThat(DeploymentChecks.submitterArgumentErrors(compose)).isEmpty();
        assertThat(
                        DeploymentChecks.submitterArgumentErrors(
                                broken(
                                        compose,
                                        "- --influxdb.org\n",
                                        "- --influxdb.organisation\n")))
                .singleElement()
                .asString()
                .contains("Unknown setting 'influxdb.organisation'");
    }

    @Test
    void metricsTopicPartitionsMatchTheJobsParallelism() {
        assertThat(DeploymentChecks.parallelismMismatches(compose, flinkConfig)).isEmpty();
        assertThat(
                        DeploymentChecks.parallelismMismatches(
                                broken(
                                        compose,
                                        "--topic metrics --partitions 2",
                                        "--topic metrics --partitions 4"),
                                flinkConfig))
                .containsExactly(
                        "kafka-init creates topic 'metrics' with 4 partitions, the job runs at"
                                + " parallelism 2 (parallelism.default of flink-conf/config.yaml)");
        assertThat(
                        DeploymentChecks.parallelismMismatches(
                                compose,
                                broken(
                                        flinkConfig,
                                        "parallelism.default: 2",
                                        "parallelism.default: 3")))
                .contains(
                        "kafka-init creates topic 'metrics' with 2 partitions, the job runs at"
                                + " parallelism 3 (parallelism.default of flink-conf/config.yaml)",
                        "the one TaskManager has 2 slots, the job needs 3 (parallelism.default of"
                                + " flink-conf/config.yaml)");
    }

    /** {@code text} with {@code from} replaced; fails when the file no longer has {@code from}. */
    private static String broken(String text, String from, String to) {
        assertThat(text).as("the text the broken copy changes").contains(from);
        return text.replace(from, to);
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
