package com.smartinfra.api.lineprotocol;

/** Why one line of a write was not taken: 1-based line number and a sentence. */
public record LineError(int line, String message) {
    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
