package com.smartinfra.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What this test JVM logged so far: the file appender of {@code log4j2-test.xml}. */
final class ApiLog {
    static final Path FILE = Path.of("target", "test-logs", "dashboard-api.log");

    private ApiLog() {}

    /** Every line, as written (a line is what a log reader sees as one event). */
    static List<String> lines() {
        return List.of(text().split("\n", -1));
    }

    static String text() {
        try {
            return Files.readString(FILE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
