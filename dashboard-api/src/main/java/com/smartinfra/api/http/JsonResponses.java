package com.smartinfra.api.http;

import java.nio.charset.StandardCharsets;
import spark.Response;

/** How every API answer (not the static files) leaves the server. */
public final class JsonResponses {
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private JsonResponses() {}

    /** Sets status and headers; the route returns the body it got back. */
    public static byte[] send(Response res, int status, byte[] body) {
        prepare(res, status);
        return body;
    }

    /** For Spark's error hooks, which only take a String body. */
    public static void sendFromExceptionHandler(Response res, int status, byte[] body) {
        prepare(res, status);
        res.body(new String(body, StandardCharsets.UTF_8));
    }

    private static void prepare(Response res, int status) {
        res.status(status);
        res.type(CONTENT_TYPE);
        // live data: a cached answer is a wrong answer
        res.header("Cache-Control", "no-store");
        res.header("X-Content-Type-Options", "nosniff");
    }
}
