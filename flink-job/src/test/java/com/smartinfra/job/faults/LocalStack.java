package com.smartinfra.job.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack of {@code bin/smart-infra up} — the deployment users run without Docker: Kafka,
 * InfluxDB, a Flink standalone cluster with the job submitted over REST, the simulator and the API
 * — in a scratch state dir on free ports, driven the way an operator would: the command's own
 * stop/start, signals to its processes, and the public REST and query interfaces.
 */
final class LocalStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PORTS = {
        "SMART_INFRA_KAFKA_PORT",
        "SMART_INFRA_KAFKA_CONTROLLER_PORT",
        "SMART_INFRA_INFLUX_PORT",
        "SMART_INFRA_INFLUXD_PORT",
        "SMART_INFRA_INFLUXD_RPC_PORT",
        "SMART_INFRA_FLINK_PORT",
        "SMART_INFRA_FLINK_RPC_PORT",
        "SMART_INFRA_API_PORT",
        "SMART_INFRA_JM_PROMETHEUS_PORT",
        "SMART_INFRA_TM_PROMETHEUS_PORT"
    };

    final Path root;
    final Path home;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private boolean up;

    private LocalStack(Path root, Path home, Map<String, String> settings) throws IOException {
        this.root = root;
        this.home = home;
        env.put("SMART_INFRA_HOME", home.toString());
        List<Integer> ports = freePorts(PORTS.length);
        for (int i = 0; i < PORTS.length; i++) {
            env.put(PORTS[i], ports.get(i).toString());
        }
        env.putAll(settings);
    }

    /**
     * Runs {@code bin/smart-infra up --no-build} (the jars must be built) with these settings
     * (environment variables of the command, see its help) and returns once it is up.
     */
    static LocalStack up(Path home, Map<String, String> settings) throws Exception {
        Path root = checkoutRoot();
        LocalStack s = new LocalStack(root, home, settings);
        s.up = true;
        s.command(Duration.ofMinutes(6), "up", "--no-build");
        return s;
    }

    /** The checkout: the tests run in flink-job/. */
    static Path checkoutRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("bin/smart-infra"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("bin/smart-infra not found above the working dir");
        }
        return p;
    }

    /** {@code bin/smart-infra ARGS} against this stack; fails with the output's tail. */
    String command(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("bin/smart-infra").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(home.getParent(), "smart-infra-" + args[0] + "-", ".out");
        ProcessBuilder pb =
                new ProcessBuilder(cmd)
                        .directory(root.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile());
        // the test JVM's own settings must not leak into the stack (a user's INFLUXDB_URL, ...)
        pb.environment().remove("INFLUXDB_URL");
        pb.environment().remove("INFLUXDB_TOKEN_FILE");
        pb.environment().remove("SLACK_WEBHOOK_URL_FILE");
        pb.environment().remove("API_TOKEN");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(
                    "bin/smart-infra " + String.join(" ", args) + " timed out:\n" + tail(out));
        }
        String text = Files.readString(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "bin/smart-infra "
                            + String.join(" ", args)
                            + " exited with "
                            + p.exitValue()
                            + ":\n"
                            + tail(out));
        }
        return text;
    }

    private static String tail(Path f) throws IOException {
        List<String> lines = Files.readAllLines(f);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    String setting(String name) {
        return env.get(name);
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + env.get("SMART_INFRA_KAFKA_PORT");
    }

    String influxUrl() {
        return "http://127.0.0.1:" + env.get("SMART_INFRA_INFLUX_PORT");
    }

    String flinkUrl() {
        return "http://127.0.0.1:" + env.get("SMART_INFRA_FLINK_PORT");
    }

    String apiUrl() {
        return "http://127.0.0.1:" + env.get("SMART_INFRA_API_PORT");
    }

    /** The PID of a component's current process (jobmanager, taskmanager, kafka, ...). */
    long pid(String component) throws IOException {
        return Long.parseLong(Files.readString(home.resolve("run/" + component + ".pid")).strip());
    }

    /** {@code kill -9}: the process gets no chance to clean up. */
    void kill9(String component) throws IOException {
        long pid = pid(component);
        ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(component + " is not running"))
                .destroyForcibly();
    }

    String jobId() throws IOException {
        return Files.readString(home.resolve("run/flink-job.id")).strip();
    }

    JsonNode flink(String path) throws Exception {
        return getJson(flinkUrl() + path);
    }

    String jobState() throws Exception {
        return flink("/jobs/" + jobId()).path("state").asText();
    }

    /**
     * When the current job last entered RESTARTING (epoch ms; 0: never). A job state's timestamp in
     * Flink's REST API is set on every entry, so a new value means a new restart.
     */
    long lastRestartAt() throws Exception {
        return flink("/jobs/" + jobId()).at("/timestamps/RESTARTING").asLong(0);
    }

    /** The highest parallelism of the current job's tasks: the parallelism it was submitted at. */
    int jobParallelism() throws Exception {
        int p = 0;
        for (JsonNode v : flink("/jobs/" + jobId()).path("vertices")) {
            p = Math.max(p, v.path("parallelism").asInt());
        }
        return p;
    }

    /** Completed checkpoints of the current job. */
    long completedCheckpoints() throws Exception {
        return flink("/jobs/" + jobId() + "/checkpoints").path("counts").path("completed").asLong();
    }

    /** An InfluxQL query on the stack's database; the JSON answer. */
    JsonNode influx(String q) throws Exception {
        return getJson(
                influxUrl()
                        + "/query?db=metrics&epoch=ms&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8));
    }

    private JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    int httpStatus(String url) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Every log file the stack wrote (for the secrets check). */
    List<Path> logFiles() throws IOException {
        try (var files = Files.walk(home)) {
            return files.filter(Files::isRegularFile)
                    .filter(
                            f -> {
                                String n = f.getFileName().toString();
                                return n.endsWith(".log") || n.endsWith(".out");
                            })
                    .toList();
        }
    }

    @Override
    public void close() throws Exception {
        if (up) {
            up = false;
            command(Duration.ofMinutes(2), "down");
        }
    }

    private static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
