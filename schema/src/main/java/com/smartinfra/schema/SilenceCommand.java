package com.smartinfra.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A command on the alert control topic: {@code
 * {"type":"silence","id":"s1","host":"web-01","cause":"cpu","until":"2025-06-24T18:00:00Z","comment":"maintenance"}}
 * or {@code {"type":"unsilence","id":"s1"}}. {@code cause} is optional (all causes of the host);
 * {@code host} {@value #EVERY_HOST} silences every host. Read and written by {@link
 * SilenceCommandJson}: the API writes these, the job reads them.
 *
 * <p>A Flink POJO (public fields, no-arg constructor): the job keeps silences in broadcast state.
 */
public final class SilenceCommand {
    public static final String SILENCE = "silence";
    public static final String UNSILENCE = "unsilence";

    /** {@code host} value that silences every host. */
    public static final String EVERY_HOST = "*";

    /** The charset of a silence id. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    /** The charset of a cause ({@code cpu}, {@code memory}, {@code disk}, {@code model}, ...). */
    public static final Pattern CAUSE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** At most this many characters of comment. */
    public static final int MAX_COMMENT = 1000;

    /** {@value #SILENCE} or {@value #UNSILENCE}. */
    public String type;

    public String id;

    /** A host name, or {@value #EVERY_HOST}. */
    public String host;

    /** Null: every cause of the host. */
    public String cause;

    /** End of the silence, epoch milliseconds (wall clock). */
    public long until;

    /** Null when absent. */
    public String comment;

    public SilenceCommand() {}

    public static SilenceCommand silence(
            String id, String host, String cause, long until, String comment) {
        SilenceCommand c = new SilenceCommand();
        c.type = SILENCE;
        c.id = id;
        c.host = host;
        c.cause = cause;
        c.until = until;
        c.comment = comment;
        return c;
    }

    public static SilenceCommand unsilence(String id) {
        SilenceCommand c = new SilenceCommand();
        c.type = UNSILENCE;
        c.id = id;
        return c;
    }

    /**
     * True when this silence covers {@code cause} of {@code host} at wall-clock time {@code now}.
     */
    public boolean covers(String host, String cause, long now) {
        return now < until
                && (EVERY_HOST.equals(this.host) || this.host.equals(host))
                && (this.cause == null || this.cause.equals(cause));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SilenceCommand)) {
            return false;
        }
        SilenceCommand c = (SilenceCommand) o;
        return until == c.until
                && Objects.equals(type, c.type)
                && Objects.equals(id, c.id)
                && Objects.equals(host, c.host)
                && Objects.equals(cause, c.cause)
                && Objects.equals(comment, c.comment);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, id, host, cause, until, comment);
    }

    @Override
    public String toString() {
        return type
                + " "
                + id
                + (host == null ? "" : " host=" + host)
                + (cause == null ? "" : " cause=" + cause)
                + (SILENCE.equals(type) ? " until=" + Instant.ofEpochMilli(until) : "");
    }
}
