package com.smartinfra.schema;

/**
 * A control record or silence request that is not a valid command; the message is the reason. It
 * quotes no user input beyond a field name cut to 40 printable ASCII characters (and a bounded
 * parser message for broken JSON), so an API can answer it as is.
 */
public final class InvalidSilenceCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSilenceCommandException(String reason) {
        // no stack trace: bad input is expected traffic, not a bug
        super(reason, null, false, false);
    }
}
