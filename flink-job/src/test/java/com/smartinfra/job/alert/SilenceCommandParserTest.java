package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SilenceCommandParserTest {
    private static SilenceCommand parse(String json) throws Exception {
        return SilenceCommandParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsSilencesAndUnsilences() throws Exception {
        SilenceCommand s =
                parse(
                        "{\"type\":\"silence\",\"id\":\"maint-42\",\"host\":\"web-01\","
                                + "\"cause\":\"cpu\",\"until\":\"2025-06-24T18:00:00Z\","
                                + "\"comment\":\"kernel upgrade\"}");
        assertThat(s.type).isEqualTo(SilenceCommand.SILENCE);
        assertThat(s.id).isEqualTo("maint-42");
        assertThat(s.host).isEqualTo("web-01");
        assertThat(s.cause).isEqualTo("cpu");
        assertThat(s.until).isEqualTo(Instant.parse("2025-06-24T18:00:00Z").toEpochMilli());
        assertThat(s.comment).isEqualTo("kernel upgrade");
        long until = s.until;
        assertThat(s.covers("web-01", "cpu", until - 1)).isTrue();
        assertThat(s.covers("web-01", "cpu", until)).isFalse();
        assertThat(s.covers("web-01", "disk", until - 1)).isFalse();
        assertThat(s.covers("web-02", "cpu", until - 1)).isFalse();

        SilenceCommand all =
                parse(
                        "{\"type\":\"silence\",\"id\":\"all\",\"host\":\"*\","
                                + "\"until\":\"2025-06-24T20:00:00+02:00\"}");
        assertThat(all.cause).isNull();
        assertThat(all.covers("anything", "nodata", all.until - 1)).isTrue();

        SilenceCommand un = parse("{\"type\":\"unsilence\",\"id\":\"maint-42\"}");
        assertThat(un.type).isEqualTo(SilenceCommand.UNSILENCE);
    }

    @Test
    void refusesWhatIsNotAValidCommandAndSaysWhy() {
        assertRefused("", "empty record");
        assertRefused("not json", "not valid JSON");
        assertRefused("[1]", "not a JSON object");
        assertRefused("{\"type\":\"mute\",\"id\":\"x\"}", "field 'type'");
        assertRefused("{\"type\":\"silence\",\"host\":\"web-01\"}", "field 'id'");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web 01\",\"until\":\"2025-06-24T18:00:00Z\"}",
                "field 'host'");
        assertRefused("{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\"}", "field 'until'");
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\",\"until\":\"tomorrow\"}",
                "field 'until'");
        // a misspelt cause must not widen the silence to every cause
        assertRefused(
                "{\"type\":\"silence\",\"id\":\"x\",\"host\":\"web-01\",\"casue\":\"cpu\","
                        + "\"until\":\"2025-06-24T18:00:00Z\"}",
                "unknown field 'casue'");
    }

    private static void assertRefused(String json, String reason) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(SilenceCommandParser.InvalidCommandException.class)
                .hasMessageContaining(reason);
    }
}
