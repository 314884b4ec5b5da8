package com.smartinfra.simulator.realhost;

/** A machine's reading from which no sample can be made; the message says why. */
public final class ReadingException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReadingException(String message) {
        super(message, null, false, false);
    }
}
