package com.smartinfra.job.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.smartinfra.job.JobConfig;
import com.smartinfra.job.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Machine checks of the docker-compose deployment, which cannot run on the development machines (no
 * Docker engine). Each check takes the files' text and answers the problems it found, one sentence
 * each; none found is an empty list.
 */
final class DeploymentChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code ${VAR}}, {@code ${VAR:-x}}, {@code ${VAR:?x}}; {@code $$} is a literal dollar. */
    private static final Pattern VARIABLE =
            Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern STAGE =
            Pattern.compile("(?im)^\\s*FROM\\s+\\S+\\s+AS\\s+([A-Za-z0-9._-]+)\\s*$");

    private static final Pattern TOPIC_CREATE =
            Pattern.compile("--create\\b.*?--topic\\s+(\\S+).*?--partitions\\s+(\\d+)");

    private DeploymentChecks() {}

    /** YAML as maps and lists, anchors and merge keys ({@code <<: *x}) resolved. */
    static Map<String, Object> yaml(String text) {
        Object doc = new Yaml().load(text);
        if (!(doc instanceof Map)) {
            throw new IllegalArgumentException("not a YAML mapping");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) doc;
        return map;
    }

    /** The vendored Compose Specification schema (test resource compose-spec/compose-spec.json). */
    static Schema composeSchema() {
        try (InputStream in =
                DeploymentChecks.class.getResourceAsStream("/compose-spec/compose-spec.json")) {
            if (in == null) {
                throw new IllegalStateException(
                        "compose-spec/compose-spec.json is not on the class path");
            }
            // the schema still carries draft-4 "id"s, which mean nothing in 2019-09 (the
            // library refuses them there): read as unknown keywords, i.e. ignored
            Dialect draft201909 =
                    Dialect.builder(Dialects.getDraft201909())
                            .keywords(k -> k.remove("id"))
                            .build();
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            // the one later addition of the spec this file predates: the top-level project name
            // (its "additionalProperties": false refuses it, as docker-compose 1.29 does)
            ((ObjectNode) schema.get("properties"))
                    .putObject("name")
                    .put("type", "string")
                    .put("pattern", "^[a-z0-9][a-z0-9_-]*$");
            return SchemaRegistry.withDefaultDialect(draft201909).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Compose schema", e);
        }
    }

    /** The compose file against the Compose Specification's JSON schema. */
    static List<String> schemaViolations(Schema schema, String composeYaml) {
        JsonNode doc = JSON.valueToTree(yaml(composeYaml));
        List<String> problems = new ArrayList<>();
        schema.validate(doc)
                .forEach(e -> problems.add(e.getInstanceLocation() + ": " + e.getMessage()));
        return problems;
    }

    /**
     * Each service's {@code build.target} is a stage ({@code FROM ... AS name}) of the Dockerfile.
     */
    static List<String> missingBuildTargets(String composeYaml, String dockerfile) {
        Set<String> stages = new LinkedHashSet<>();
        Matcher m = STAGE.matcher(dockerfile);
        while (m.find()) {
            stages.add(m.group(1).toLowerCase());
        }
        List<String> problems = new ArrayList<>();
        services(yaml(composeYaml))
                .forEach(
                        (name, service) -> {
                            Object build = service.get("build");
                            if (build instanceof Map<?, ?> b && b.get("target") != null) {
                                String target = String.valueOf(b.get("target"));
                                if (!stages.contains(target.toLowerCase())) {
                                    problems.add(
                                            "service '"
                                                    + name
                                                    + "' builds target '"
                                                    + target
                                                    + "', which the Dockerfile has no stage of"
                                                    + " (stages: "
                                                    + stages
                                                    + ")");
                                }
                            }
                        });
        return problems;
    }

    /** Every {@code ${VAR}} of the compose file is set in {@code .env.example}. */
    static List<String> variablesMissingFromEnvExample(String composeText, String envExample) {
        Set<String> documented = new LinkedHashSet<>();
        for (String line : envExample.split("\n")) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                documented.add(l.substring(0, eq).strip());
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(composeText);
        while (m.find()) {
            if (!documented.contains(m.group(1))) {
                missing.add(m.group(1));
            }
        }
        List<String> problems = new ArrayList<>();
        missing.forEach(
                v ->
                        problems.add(
                                "docker-compose.yml uses ${"
                                        + v
                                        + "}, which .env.example does not set"));
        return problems;
    }

    /**
     * The job reads its settings from its program arguments only, never from Flink's configuration:
     * a project key in {@code config.yaml} would be silently ignored.
     */
    static List<String> projectKeysInFlinkConfig(String flinkConfigYaml) {
        List<String> problems = new ArrayList<>();
        for (String key : flatten(yaml(flinkConfigYaml)).keySet()) {
            if (key.startsWith("smartinfra.") || JobConfig.isSetting(key)) {
                problems.add(
                        "flink-conf/config.yaml sets '"
                                + key
                                + "', a job setting the job never reads from Flink's configuration:"
                                + " pass it as a job argument (job-submitter's command)");
            }
        }
        return problems;
    }

    /** The job arguments of compose's job-submitter: what follows {@code --} in its command. */
    static List<String> submitterJobArguments(String composeYaml) {
        Map<String, Object> submitter = services(yaml(composeYaml)).get("job-submitter");
        if (submitter == null || !(submitter.get("command") instanceof List<?> command)) {
            throw new IllegalArgumentException(
                    "docker-compose.yml has no job-submitter command list");
        }
        List<String> args = command.stream().map(String::valueOf).toList();
        int dashes = args.indexOf("--");
        return dashes < 0 ? List.of() : args.subList(dashes + 1, args.size());
    }

    /** The submitter's job arguments are settings the job reads, with valid values. */
    static List<String> submitterArgumentErrors(String composeYaml) {
        try {
            JobConfig.fromArgs(submitterJobArguments(composeYaml).toArray(String[]::new));
            return List.of();
        } catch (InvalidConfigurationException e) {
            return List.of("job-submitter's job arguments: " + e.getMessage());
        }
    }

    /**
     * The metrics topic kafka-init creates has as many partitions as the job has source subtasks
     * (fewer leave subtasks idle, more give some subtasks several), and one TaskManager has the
     * slots for the job.
     */
    static List<String> parallelismMismatches(String composeYaml, String flinkConfigYaml) {
        Map<String, Object> compose = yaml(composeYaml);
        Map<String, Object> flink = flatten(yaml(flinkConfigYaml));
        List<String> problems = new ArrayList<>();
        List<String> command =
                services(compose).get("job-submitter").get("command") instanceof List<?> c
                        ? c.stream().map(String::valueOf).toList()
                        : List.of();
        JobConfig job =
                JobConfig.fromArgs(submitterJobArguments(composeYaml).toArray(String[]::new));
        int p;
        String from;
        int dashP = command.indexOf("-p");
        if (job.parallelism != null) {
            p = job.parallelism;
            from = "the job argument --parallelism";
        } else if (dashP >= 0 && dashP < command.indexOf("--")) {
            p = Integer.parseInt(command.get(dashP + 1));
            from = "job-submitter's -p";
        } else if (flink.get("parallelism.default") != null) {
            p = Integer.parseInt(String.valueOf(flink.get("parallelism.default")));
            from = "parallelism.default of flink-conf/config.yaml";
        } else {
            return List.of("the job's parallelism is set nowhere (parallelism.default, -p)");
        }
        Map<String, Integer> partitions = new LinkedHashMap<>();
        Object init = services(compose).getOrDefault("kafka-init", Map.of()).get("command");
        for (String line : String.valueOf(init).split("\n")) {
            Matcher m = TOPIC_CREATE.matcher(line);
            if (m.find()) {
                partitions.put(m.group(1), Integer.parseInt(m.group(2)));
            }
        }
        Integer n = partitions.get(job.metricsTopic);
        if (n == null) {
            problems.add(
                    "kafka-init creates no topic '"
                            + job.metricsTopic
                            + "' (the job's metrics topic)");
        } else if (n != p) {
            problems.add(
                    "kafka-init creates topic '"
                            + job.metricsTopic
                            + "' with "
                            + n
                            + " partitions, the job runs at parallelism "
                            + p
                            + " ("
                            + from
                            + ")");
        }
        Object slots = flink.get("taskmanager.numberOfTaskSlots");
        if (slots != null && Integer.parseInt(String.valueOf(slots)) < p) {
            problems.add(
                    "the one TaskManager has "
                            + slots
                            + " slots, the job needs "
                            + p
                            + " ("
                            + from
                            + ")");
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services(Map<String, Object> compose) {
        Object s = compose.get("services");
        return s instanceof Map ? (Map<String, Map<String, Object>>) s : Map.of();
    }

    /** Nested YAML keys joined with dots, as Flink reads them. */
    private static Map<String, Object> flatten(Map<String, Object> yaml) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", yaml, flat);
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> yaml, Map<String, Object> into) {
        yaml.forEach(
                (k, v) -> {
                    String key = prefix + k;
                    if (v instanceof Map<?, ?> m) {
                        flatten(key + ".", m, into);
                    } else {
                        into.put(key, v);
                    }
                });
    }
}
