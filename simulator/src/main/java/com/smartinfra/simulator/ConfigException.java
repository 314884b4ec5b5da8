package com.smartinfra.simulator;

/** A bad command-line option or environment variable; the message names it. Exit code 2. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
