package com.smartinfra.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.schema.Sample;
import com.smartinfra.testing.FaultInjectingHttpProxy;
import com.smartinfra.testing.InfluxDbTestServer;
import com.smartinfra.testing.KafkaTestBroker;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input on every parameter of every endpoint (seeded: {@code -Dfuzz.seed=N}
 * replays a run, {@code -Dfuzz.rounds=N} sets how many values each parameter gets), against the
 * real InfluxDB and Kafka:
 *
 * <ul>
 *   <li>never a 5xx, never a stack trace or a Java class name in a body, every error a small JSON
 *       {@code {"error":...}}, every answer bounded;
 *   <li>no InfluxQL built from raw input: a recording proxy in front of the real InfluxDB keeps
 *       every statement the API's reader sent, and each one must match the whitelist grammar below
 *       (host-charset literals, known measurements and fields, numeric times and limits).
 * </ul>
 */
class ApiFuzzITCase {
    private static final long SEED = Long.getLong("fuzz.seed", 20_250_624L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 40);

    /** 2025-06-24T16:42:00Z */
    private static final long NOW = 1_750_783_320_000L;

    private static final String TOKEN = "fuzz-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Largest answer of any request here (the test data is small; errors are far smaller). */
    private static final int MAX_BODY = 256 * 1024;

    private static final int MAX_ERROR_BODY = 1024;

    /** A stack frame, an exception, or a fully qualified Java class name. */
    private static final Pattern LEAK =
            Pattern.compile(
                    "Exception|Throwable|\\tat |\\bat [a-z]+\\.[a-z]|"
                            + "\\b(java|javax|jdk|sun|org|com|spark|kafka|okhttp3)\\.[a-z_]+\\.");

    /** Every GET endpoint and the parameters it reads. */
    private static final Map<String, List<String>> READS = new LinkedHashMap<>();

    static {
        READS.put("/metrics", List.of("host", "since", "until", "limit", "step"));
        READS.put("/anomalies", List.of("host", "reason", "since", "until", "limit"));
        READS.put(
                "/alerts", List.of("host", "cause", "state", "status", "since", "until", "limit"));
        READS.put("/stats", List.of("host", "window", "since", "until", "limit"));
        READS.put("/hosts", List.of("since"));
        READS.put("/anomaly-rates", List.of("host", "window", "since", "until", "limit"));
        READS.put("/fleet", List.of("limit", "host_limit"));
        READS.put("/silences", List.of());
        READS.put("/health", List.of());
    }

    private static final String SAMPLE_BODY =
            "{\"host\":\"web-01\",\"timestamp\":" + NOW + ",\"cpu\":1,\"memory\":2,\"disk\":3}";
    private static final String SILENCE_BODY =
            "{\"host\":\"web-01\",\"cause\":\"cpu\",\"until\":"
                    + (NOW + 60_000)
                    + ",\"comment\":\"c\"}";

    // The whitelist grammar of every statement the API may send.
    private static final String LITERAL = "'[A-Za-z0-9._-]{1,128}'";
    private static final Pattern STATEMENT =
            Pattern.compile(
                    "SELECT (\\*|mean\\(\\*\\)|\"cpu\"|\"cpu\", \"memory\", \"disk\"|\"reason\""
                            + "|count\\(\"reason\"\\)"
                            + "|sum\\(\"[a-z_]{1,64}\"\\) AS \"[a-z_]{1,64}\""
                            + "(, sum\\(\"[a-z_]{1,64}\"\\) AS \"[a-z_]{1,64}\")*)"
                            + " FROM \"(system_metrics|anomalies|host_stats|alerts|anomaly_rate)\""
                            + " WHERE time >= [0-9]{1,13}ms AND time < [0-9]{1,13}ms"
                            + "( AND \"(host|window|cause|state|status)\" = "
                            + LITERAL
                            + ")*"
                            + "( AND \"reason\" =~ /\\(\\^\\|,\\)([A-Za-z0-9_<>=]|\\\\\\.){1,64}"
                            + "\\(\\[<>=\\]\\[\\^,\\]\\*\\)\\?\\(,\\|\\$\\)/)?"
                            + "( GROUP BY time\\([0-9]{4,8}ms\\), \"host\" fill\\(none\\)"
                            + "| GROUP BY \"host\"(, \"cause\")?)?"
                            + "( ORDER BY time DESC)?( LIMIT [0-9]{1,5})?");

    private static FaultInjectingHttpProxy influx;
    private static DashboardApi api;

    @BeforeAll
    static void start() throws Exception {
        String db = InfluxDbTestServer.createDatabase("fuzz");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lines.add(
                    TestInflux.sample(new Sample("web-0" + (i % 3), NOW - i * 10_000L, i, 50, 60)));
        }
        lines.add(
                TestInflux.anomaly(
                        "web-01", NOW - 5_000, 99, 50, 60, "cpu>85", 1, 85, 0, "cpu above 85"));
        InfluxDbTestServer.write(db, lines);
        String metrics = KafkaTestBroker.uniqueTopic("metrics");
        String control = KafkaTestBroker.uniqueTopic("alert-control");
        KafkaTestBroker.createTopics(1, metrics, control);
        // every statement the reader sends passes through here on its way to the real server
        influx = new FaultInjectingHttpProxy(InfluxDbTestServer.url());
        api =
                TestInflux.start(
                        db,
                        NOW,
                        ApiConfig.INFLUXDB_URL,
                        influx.url(),
                        ApiConfig.KAFKA_BOOTSTRAP_SERVERS,
                        KafkaTestBroker.bootstrapServers(),
                        ApiConfig.METRICS_TOPIC,
                        metrics,
                        ApiConfig.ALERT_CONTROL_TOPIC,
                        control,
                        ApiConfig.API_TOKEN,
                        TOKEN,
                        ApiConfig.API_CORS_ORIGINS,
                        "https://ops.example.com",
                        // the fuzz is one client writing fast: the limiter is tested elsewhere
                        ApiConfig.API_WRITE_RATE,
                        "1000000",
                        ApiConfig.API_WRITE_BURST,
                        "1000000");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void generatedInputOnEveryParameterNeverBreaksTheApiNorReachesInfluxQl() throws Exception {
        System.out.println("ApiFuzzITCase seed " + SEED + ", " + ROUNDS + " rounds");
        FuzzInput in = new FuzzInput(SEED);
        Checks checks = new Checks();

        // every parameter of every read, and one it does not know
        for (Map.Entry<String, List<String>> e : READS.entrySet()) {
            List<String> names = new ArrayList<>(e.getValue());
            names.add(in.printable(1 + in.nextInt(8)));
            for (String name : names) {
                for (int i = 0; i < ROUNDS; i++) {
                    String target = e.getKey() + "?" + query(in, name, e.getValue());
                    checks.check(RawHttp.get(api, target), "GET " + target, true);
                }
            }
        }

        // the writes: query, path and body, with the token (so they reach their parsers) or not
        for (int i = 0; i < ROUNDS * 4; i++) {
            String target = "/ingest?" + query(in, "host", List.of("host"));
            checks.check(write(in, "POST", target, in.body(SAMPLE_BODY)), "POST " + target, true);
            checks.check(
                    write(in, "POST", "/silences", in.body(SILENCE_BODY)), "POST /silences", true);
            String id = "/silences/" + in.encoded(in.value());
            checks.check(write(in, "DELETE", id, null), "DELETE " + id, true);
        }

        // odd methods on every route, odd paths
        List<String> methods =
                List.of(
                        "PUT",
                        "PATCH",
                        "HEAD",
                        "OPTIONS",
                        "TRACE",
                        "CONNECT",
                        "FOO",
                        "get",
                        "M-SEARCH");
        List<String> paths = new ArrayList<>(READS.keySet());
        paths.addAll(
                List.of(
                        "/ingest",
                        "/silences/x",
                        "/",
                        "//metrics",
                        "/metrics/",
                        "/metrics;x=1",
                        "/%2e%2e/%2e%2e/etc/passwd",
                        "/vendor/../../pom.xml",
                        "/silences/%2F",
                        "/" + "a".repeat(9_000)));
        for (int i = 0; i < ROUNDS * 5; i++) {
            String method =
                    in.chance(50) ? in.pick(methods) : in.pick(List.of("GET", "POST", "DELETE"));
            String path = in.pick(paths);
            String target = in.chance(50) ? path : path + "?" + query(in, "host", List.of());
            checks.check(
                    write(in, method, target, in.chance(50) ? in.body("{}") : null),
                    method + " " + target,
                    !method.equals("HEAD"));
        }

        System.out.println(
                "ApiFuzzITCase: " + checks.requests + " requests, statuses " + checks.statuses);
        assertThat(checks.failures).as("failures (seed " + SEED + ")").isEmpty();

        // every statement sent to InfluxDB is built only from the whitelist grammar
        List<String> statements = statements();
        List<String> offGrammar =
                statements.stream().filter(s -> !STATEMENT.matcher(s).matches()).toList();
        assertThat(offGrammar).as("statements off the grammar").isEmpty();
        // and the fuzz did reach InfluxQL with generated values, for every measurement
        Set<String> literals = new HashSet<>();
        for (String s : statements) {
            java.util.regex.Matcher m = Pattern.compile("= '([^']*)'").matcher(s);
            while (m.find()) {
                literals.add(m.group(1));
            }
        }
        System.out.println(
                "ApiFuzzITCase: "
                        + statements.size()
                        + " InfluxQL statements, "
                        + literals.size()
                        + " distinct literals");
        assertThat(literals.size()).isGreaterThan(ROUNDS);
        for (String measurement :
                new String[] {
                    "system_metrics", "anomalies", "host_stats", "alerts", "anomaly_rate"
                }) {
            assertThat(statements).anyMatch(s -> s.contains(" FROM \"" + measurement + "\""));
        }
    }

    /** One parameter with a generated value, perhaps repeated, among valid or unknown others. */
    private static String query(FuzzInput in, String name, List<String> known) {
        StringBuilder q = new StringBuilder();
        q.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(in.encoded(in.valueFor(name)));
        if (in.chance(10)) {
            q.append('&').append(name).append('=').append(in.encoded(in.valueFor(name)));
        }
        for (String other : known) {
            if (!other.equals(name) && in.chance(30)) {
                q.append('&').append(other).append('=').append(in.encoded(in.valueFor(other)));
            }
        }
        if (in.chance(5)) {
            q.append("&a=1".repeat(1 + in.nextInt(300)));
        }
        return q.toString();
    }

    /** A write, usually with the token and JSON, sometimes with odd headers. */
    private static RawHttp.Answer write(FuzzInput in, String method, String target, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(
                "Authorization",
                in.chance(80)
                        ? (in.chance(80) ? "Bearer " : "Token ") + TOKEN
                        : in.pick(
                                List.of("Bearer", "Bearer " + in.printable(30), "Basic eDp5", "")));
        headers.put(
                "Content-Type",
                in.chance(75)
                        ? "application/json"
                        : in.pick(
                                List.of(
                                        "text/plain",
                                        "application/x-www-form-urlencoded",
                                        "multipart/form-data; boundary=zz",
                                        "application/json; charset=utf-16",
                                        "application/json;;;",
                                        in.printable(20))));
        if (in.chance(15)) {
            headers.put(
                    "Origin",
                    in.pick(
                            List.of(
                                    "null",
                                    "http://evil.example",
                                    "https://ops.example.com",
                                    in.printable(15))));
        }
        if (in.chance(5)) {
            headers.put("Host", in.pick(List.of("", "evil.example", in.printable(10))));
        }
        if (in.chance(5)) {
            headers.put("X-Forwarded-For", in.printable(20));
        }
        return RawHttp.send(api, method, target, headers, body);
    }

    /** The InfluxQL statements the recording proxy saw, decoded from the client's form posts. */
    private static List<String> statements() {
        List<String> out = new ArrayList<>();
        for (FaultInjectingHttpProxy.Request r : influx.requests()) {
            if (!r.pathAndQuery.startsWith("/query")) {
                continue;
            }
            String form = new String(r.body, StandardCharsets.UTF_8);
            String query = r.pathAndQuery.contains("?") ? r.pathAndQuery.split("\\?", 2)[1] : "";
            for (String source : new String[] {form, query}) {
                for (String pair : source.split("&")) {
                    if (pair.startsWith("q=")) {
                        out.add(URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(out).as("recorded statements").isNotEmpty();
        return out;
    }

    /** What every answer must be; failures are collected so one run shows them all. */
    private static final class Checks {
        final List<String> failures = new ArrayList<>();
        final Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        int requests;

        void check(RawHttp.Answer r, String what, boolean hasBody) {
            requests++;
            statuses.merge(r.status(), 1, Integer::sum);
            String text = r.text();
            String shown = what.length() > 120 ? what.substring(0, 120) + "..." : what;
            if (r.status() >= 500) {
                fail(shown, "status " + r.status() + ": " + text);
            }
            if (r.body().length > MAX_BODY) {
                fail(shown, "answer of " + r.body().length + " bytes");
            }
            if (LEAK.matcher(text).find()) {
                fail(shown, "leaks internals: " + text);
            }
            if (r.status() >= 400 && hasBody) {
                if (r.body().length > MAX_ERROR_BODY) {
                    fail(shown, "error of " + r.body().length + " bytes");
                }
                String type = r.header("Content-Type");
                if (type == null || !type.startsWith("application/json")) {
                    fail(shown, r.status() + " as " + type + ": " + text);
                    return;
                }
                try {
                    JsonNode json = JSON.readTree(r.body());
                    if (json.size() != 1 || !json.path("error").isTextual()) {
                        fail(shown, "not {\"error\":...}: " + text);
                    }
                } catch (Exception e) {
                    fail(shown, "not JSON: " + text);
                }
            }
        }

        private void fail(String what, String why) {
            if (failures.size() < 30) {
                failures.add(what + " -> " + (why.length() > 300 ? why.substring(0, 300) : why));
            }
        }
    }
}
