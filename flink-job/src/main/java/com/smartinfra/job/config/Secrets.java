package com.smartinfra.job.config;

import com.smartinfra.schema.SecretPlaceholders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from an environment variable or a file, on the machine that needs it (a
 * TaskManager), so secrets never travel in program arguments, the job graph or logs.
 */
public final class Secrets {
    private Secrets() {}

    /**
     * The secret from {@code file} when given, else from environment variable {@code envVar}.
     *
     * @param setting the setting's name, for the error message
     */
    public static String read(String envVar, String file, String setting) {
        String secret = readRaw(envVar, file, setting);
        if (SecretPlaceholders.isPlaceholder(secret)) {
            throw new InvalidConfigurationException(
                    "The InfluxDB token from "
                            + (file != null && !file.isBlank()
                                    ? "the file named by '" + setting + "'"
                                    : "environment variable " + envVar)
                            + " is a placeholder (such as change-me...) from an example file:"
                            + " set a real token.");
        }
        return secret;
    }

    private static String readRaw(String envVar, String file, String setting) {
        if (file != null && !file.isBlank()) {
            try {
                String s = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (s.isEmpty()) {
                    throw new InvalidConfigurationException(
                            "The file named by '" + setting + "' is empty: " + file);
                }
                return s;
            } catch (IOException e) {
                throw new InvalidConfigurationException(
                        "The file named by '"
                                + setting
                                + "' cannot be read: "
                                + file
                                + " ("
                                + e.getClass().getSimpleName()
                                + ")");
            }
        }
        String s = System.getenv(envVar);
        if (s == null || s.isBlank()) {
            throw new InvalidConfigurationException(
                    "No InfluxDB token: set environment variable "
                            + envVar
                            + " on the TaskManagers, or '"
                            + setting
                            + "' to a file holding it.");
        }
        return s.strip();
    }
}
