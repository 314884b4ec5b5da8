package com.smartinfra.job.alert;

/**
 * A command on the alert control topic: {@code
 * {"type":"silence","id":"s1","host":"web-01","cause":"cpu","until":"2025-06-24T18:00:00Z","comment":"maintenance"}}
 * or {@code {"type":"unsilence","id":"s1"}}. {@code cause} is optional (all causes of the host);
 * {@code host} {@code "*"} silences every host. A Flink POJO; parse with {@link
 * SilenceCommandParser}.
 */
public final class SilenceCommand {
    public static final String SILENCE = "silence";
    public static final String UNSILENCE = "unsilence";

    /** {@value #SILENCE} or {@value #UNSILENCE}. */
    public String type;

    public String id;
    public String host;

    /** Null: every cause of the host. */
    public String cause;

    /** End of the silence, epoch milliseconds (wall clock). */
    public long until;

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
    boolean covers(String host, String cause, long now) {
        return now < until
                && ("*".equals(this.host) || this.host.equals(host))
                && (this.cause == null || this.cause.equals(cause));
    }

    @Override
    public String toString() {
        return type
                + " "
                + id
                + (host == null ? "" : " host=" + host)
                + (cause == null ? "" : " cause=" + cause)
                + (SILENCE.equals(type) ? " until=" + java.time.Instant.ofEpochMilli(until) : "");
    }
}
