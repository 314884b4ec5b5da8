package com.smartinfra.simulator.replay;

/** A replay file that cannot be read or is not NAB CSV; the message names file and line. */
public final class ReplayFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReplayFileException(String message) {
        super(message, null, false, false);
    }
}
