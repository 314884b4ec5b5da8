package com.smartinfra.job.ingest;

import com.smartinfra.schema.Sample;
import com.smartinfra.schema.SampleJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded poison for the ingest path: random bytes, truncated JSON, wrong types, overflowing,
 * ancient and future timestamps, values near 1 MiB, oversized keys, deep nesting, invalid UTF-8,
 * empty and null values. A record is {key, value}, its key starting with "poison-<id>|".
 */
public final class PoisonRecords {
    /** The largest poison: just under the producer's 1 MiB request limit. */
    public static final int NEAR_ONE_MIB = 1_048_400;

    private static final String[] OVERFLOWING = {
        "\"+999999999-12-31T23:59+01:00\"",
        "\"-999999999-01-01T00:00-18:00\"",
        "\"+999999999-12-31T23:59:59.999999999Z\"",
        "99999999999999999999",
        "9223372036854775807",
        "-9223372036854775808",
        "1e300",
    };

    /** None is a number, an ISO-8601 string or a host name. */
    private static final String[] WRONG_TYPES = {
        "\"1 2\"", "true", "null", "[1]", "{\"v\":1}", "\"\"",
    };

    private final Random random;
    private final List<Sample> valid;

    public PoisonRecords(Random random, List<Sample> valid) {
        this.random = random;
        this.valid = valid;
    }

    public static int idOf(byte[] key) {
        String k = new String(key, StandardCharsets.ISO_8859_1);
        return Integer.parseInt(k.substring("poison-".length(), k.indexOf('|')));
    }

    /** Poison number {@code id}: {key, value}; {@code huge}: a value near 1 MiB. */
    public byte[][] record(int id, boolean huge) {
        byte[] key = ("poison-" + id + "|").getBytes(StandardCharsets.UTF_8);
        if (huge) {
            return new byte[][] {key, hugeValue()};
        }
        byte[] value;
        switch (random.nextInt(11)) {
            case 0:
                value = randomBytes(1 + random.nextInt(4096));
                break;
            case 1:
                byte[] json = json();
                value = Arrays.copyOf(json, 1 + random.nextInt(json.length - 1));
                break;
            case 2:
                value = withField(pick(new String[] {"host", "timestamp", "cpu", "disk"}));
                break;
            case 3:
                value = withTimestamp(pick(OVERFLOWING));
                break;
            case 4:
                value = withTimestamp(ancientTimestamp());
                break;
            case 5:
                value = nested();
                break;
            case 6:
                value = invalidUtf8();
                break;
            case 7:
                value = new byte[0];
                break;
            case 8:
                value = null;
                break;
            case 9:
                // a key far over its bound, with a poison value
                key = concat(key, randomBytes(5_000 + random.nextInt(20_000)));
                value = randomBytes(1 + random.nextInt(64));
                break;
            default:
                value = withTimestamp("\"" + Instant.now().plus(Duration.ofHours(2)) + "\"");
        }
        return new byte[][] {key, value};
    }

    private byte[] hugeValue() {
        if (random.nextBoolean()) {
            byte[] b = randomBytes(NEAR_ONE_MIB - random.nextInt(50_000));
            b[0] = '#';
            return b;
        }
        // a sample with a ~1 MiB string field, well-formed JSON
        String json = new String(json(), StandardCharsets.UTF_8);
        String pad = ",\"note\":\"" + "x".repeat(NEAR_ONE_MIB - json.length() - 11) + "\"}";
        return (json.substring(0, json.length() - 1) + pad).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] json() {
        return SampleJson.toJson(valid.get(random.nextInt(valid.size())));
    }

    private byte[] withField(String field) {
        String json = new String(json(), StandardCharsets.UTF_8);
        return json.replaceFirst(
                        "\"" + field + "\":(\"[^\"]*\"|[^,}]*)",
                        "\"" + field + "\":" + pick(WRONG_TYPES).replace("$", "\\$"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] withTimestamp(String timestamp) {
        String json = new String(json(), StandardCharsets.UTF_8);
        return json.replaceFirst("\"timestamp\":\"[^\"]*\"", "\"timestamp\":" + timestamp)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Before 2000, epoch seconds, or inside the range but older than the maximum age. */
    private String ancientTimestamp() {
        switch (random.nextInt(4)) {
            case 0:
                return "\"1999-12-31T23:59:59Z\"";
            case 1:
                return Long.toString(Instant.now().getEpochSecond());
            case 2:
                return "\"2000-01-01T00:00:00Z\"";
            default:
                return Long.toString(
                        Instant.now()
                                .minus(Duration.ofDays(8 + random.nextInt(300)))
                                .toEpochMilli());
        }
    }

    private byte[] nested() {
        // past Jackson's nesting limit (1000)
        int depth = 1_001 + random.nextInt(4_000);
        String s =
                random.nextBoolean()
                        ? "{\"host\":\"web-01\",\"cpu\":" + "[".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8() {
        byte[][] bad = {
            {(byte) 0xC3, 0x28},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xFF},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0x80}
        };
        String json = new String(json(), StandardCharsets.UTF_8);
        int at = json.indexOf("\"host\":\"") + 8;
        return concat(
                json.substring(0, at).getBytes(StandardCharsets.UTF_8),
                bad[random.nextInt(bad.length)],
                json.substring(at).getBytes(StandardCharsets.UTF_8));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
