package com.smartinfra.job.config;

/** A setting is missing or wrong; the message is one sentence that names the setting. */
public final class InvalidConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
