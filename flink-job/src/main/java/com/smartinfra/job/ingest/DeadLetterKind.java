package com.smartinfra.job.ingest;

/**
 * The kind of a dead letter, from its reason: a small fixed set of labels for the {@code
 * reason_deadLetters} metric (the reason itself is free text that quotes the record).
 */
public final class DeadLetterKind {
    public static final String EMPTY = "empty";
    public static final String MALFORMED = "malformed";
    public static final String MISSING_FIELD = "missing-field";
    public static final String DUPLICATE_FIELD = "duplicate-field";
    public static final String BAD_HOST = "bad-host";
    public static final String BAD_TIMESTAMP = "bad-timestamp";
    public static final String TOO_OLD = "too-old";
    public static final String IN_FUTURE = "in-future";
    public static final String BAD_VALUE = "bad-value";
    public static final String BAD_FIELD = "bad-field";
    public static final String UNEXPECTED = "unexpected";
    public static final String OTHER = "other";

    private DeadLetterKind() {}

    /** The kind of the reason a {@link SampleDeserializer} gave. */
    public static String of(String reason) {
        if (reason == null || reason.isEmpty()) {
            return OTHER;
        }
        if (reason.equals("empty record")) {
            return EMPTY;
        }
        if (reason.startsWith("not valid JSON")
                || reason.startsWith("unreadable record")
                || reason.startsWith("not a JSON object")
                || reason.startsWith("trailing content")) {
            return MALFORMED;
        }
        if (reason.startsWith("missing required field")) {
            return MISSING_FIELD;
        }
        if (reason.startsWith("duplicate field")) {
            return DUPLICATE_FIELD;
        }
        if (reason.startsWith("field 'host'")) {
            return BAD_HOST;
        }
        if (reason.startsWith("field 'timestamp'")) {
            if (reason.contains("maximum age")) {
                return TOO_OLD;
            }
            return reason.contains("in the future") ? IN_FUTURE : BAD_TIMESTAMP;
        }
        if (reason.startsWith("field 'injected'")
                || reason.startsWith("field name")
                || reason.startsWith("too many optional metrics")) {
            return BAD_FIELD;
        }
        if (reason.startsWith("field '")) {
            return BAD_VALUE;
        }
        if (reason.startsWith("unexpected error")) {
            return UNEXPECTED;
        }
        return OTHER;
    }
}
