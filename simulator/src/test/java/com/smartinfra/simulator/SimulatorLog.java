package com.smartinfra.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What this test JVM logged so far: the file appender of {@code log4j2-test.xml}. */
public final class SimulatorLog {
    static final Path FILE = Path.of("target", "test-logs", "simulator.log");

    private SimulatorLog() {}

    public static String text() {
        try {
            return Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
