package com.smartinfra.schema;

/** A record that is not a valid sample; the message is the reason a dead letter carries. */
public final class InvalidSampleException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidSampleException(String reason) {
        // no stack trace: bad input is expected traffic, not a bug, and must stay cheap
        super(reason, null, false, false);
    }
}
