package com.smartinfra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SampleJsonTest {

    private static Sample parse(String json) throws InvalidSampleException {
        return SampleJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheSeedSampleWithHost() throws Exception {
        Sample s =
                parse(
                        "{\"host\":\"web-01\",\"timestamp\":\"2025-06-24T16:42:00Z\","
                                + "\"cpu\":92.3,\"memory\":88.1,\"disk\":95.6}");
        assertThat(s.host).isEqualTo("web-01");
        assertThat(s.timestamp).isEqualTo(Instant.parse("2025-06-24T16:42:00Z").toEpochMilli());
        assertThat(s.cpu).isEqualTo(92.3);
        assertThat(s.memory).isEqualTo(88.1);
        assertThat(s.disk).isEqualTo(95.6);
        assertThat(s.extraNames).isEmpty();
        assertThat(s.injected).isNull();
    }

    @Test
    void acceptsEpochMillisOffsetsAndCarriesOptionalMetrics() throws Exception {
        Sample s =
                parse(
                        "{\"host\":\"db_2.eu\",\"timestamp\":1750783320000,\"cpu\":0,"
                                + "\"memory\":100,\"disk\":50.5,\"disk_io\":1234.5,\"net_io\":7,"
                                + "\"injected\":\"cpu_spike\"}");
        assertThat(s.timestamp).isEqualTo(1750783320000L);
        assertThat(s.extraNames).containsExactly("disk_io", "net_io");
        assertThat(s.extraValues).containsExactly(1234.5, 7.0);
        assertThat(s.injected).isEqualTo("cpu_spike");

        Sample offset =
                parse(
                        "{\"host\":\"a\",\"timestamp\":\"2025-06-24T18:42:00+02:00\",\"cpu\":1,"
                                + "\"memory\":2,\"disk\":3}");
        assertThat(offset.timestamp)
                .isEqualTo(Instant.parse("2025-06-24T16:42:00Z").toEpochMilli());
    }

    @Test
    void roundTripsThroughTheWireFormat() throws Exception {
        Sample s =
                new Sample("web-01", 1750783320123L, 12.5, 40.25, 77.0)
                        .withExtra("disk_io", 3.5)
                        .withInjected("memory_leak");
        assertThat(SampleJson.parse(SampleJson.toJson(s))).isEqualTo(s);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "empty| ``| empty record",
                "blank| `   `| empty record",
                "not json| hello| not valid JSON",
                "truncated| `{\"host\":\"a\",`| not valid JSON",
                "array| `[1,2]`| not a JSON object",
                "missing cpu| `{\"host\":\"a\",\"timestamp\":1750783320000,\"memory\":1,\"disk\":1}`|"
                        + " missing required field 'cpu'",
                "missing host| `{\"timestamp\":1750783320000,\"cpu\":1,\"memory\":1,\"disk\":1}`|"
                        + " missing required field 'host'",
                "NaN literal| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":NaN,\"memory\":1,"
                        + "\"disk\":1}`| not valid JSON",
                "NaN string| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":\"NaN\","
                        + "\"memory\":1,\"disk\":1}`| field 'cpu' must be a number",
                "negative| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":-1,\"memory\":1,"
                        + "\"disk\":1}`| field 'cpu' must be a percentage between 0 and 100",
                "over 100| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":1,\"memory\":100.01,"
                        + "\"disk\":1}`| field 'memory' must be a percentage between 0 and 100",
                "huge| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":1,\"memory\":1,"
                        + "\"disk\":1e999}`| field 'disk' must be a finite number",
                "bad host| `{\"host\":\"web 01;drop\",\"timestamp\":1750783320000,\"cpu\":1,"
                        + "\"memory\":1,\"disk\":1}`| field 'host' must be a string",
                "epoch seconds| `{\"host\":\"a\",\"timestamp\":1750783320,\"cpu\":1,\"memory\":1,"
                        + "\"disk\":1}`| field 'timestamp' is out of range",
                "bad timestamp| `{\"host\":\"a\",\"timestamp\":\"yesterday\",\"cpu\":1,\"memory\":1,"
                        + "\"disk\":1}`| field 'timestamp' is not an ISO-8601 instant",
                "duplicate| `{\"host\":\"a\",\"host\":\"b\",\"timestamp\":1750783320000,\"cpu\":1,"
                        + "\"memory\":1,\"disk\":1}`| duplicate field 'host'",
                "string extra| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":1,\"memory\":1,"
                        + "\"disk\":1,\"region\":\"eu\"}`| field 'region' must be a number",
                "trailing| `{\"host\":\"a\",\"timestamp\":1750783320000,\"cpu\":1,\"memory\":1,"
                        + "\"disk\":1} {}`| trailing content",
            })
    void refusesMalformedRecordsWithAReason(String kind, String json, String reason) {
        assertThatThrownBy(() -> parse(json == null ? "" : json))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void refusesBinaryGarbage() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0x80};
        assertThatThrownBy(() -> SampleJson.parse(garbage))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> SampleJson.parse(null))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessage("empty record");
    }

    @ParameterizedTest
    @CsvSource({
        "+999999999-12-31T23:59+01:00",
        "-999999999-01-01T00:00-18:00",
        "+999999999-12-31T23:59:59Z",
        "+1000000000-12-31T23:59:59.999999999Z",
        "1999-12-31T23:59:59.999Z",
        "2100-01-01T00:00:00Z",
        "2100-01-01T01:00:00+01:00"
    })
    void aTimestampOutsideTheRangeIsRefusedHoweverFarOut(String timestamp) {
        // java.time reads these; epoch milliseconds of the first three overflow a long
        assertThatThrownBy(
                        () ->
                                parse(
                                        "{\"host\":\"a\",\"timestamp\":\""
                                                + timestamp
                                                + "\",\"cpu\":1,\"memory\":1,\"disk\":1}"))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith("field 'timestamp' is out of range");
    }

    @Test
    void invalidUtf8ExcessiveNestingAndOverlongTokensAreReasonsNotCrashes() {
        byte[] badUtf8 =
                concat(
                        "{\"host\":\"".getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xC3, 0x28, (byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        "\",\"timestamp\":1750783320000,\"cpu\":1,\"memory\":1,\"disk\":1}"
                                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> SampleJson.parse(badUtf8))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith("not valid JSON");
        String deepObject = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThatThrownBy(() -> parse(deepObject)).isInstanceOf(InvalidSampleException.class);
        String deepArray = "[".repeat(100_000);
        assertThatThrownBy(() -> parse(deepArray))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessage("not a JSON object");
        String longName = "{\"" + "a".repeat(60_000) + "\":1}";
        assertThatThrownBy(() -> parse(longName)).isInstanceOf(InvalidSampleException.class);
        String longNumber = "{\"host\":\"a\",\"cpu\":1" + "0".repeat(2_000) + "}";
        assertThatThrownBy(() -> parse(longNumber))
                .isInstanceOf(InvalidSampleException.class)
                .hasMessageStartingWith("not valid JSON");
    }

    /**
     * Seeded fuzzing: mutated valid samples and hostile timestamps must each end as a Sample or an
     * InvalidSampleException, never as any other exception (which would fail the job's source).
     */
    @Test
    void everyInputEndsAsASampleOrAReason() {
        java.util.Random random = new java.util.Random(20250624L);
        String[] timestamps = {
            "\"+999999999-12-31T23:59+01:00\"",
            "\"-999999999-01-01T00:00:00-18:00\"",
            "\"+999999999-12-31T23:59:59.999999999Z\"",
            "\"2025-06-24T16:42:00+18:00\"",
            "\"2025-06-24T16:42:00.123456789-18:00\"",
            "9223372036854775807",
            "-9223372036854775808",
            "99999999999999999999999",
            "1.7976931348623157E308",
            "-0",
            "1750783320000",
        };
        int samples = 0;
        for (int i = 0; i < 20_000; i++) {
            String json =
                    "{\"host\":\"web-01\",\"timestamp\":"
                            + timestamps[random.nextInt(timestamps.length)]
                            + ",\"cpu\":12.5,\"memory\":40,\"disk\":77,\"disk_io\":3.5}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0:
                        bytes[at] = (byte) random.nextInt(256);
                        break;
                    case 1:
                        bytes = java.util.Arrays.copyOf(bytes, at);
                        break;
                    default:
                        bytes = concat(java.util.Arrays.copyOf(bytes, at), bytes);
                }
                if (bytes.length == 0) {
                    break;
                }
            }
            try {
                SampleJson.parse(bytes);
                samples++;
            } catch (InvalidSampleException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "input " + new String(bytes, StandardCharsets.ISO_8859_1) + " threw " + e,
                        e);
            }
        }
        assertThat(samples).as("some inputs stay valid").isPositive();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({
        "2025-06-24T16:42:00Z",
        "2025-06-24T16:42:00.1Z",
        "2025-06-24T16:42:00.12Z",
        "2025-06-24T16:42:00.123Z",
        "2025-06-24T16:42:00.123456789Z",
        "2000-01-01T00:00:00Z",
        "2024-02-29T23:59:59.999Z",
        "2099-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z"
    })
    void theFastInstantParserAgreesWithJavaTime(String text) {
        assertThat(SampleJson.parseUtcInstant(text)).isEqualTo(Instant.parse(text).toEpochMilli());
    }

    @ParameterizedTest
    @CsvSource({
        "2025-02-29T00:00:00Z",
        "2025-13-01T00:00:00Z",
        "2025-06-24T24:00:00Z",
        "2025-06-24T16:42:00+02:00",
        "2025-06-24T16:42:00.Z",
        "2025-06-24 16:42:00Z",
        "2025-06-24T16:42:0xZ"
    })
    void theFastInstantParserLeavesOtherFormsToJavaTime(String text) {
        assertThat(SampleJson.parseUtcInstant(text)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void hostNameRule() {
        assertThat(HostName.isValid("web-01.eu_west")).isTrue();
        assertThat(HostName.isValid("a".repeat(128))).isTrue();
        assertThat(HostName.isValid("a".repeat(129))).isFalse();
        assertThat(HostName.isValid("")).isFalse();
        assertThat(HostName.isValid("wéb")).isFalse();
        assertThat(HostName.isValid("a,b=c")).isFalse();
    }

    @Test
    void lineProtocolOfASample() {
        Sample s = new Sample("web-01", 1750783320000L, 92.3, 88.1, 95.6).withExtra("disk_io", 2);
        assertThat(InfluxSchema.appendSystemMetrics(new StringBuilder(), s).toString())
                .isEqualTo(
                        "system_metrics,host=web-01 cpu=92.3,memory=88.1,disk=95.6,disk_io=2.0"
                                + " 1750783320000");
    }
}
