package com.smartinfra.api.http;

import com.smartinfra.schema.Echo;
import spark.Request;

/**
 * Request-derived text for a log line: printable ASCII and bounded ({@link Echo}), so a request can
 * neither forge log lines (a CR/LF or terminal escape in a comment or path) nor flood the log.
 * Every log statement that includes something a client sent goes through here.
 */
public final class RequestLog {
    /** Most characters of one value in a log line. */
    public static final int MAX_CHARS = 200;

    private RequestLog() {}

    /**
     * {@code s} bounded to {@link #MAX_CHARS} printable ASCII characters ({@code ?} for others).
     */
    public static String value(String s) {
        return Echo.bounded(s, MAX_CHARS);
    }

    /**
     * {@code METHOD /path} of a request. Spark hands exception handlers an empty request when it
     * failed before making one; that must not fail the handler.
     */
    public static String describe(Request req) {
        try {
            return value(req.requestMethod()) + " " + value(req.pathInfo());
        } catch (RuntimeException e) {
            return "a request Spark could not read";
        }
    }
}
