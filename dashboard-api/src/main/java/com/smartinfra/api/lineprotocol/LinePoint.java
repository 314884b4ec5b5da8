package com.smartinfra.api.lineprotocol;

import java.util.Map;

/**
 * One point of InfluxDB line protocol: {@code measurement,tag=v field=1 1700000000000000000}.
 *
 * @param line the 1-based line of the body it came from, for error messages
 * @param tags tag keys to values, unescaped
 * @param fields field keys to {@link Double}, {@link Long} (integer and unsigned), {@link String}
 *     or {@link Boolean}
 * @param timestampMs the point's time in epoch milliseconds, null when the line had none (the
 *     server's time of receipt applies, as in InfluxDB)
 */
public record LinePoint(
        int line,
        String measurement,
        Map<String, String> tags,
        Map<String, Object> fields,
        Long timestampMs) {

    /** A numeric field as a double, or NaN when absent or not a number. */
    public double number(String field) {
        Object v = fields.get(field);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
