package com.smartinfra.api.silences;

import com.smartinfra.api.http.Json;
import java.util.regex.Pattern;

/**
 * The alert control commands in the form the job reads them ({@code SilenceCommandParser} in the
 * flink-job): exactly its fields, since it refuses any other.
 */
public final class SilenceCommands {
    /** The job's charset of a silence id. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private SilenceCommands() {}

    /** {@code {"type":"silence","id":..,"host":..,"cause":..,"until":ISO,"comment":..}}. */
    public static byte[] silence(String id, SilenceRequest s) {
        return Json.write(
                256,
                g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "silence");
                    g.writeStringField("id", id);
                    g.writeStringField(SilenceRequestParser.HOST, s.host());
                    Json.textIfPresent(g, SilenceRequestParser.CAUSE, s.cause());
                    Json.instant(g, SilenceRequestParser.UNTIL, s.untilMs());
                    Json.textIfPresent(g, SilenceRequestParser.COMMENT, s.comment());
                    g.writeEndObject();
                });
    }

    /** {@code {"type":"unsilence","id":..}}. */
    public static byte[] unsilence(String id) {
        return Json.write(
                64,
                g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "unsilence");
                    g.writeStringField("id", id);
                    g.writeEndObject();
                });
    }
}
