package com.smartinfra.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of hostile request input for {@link ApiFuzzITCase}: the same seed gives the same
 * requests, so a failure can be replayed with {@code -Dfuzz.seed=<seed>}.
 */
final class FuzzInput {
    /** Values close to the grammar, including attempts to break out of an InfluxQL literal. */
    private static final List<String> NEAR_GRAMMAR =
            List.of(
                    "web-01",
                    "db-01",
                    "WEB_02.eu",
                    "x' OR '1'='1",
                    "web-01' OR host =~ /.*/ --",
                    "web-01\"; DROP DATABASE metrics",
                    "'; DROP MEASUREMENT system_metrics; --",
                    "\\'",
                    "\\",
                    "/.*/",
                    "cpu>85",
                    "cpu>85' or 1=1",
                    "cpu.*",
                    "cpu|memory",
                    "model",
                    "(^|,)",
                    "1m",
                    "15m",
                    "0s",
                    "500ms",
                    "1w",
                    "999999999d",
                    "99999999999999999999d",
                    "now",
                    "-1",
                    "0",
                    "1750783320000",
                    "4102444800000",
                    "4102444800001",
                    "9223372036854775807",
                    "9223372036854775808",
                    "-9223372036854775808",
                    "1e309",
                    "NaN",
                    "Infinity",
                    "0x10",
                    "2025-06-24T16:42:00Z",
                    "2025-06-24T18:42:00+02:00",
                    "+1000000000-01-01T00:00:00Z",
                    "2025-13-45T99:99:99Z",
                    "firing",
                    "resolved",
                    "sent",
                    "silenced",
                    "*",
                    "sil-0000",
                    "",
                    " ",
                    "null",
                    "undefined",
                    "${jndi:ldap://127.0.0.1/x}",
                    "<script>alert(1)</script>",
                    "../../etc/passwd");

    private static final List<String> PERCENT_GARBAGE =
            List.of(
                    "%",
                    "%z",
                    "%zz",
                    "%%",
                    "%%%",
                    "%C3%28",
                    "%FF%FE",
                    "%00",
                    "%0d%0a",
                    "%2F",
                    "%25",
                    "%E2%80%A8",
                    "%ED%A0%80",
                    "%F4%90%80%80",
                    "%C0%AF",
                    "a%",
                    "%2");

    private final SplittableRandom random;

    FuzzInput(long seed) {
        this.random = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A decoded value of some kind: what a parser may be handed. */
    String value() {
        switch (random.nextInt(7)) {
            case 0:
                return pick(NEAR_GRAMMAR);
            case 1:
                return printable(random.nextInt(60));
            case 2:
                return controlChars(1 + random.nextInt(20));
            case 3:
                return unicode(1 + random.nextInt(30));
            case 4:
                return huge();
            case 5:
                return validHost();
            default:
                return pick(NEAR_GRAMMAR) + printable(random.nextInt(8));
        }
    }

    /**
     * For parameter {@code name}: often a value its grammar accepts, drawn from the whole grammar
     * (so statements get built from generated values), else {@link #value()}.
     */
    String valueFor(String name) {
        if (random.nextInt(100) >= 40) {
            return value();
        }
        switch (name) {
            case "host":
                return validHost();
            case "since":
                return pick(List.of("now", "2d", "90s", "1h", "999999999d"))
                        .replace(
                                "now", Long.toString(1_750_000_000_000L + random.nextInt(1 << 30)));
            case "until":
                return pick(List.of("now", "2100-01-01T00:00:00Z", "4102444800000", "5m"));
            case "limit":
            case "host_limit":
                return Integer.toString(1 + random.nextInt(60_000));
            case "step":
                return (1 + random.nextInt(3_600)) + pick(List.of("s", "m", "h"));
            case "reason":
                return from("ABCXYZabcxyz0189_.<>=", 1 + random.nextInt(20));
            case "cause":
                return from("ABCabcxyz0189._-", 1 + random.nextInt(20));
            case "window":
                return random.nextBoolean()
                        ? pick(List.of("1m", "15m", "24h"))
                        : (1 + random.nextInt(999)) + pick(List.of("ms", "s", "m", "h", "d"));
            case "state":
                return pick(List.of("firing", "resolved"));
            case "status":
                return pick(List.of("sent", "pending", "silenced", "failed", "suppressed"));
            default:
                return value();
        }
    }

    private String from(String chars, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** A value as it goes on the wire: mostly percent-encoded, sometimes raw garbage. */
    String encoded(String value) {
        switch (random.nextInt(10)) {
            case 0:
                return pick(PERCENT_GARBAGE);
            case 1:
                return value.replace("\r", "").replace("\n", "").replace(" ", "+");
            case 2:
                return URLEncoder.encode(value, StandardCharsets.UTF_8) + pick(PERCENT_GARBAGE);
            default:
                return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    /** A host name the grammar accepts (so statements get built from generated values). */
    String validHost() {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(random.nextInt(10) == 0 ? 128 : 16);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
        return sb.toString();
    }

    String printable(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return sb.toString();
    }

    private String controlChars(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(3) == 0 ? 0x7f : random.nextInt(0x20);
            sb.append(random.nextBoolean() ? (char) c : (char) (0x20 + random.nextInt(0x5f)));
        }
        return sb.toString();
    }

    private String unicode(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    sb.appendCodePoint(0x1F600 + random.nextInt(80)); // emoji
                    break;
                case 1:
                    sb.append((char) (0xD800 + random.nextInt(0x800))); // lone surrogate
                    break;
                case 2:
                    sb.append(pick(List.of("\u2028", "\u202e", "\u0000", "\ufeff", "\ufffd")));
                    break;
                case 3:
                    sb.appendCodePoint(0x80 + random.nextInt(0x2000));
                    break;
                default:
                    sb.appendCodePoint(0x4E00 + random.nextInt(0x5000));
            }
        }
        return sb.toString();
    }

    private String huge() {
        switch (random.nextInt(4)) {
            case 0:
                return "9".repeat(20 + random.nextInt(400));
            case 1:
                return "x".repeat(500 + random.nextInt(2_500));
            case 2:
                return validHost() + "a".repeat(200);
            default:
                return "-" + "1".repeat(30);
        }
    }

    /** A request body for a write: near-valid JSON, broken JSON, or bytes. */
    byte[] body(String validJson) {
        switch (random.nextInt(9)) {
            case 0:
                return validJson.getBytes(StandardCharsets.UTF_8);
            case 1:
                return mutateJson(validJson).getBytes(StandardCharsets.UTF_8);
            case 2:
                return ("[".repeat(2_000 + random.nextInt(5_000))).getBytes(StandardCharsets.UTF_8);
            case 3:
                byte[] b = new byte[random.nextInt(2_000)];
                random.nextBytes(b);
                return b;
            case 4:
                return ("{\"host\":\"" + "a".repeat(70_000) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            case 5:
                return ("{\"host\":\"web-01\",\"cpu\":1e999999,\"until\":" + huge() + "}")
                        .getBytes(StandardCharsets.UTF_8);
            case 6:
                return ("{\"" + unicode(5) + "\":\"" + controlChars(10) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            case 7:
                return new byte[0];
            default:
                return validJson
                        .replace("}", ",\"host\":\"dup\"}")
                        .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The valid body with one value swapped for a generated one (as a JSON string or raw). */
    private String mutateJson(String json) {
        int colon = json.indexOf(':', random.nextInt(Math.max(1, json.length() / 2)));
        if (colon < 0) {
            return json;
        }
        int end = json.indexOf(',', colon);
        if (end < 0) {
            end = json.lastIndexOf('}');
        }
        String v = value();
        String replacement =
                random.nextBoolean()
                        ? "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                        : v;
        return json.substring(0, colon + 1) + replacement + json.substring(Math.max(colon, end));
    }
}
