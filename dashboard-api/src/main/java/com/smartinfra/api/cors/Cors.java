package com.smartinfra.api.cors;

import java.util.Set;
import spark.Response;
import spark.Service;

/**
 * Cross-origin access, only for the origins configured in {@code API_CORS_ORIGINS} (exact match).
 * The dashboard itself is same-origin and needs none of this; without configured origins the API
 * sends no CORS header at all and browsers keep other sites' pages out.
 */
public final class Cors {
    static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";

    /** Authorization: a configured origin's page may send the API token; no other gets this far. */
    static final String ALLOWED_HEADERS = "Content-Type, Authorization";

    static final String MAX_AGE_SECONDS = "600";

    private Cors() {}

    /** Adds the headers to every answer for an allowed origin, and answers preflights. */
    public static void configure(Service http, Set<String> origins) {
        if (origins.isEmpty()) {
            return;
        }
        http.before(
                (req, res) -> {
                    String origin = req.headers("Origin");
                    res.header("Vary", "Origin");
                    if (origin != null && origins.contains(origin)) {
                        allow(res, origin);
                    }
                });
        http.options(
                "/*",
                (req, res) -> {
                    String origin = req.headers("Origin");
                    res.header("Cache-Control", "no-store");
                    if (origin == null || !origins.contains(origin)) {
                        res.status(403);
                        res.type("application/json; charset=utf-8");
                        return "{\"error\":\"origin not allowed\"}";
                    }
                    allow(res, origin);
                    res.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
                    res.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
                    res.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
                    res.status(204);
                    return "";
                });
    }

    private static void allow(Response res, String origin) {
        res.header("Access-Control-Allow-Origin", origin);
    }
}
