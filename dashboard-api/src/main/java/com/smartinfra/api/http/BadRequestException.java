package com.smartinfra.api.http;

/** A request the API refuses: answered 400 with {@code {"error":"<message>"}}. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        // no stack trace: bad input is expected traffic, not a bug
        super(message, null, false, false);
    }
}
