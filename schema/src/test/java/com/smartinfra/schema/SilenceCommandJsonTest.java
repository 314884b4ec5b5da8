package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceCommandJsonTest {
    private static final String UNTIL = "\"until\":\"2025-06-24T18:00:00Z\"";
    private static final long UNTIL_MS = Instant.parse("2025-06-24T18:00:00Z").toEpochMilli();
    private static final String ID = "sil-3f1c0a52-6f0e-4f43-9a53-1f0f7f1a6c2e";

    private static SilenceCommand parse(String json) throws InvalidSilenceCommandException {
        return SilenceCommandJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static SilenceCommand request(String json) throws InvalidSilenceCommandException {
        return SilenceCommandJson.parseSilenceRequest(json.getBytes(StandardCharsets.UTF_8), ID);
    }

    @Test
    void readsSilencesAndUnsilences() throws Exception {
        SilenceCommand s =
                parse(
                        "{\"type\":\"silence\",\"id\":\"maint-42\",\"host\":\"web-01\","
                                + "\"cause\":\"cpu\",\"until\":\"2025-06-24T18:00:00Z\","
                                + "\"comment\":\"kernel upgrade\"}");
        assertThat(s)
                .isEqualTo(
                        SilenceCommand.silence(
                                "maint-42", "web-01", "cpu", UNTIL_MS, "kernel upgrade"));
        long until = s.until;
        assertThat(s.covers("web-01", "cpu", until - 1)).isTrue();
        assertThat(s.covers("web-01", "cpu", until)).isFalse();
        assertThat(s.covers("web-01", "disk", until - 1)).isFalse();
        assertThat(s.covers("web-02", "cpu", until - 1)).isFalse();

        SilenceCommand all =
                parse(
                        "{\"type\":\"silence\",\"id\":\"all\",\"host\":\"*\","
                                + "\"until\":\"2025-06-24T20:00:00+02:00\",\"cause\":null}");
        assertThat(all).isEqualTo(SilenceCommand.silence("all", "*", null, UNTIL_MS, null));
        assertThat(all.covers("anything", "nodata", all.until - 1)).isTrue();

        SilenceCommand ms =
                parse(
                        "{\"type\":\"silence\",\"id\":\"a.b:c@d_e-1\",\"host\":\"db_2.eu\","
                                + "\"until\":1750788000123}");
        assertThat(ms.until).isEqualTo(1_750_788_000_123L);

        assertThat(parse("{\"type\":\"unsilence\",\"id\":\"maint-42\"}"))
                .isEqualTo(SilenceCommand.unsilence("maint-42"));
        assertThat(SilenceCommand.unsilence("maint-42").toString()).isEqualTo("unsilence maint-42");
        assertThat(s.toString())
                .isEqualTo("silence maint-42 host=web-01 cause=cpu until=2025-06-24T18:00:00Z");
    }

    @Test
    void untilIsAnInstantWithAZoneOrEpochMillisBetween1970And2100() throws Exception {
        String head = "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\",\"until\":";
        assertThat(parse(head + "0}").until).isZero();
        assertThat(parse(head + SampleJson.MAX_TIMESTAMP + "}").until)
                .isEqualTo(SampleJson.MAX_TIMESTAMP);
        assertThat(parse(head + "\"2025-06-24T18:00:00.5Z\"}").until).isEqualTo(UNTIL_MS + 500);

        String range = "field 'until' is out of range (1970-01-01 to 2100-01-01)";
        assertRefused(head + "-1}", range);
        assertRefused(head + (SampleJson.MAX_TIMESTAMP + 1) + "}", range);
        assertRefused(head + Long.MAX_VALUE + "}", range);
        // beyond a long: refused with the reason, not a parser error
        assertRefused(head + "99999999999999999999999999}", range);
        assertRefused(head + "\"1969-12-31T23:59:59Z\"}", range);
        assertRefused(head + "\"2100-01-01T00:00:00.001Z\"}", range);
        // beyond a long of epoch milliseconds: refused, never an ArithmeticException
        assertRefused(head + "\"+1000000000-01-01T00:00:00Z\"}", range);

        String form = "field 'until' must be an ISO-8601 instant with a zone";
        assertRefused(head + "\"tomorrow\"}", form);
        assertRefused(head + "\"2025-06-24T18:00:00\"}", form);
        assertRefused(head + "1.75e12}", form);
        assertRefused(head + "null}", form);
        assertRefused(head + "true}", form);
    }

    @Test
    void refusesWhatIsNotAValidCommandAndSaysWhy() {
        assertRefused("", "empty record");
        assertRefused("not json", "not valid JSON");
        assertRefused("{\"type\":\"silence\"", "not valid JSON");
        assertRefused("[1]", "not a JSON object");
        assertRefused("  ", "not a JSON object");
        assertRefused("\"silence\"", "not a JSON object");
        assertRefused("{\"type\":\"unsilence\",\"id\":\"x\"} {}", "not a single JSON object");
        assertRefused("{\"type\":\"unsilence\",\"id\":\"x\"} 1", "not a single JSON object");
        assertRefused("{\"type\":\"mute\",\"id\":\"x\"}", "field 'type' must be");
        assertRefused("{\"id\":\"x\"}", "field 'type' must be");
        assertRefused(
                "{\"type\":\"silence\",\"host\":\"web-01\"}",
                "field 'id' is required and must match [A-Za-z0-9._:@-]{1,128}");
        assertRefused("{\"type\":\"unsilence\",\"id\":\"a$b\"}", "field 'id' is required");
        assertRefused(
                "{\"type\":\"unsilence\",\"id\":\"" + "x".repeat(129) + "\"}",
                "field 'id' is required");
        assertRefused("{\"type\":\"unsilence\",\"id\":7}", "field 'id' must be a string");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web 01\"," + UNTIL + "}",
                "field 'host' is required: a host name or '*' for every host");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"**\"," + UNTIL + "}",
                "field 'host' is required");
        assertRefused("{\"type\":\"silence\",\"id\":\"x\"," + UNTIL + "}", "field 'host'");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\",\"cause\":\"cpu>85\","
                        + UNTIL
                        + "}",
                "field 'cause' must be a cause such as cpu, memory, disk, model or nodata");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\"}",
                "field 'until' is required");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\","
                        + UNTIL
                        + ",\"comment\":\""
                        + "x".repeat(1001)
                        + "\"}",
                "field 'comment' is longer than 1000 characters");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\","
                        + UNTIL
                        + ",\"comment\":1}",
                "field 'comment' must be a string");
        // a misspelt cause must not widen the silence to every cause
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\",\"casue\":\"cpu\","
                        + UNTIL
                        + "}",
                "unknown field 'casue' (known: type, id, host, cause, until, comment)");
        // nor may a repeated one
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\",\"cause\":\"cpu\","
                        + UNTIL
                        + ",\"cause\":null}",
                "not valid JSON: Duplicate field 'cause'");
    }

    @Test
    void messagesQuoteNoMoreThanACutPrintableFieldName() {
        // a control character (escaped, as JSON wants it) and a non-ASCII one, then 200 more
        String name = "\\u0007\u00e9" + "n".repeat(200);
        Throwable e =
                catchThrowableOfType(
                        InvalidSilenceCommandException.class,
                        () -> parse("{\"type\":\"silence\",\"id\":\"x\",\"" + name + "\":1}"));
        assertThat(e.getMessage())
                .isEqualTo(
                        "unknown field '??"
                                + "n".repeat(38)
                                + "...' (known: type, id, host, cause, until, comment)");

        // a broken token is quoted by the JSON parser: cut and printable too
        String junk = "\u00e9" + "z".repeat(500);
        Throwable broken =
                catchThrowableOfType(InvalidSilenceCommandException.class, () -> request(junk));
        assertThat(broken.getMessage()).startsWith("not valid JSON: ").matches("[ -~]*");
        assertThat(broken.getMessage().length()).isLessThanOrEqualTo(16 + 60 + 3);
        Throwable token =
                catchThrowableOfType(
                        InvalidSilenceCommandException.class,
                        () -> request("{\"host\":" + "q".repeat(500) + "}"));
        assertThat(token.getMessage())
                .startsWith("not valid JSON: ")
                .doesNotContain("q".repeat(41));
    }

    @Test
    void readsASilenceRequestWithTheSameRulesButNoTypeOrId() throws Exception {
        assertThat(
                        request(
                                "{\"host\":\"web-01\",\"cause\":\"cpu\","
                                        + UNTIL
                                        + ",\"comment\":\"kernel upgrade\"}"))
                .isEqualTo(SilenceCommand.silence(ID, "web-01", "cpu", UNTIL_MS, "kernel upgrade"));
        assertThat(request("{\"host\":\"*\",\"until\":1750788000000,\"comment\":null}"))
                .isEqualTo(SilenceCommand.silence(ID, "*", null, UNTIL_MS, null));

        String known = "' (known: host, cause, until, comment)";
        assertRequestRefused("", "empty body");
        assertRequestRefused("[1]", "not a JSON object");
        assertRequestRefused("{\"host\":", "not valid JSON");
        assertRequestRefused("{\"host\":\"web-01\"," + UNTIL + "} {}", "not a single JSON object");
        assertRequestRefused("{\"type\":\"silence\"," + UNTIL + "}", "unknown field 'type" + known);
        assertRequestRefused(
                "{\"host\":\"web-01\",\"id\":\"mine\"," + UNTIL + "}", "unknown field 'id" + known);
        assertRequestRefused(
                "{\"host\":\"web-01\",\"casue\":\"cpu\"," + UNTIL + "}",
                "unknown field 'casue" + known);
        assertRequestRefused("{\"cause\":\"cpu\"," + UNTIL + "}", "field 'host' is required");
        assertRequestRefused("{\"host\":\"a b\"," + UNTIL + "}", "field 'host' is required");
        assertRequestRefused("{\"host\":7," + UNTIL + "}", "field 'host' must be a string");
        assertRequestRefused(
                "{\"host\":\"web-01\",\"cause\":\"\"," + UNTIL + "}", "field 'cause' must be");
        assertRequestRefused("{\"host\":\"web-01\"}", "field 'until' is required");
        assertRequestRefused(
                "{\"host\":\"web-01\",\"until\":123456789012345678901234567890}",
                "field 'until' is out of range");
        assertRequestRefused(
                "{\"host\":\"web-01\",\"until\":\"tomorrow\"}",
                "field 'until' must be an ISO-8601 instant");
        assertRequestRefused(
                "{\"host\":\"web-01\"," + UNTIL + ",\"comment\":\"" + "x".repeat(1001) + "\"}",
                "field 'comment' is longer than 1000 characters");

        byte[] body = "{\"host\":\"web-01\",\"until\":0}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SilenceCommandJson.parseSilenceRequest(body, "a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesUntilAsAnUtcInstantAndLeavesOutWhatIsAbsent() {
        assertThat(
                        json(
                                SilenceCommand.silence(
                                        "s1",
                                        "web-01",
                                        "cpu",
                                        UNTIL_MS + 500,
                                        "kernel \"upgrade\"")))
                .isEqualTo(
                        "{\"type\":\"silence\",\"id\":\"s1\",\"host\":\"web-01\",\"cause\":\"cpu\","
                                + "\"until\":\"2025-06-24T18:00:00.500Z\","
                                + "\"comment\":\"kernel \\\"upgrade\\\"\"}");
        assertThat(json(SilenceCommand.silence("s2", "*", null, UNTIL_MS, null)))
                .isEqualTo(
                        "{\"type\":\"silence\",\"id\":\"s2\",\"host\":\"*\","
                                + "\"until\":\"2025-06-24T18:00:00Z\"}");
        assertThat(json(SilenceCommand.unsilence("s1")))
                .isEqualTo("{\"type\":\"unsilence\",\"id\":\"s1\"}");
    }

    /** Every silence the API's reader accepts, once written, is read back equal by the job. */
    @Test
    void everyCommandTheApiWritesIsReadBackEqualByTheJob() throws Exception {
        List<String> ids = List.of(ID, "a", "A.b_c:d@e-" + "9".repeat(118));
        List<String> hosts = List.of("web-01", "*", "h", "x".repeat(128), "db_2.EU-west");
        List<String> causes = Arrays.asList(null, "cpu", "nodata", "c".repeat(64), "disk_io.p99");
        List<Object> untils =
                List.of(
                        0L,
                        1L,
                        UNTIL_MS + 123,
                        SampleJson.MAX_TIMESTAMP,
                        "2025-06-24T20:00:00.999+02:00",
                        "2025-06-24T18:00:00.123456789Z",
                        "1970-01-01T00:00:00Z");
        List<String> comments =
                Arrays.asList(
                        null,
                        "",
                        "kernel \"upgrade\" \\ / \n\t\u0000",
                        "caf\u00e9 \u2603 \uD83D\uDE80",
                        "y".repeat(SilenceCommand.MAX_COMMENT));
        int checked = 0;
        for (String id : ids) {
            for (String host : hosts) {
                for (String cause : causes) {
                    for (Object until : untils) {
                        for (String comment : comments) {
                            byte[] body = requestBody(host, cause, until, comment);
                            SilenceCommand written =
                                    SilenceCommandJson.parseSilenceRequest(body, id);
                            SilenceCommand read =
                                    SilenceCommandJson.parse(SilenceCommandJson.toJson(written));
                            assertThat(read)
                                    .as(new String(body, StandardCharsets.UTF_8))
                                    .isEqualTo(written);
                            assertThat(read.type).isEqualTo(SilenceCommand.SILENCE);
                            assertThat(read.id).isEqualTo(id);
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(3 * 5 * 5 * 7 * 5);
        for (String id : ids) {
            SilenceCommand un = SilenceCommand.unsilence(id);
            assertThat(SilenceCommandJson.parse(SilenceCommandJson.toJson(un))).isEqualTo(un);
        }
    }

    private static byte[] requestBody(String host, String cause, Object until, String comment)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("host", host);
            if (cause != null) {
                g.writeStringField("cause", cause);
            }
            if (until instanceof Long) {
                g.writeNumberField("until", (Long) until);
            } else {
                g.writeStringField("until", (String) until);
            }
            if (comment != null) {
                g.writeStringField("comment", comment);
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    private static String json(SilenceCommand c) {
        return new String(SilenceCommandJson.toJson(c), StandardCharsets.UTF_8);
    }

    private static void assertRefused(String json, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidSilenceCommandException.class)
                .hasMessageStartingWith(reason);
    }

    private static void assertRequestRefused(String json, String reason) {
        assertThatThrownBy(() -> request(json))
                .isInstanceOf(InvalidSilenceCommandException.class)
                .hasMessageStartingWith(reason);
    }
}
