package com.smartinfra.job.detect;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a validation message names a detector setting: as in code ({@code 'trainingSize'}, for the
 * builder's users) or as the key an operator writes ({@code 'detect.training-size'}, for the job's
 * configuration). Messages are written once, with the right names, instead of being rewritten.
 */
public final class SettingNames {
    /** The builder's names: {@code detector setting 'trainingSize'}. */
    public static final SettingNames CODE = new SettingNames("detector setting", Map.of());

    private final String subject;
    private final Map<String, String> keyByField;

    private SettingNames(String subject, Map<String, String> keyByField) {
        this.subject = subject;
        this.keyByField = keyByField;
    }

    /**
     * Names by configuration key: {@code Setting 'detect.training-size'}; a field without a key
     * keeps its code name.
     */
    public static SettingNames keys(Map<String, String> keyByField) {
        return new SettingNames("Setting", Map.copyOf(keyByField));
    }

    /** The quoted name of {@code field}. */
    String of(String field) {
        return "'" + keyByField.getOrDefault(field, field) + "'";
    }

    /** A sentence about one setting: subject, name, then {@code problem}. */
    IllegalArgumentException invalid(String field, String problem) {
        return new IllegalArgumentException(subject + " " + of(field) + " " + problem);
    }

    /** A sentence about several settings together. */
    IllegalArgumentException invalidTogether(String problem, String... fields) {
        String names = Stream.of(fields).map(this::of).collect(Collectors.joining(", "));
        return new IllegalArgumentException(subject + "s " + names + " " + problem);
    }

    void requireRange(String field, int v, int min, int max) {
        if (v < min || v > max) {
            throw invalid(field, "must be between " + min + " and " + max + ", was " + v);
        }
    }
}
