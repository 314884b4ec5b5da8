package com.smartinfra.api;

/** A configuration error: the message is one sentence that names the setting at fault. */
public final class ApiConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ApiConfigException(String message) {
        super(message);
    }
}
