package com.smartinfra.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test-side HTTP calls to a running {@link DashboardApi}, and JSON reading of its answers. */
final class ApiHttp {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiHttp() {}

    static HttpResponse<String> get(DashboardApi api, String pathAndQuery) {
        return send(api, "GET", pathAndQuery);
    }

    static HttpResponse<String> send(DashboardApi api, String method, String pathAndQuery) {
        return exchange(
                request(api, pathAndQuery, 30)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(DashboardApi api, String pathAndQuery, String body) {
        return post(api, pathAndQuery, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    static HttpResponse<String> post(
            DashboardApi api, String pathAndQuery, byte[] body, String contentType) {
        return exchange(
                request(api, pathAndQuery, 60)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Any request: {@code body} null for none, then header name/value pairs (a null value leaves
     * the header out).
     */
    static HttpResponse<String> request(
            DashboardApi api, String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder b =
                request(api, pathAndQuery, 60)
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                b.header(headers[i], headers[i + 1]);
            }
        }
        return exchange(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> getBytes(DashboardApi api, String path) {
        return exchange(request(api, path, 30).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(
            DashboardApi api, String pathAndQuery, int timeoutSeconds) {
        return HttpRequest.newBuilder(URI.create(api.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(timeoutSeconds));
    }

    /** Sends {@code request}; a failed exchange fails the test. */
    private static <T> HttpResponse<T> exchange(
            HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** The samples of a /metrics answer, each as field -> Double/String/null, in answer order. */
    static List<Map<String, Object>> samples(HttpResponse<String> r) {
        JsonNode root = json(r);
        if (root.size() != 1 || !root.path("samples").isArray()) {
            throw new AssertionError("not {\"samples\":[...]}: " + r.body());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode sample : root.get("samples")) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : sample.properties()) {
                JsonNode v = f.getValue();
                m.put(
                        f.getKey(),
                        v.isNumber() ? (Object) v.asDouble() : v.isNull() ? null : v.asText());
            }
            out.add(m);
        }
        return out;
    }

    /** An expected sample: host, timestamp, then name/value pairs. */
    static Map<String, Object> sample(String host, String timestamp, Object... fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", host);
        m.put("timestamp", timestamp);
        for (int i = 0; i < fields.length; i += 2) {
            Object v = fields[i + 1];
            m.put((String) fields[i], v instanceof Number ? ((Number) v).doubleValue() : v);
        }
        return m;
    }
}
