package com.smartinfra.api.influx;

import com.smartinfra.schema.HostName;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.SilenceCommand;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the pieces of InfluxQL statements. Nothing from a request reaches a statement as free
 * text: times are numbers, and every string passed its charset check again here (a host name needs
 * no quoting; a reason may only carry characters that are literal in a regular expression, except
 * {@code .}, which is escaped).
 */
public final class InfluxQl {
    /** What a reason filter may contain: rule names like {@code cpu>85}, {@code model}. */
    public static final Pattern REASON = Pattern.compile("[A-Za-z0-9_.<>=]{1,64}");

    /**
     * An alert cause, the {@code cause} tag of alerts: {@code cpu}, {@code model}, {@code nodata}.
     */
    public static final Pattern CAUSE = SilenceCommand.CAUSE;

    /** A window label of host_stats: {@code 1m}, {@code 15m}, {@code 1h}. */
    public static final Pattern WINDOW = Pattern.compile("[0-9]{1,9}(ms|s|m|h|d)");

    private InfluxQl() {}

    /** {@code SELECT <what> FROM "<measurement>" WHERE time >= ..ms AND time < ..ms}. */
    public static StringBuilder select(
            String what, String measurement, long sinceMs, long untilMs) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("SELECT ").append(what).append(" FROM \"").append(measurement).append('"');
        sb.append(" WHERE time >= ").append(sinceMs).append("ms");
        sb.append(" AND time < ").append(untilMs).append("ms");
        return sb;
    }

    /** {@code AND "host" = '<host>'} when host is not null. */
    public static StringBuilder andHost(StringBuilder sb, String host) {
        if (host != null && !HostName.isValid(host)) {
            throw new IllegalArgumentException("unvalidated host name");
        }
        return andTag(sb, InfluxSchema.TAG_HOST, host);
    }

    /** {@code AND "window" = '<window>'} when window is not null. */
    public static StringBuilder andWindow(StringBuilder sb, String window) {
        if (window != null && !WINDOW.matcher(window).matches()) {
            throw new IllegalArgumentException("unvalidated window label");
        }
        return andTag(sb, InfluxSchema.TAG_WINDOW, window);
    }

    /**
     * {@code AND "<column>" = '<value>'} (a tag or a string field) when value is not null; {@code
     * value} must match {@code charset}, which must keep quotes and backslashes out.
     */
    public static StringBuilder andEquals(
            StringBuilder sb, String column, String value, Pattern charset) {
        if (value != null && !charset.matcher(value).matches()) {
            throw new IllegalArgumentException("unvalidated value of " + column);
        }
        return andTag(sb, column, value);
    }

    /** {@code AND "<tag>" = '<value>'} for a value already checked against its charset. */
    private static StringBuilder andTag(StringBuilder sb, String tag, String value) {
        if (value != null) {
            sb.append(" AND \"").append(tag).append("\" = '").append(value).append('\'');
        }
        return sb;
    }

    /**
     * {@code AND "reason" =~ /.../} matching a reason that lists {@code reason} as one of its
     * comma-separated rules, exactly ({@code cpu>85}) or as the metric the rule is on ({@code cpu}
     * matches {@code cpu>85} and {@code cpu>90}, not {@code cpu_steal>5}).
     */
    public static StringBuilder andReason(StringBuilder sb, String reason) {
        if (reason != null) {
            if (!REASON.matcher(reason).matches()) {
                throw new IllegalArgumentException("unvalidated reason");
            }
            sb.append(" AND \"").append(InfluxSchema.FIELD_REASON).append("\" =~ /(^|,)");
            sb.append(reason.replace(".", "\\."));
            sb.append("([<>=][^,]*)?(,|$)/");
        }
        return sb;
    }

    /** What a field name may be where a statement names one: the schema's own field names. */
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** The tags a statement may group by. */
    private static final Set<String> GROUP_TAGS =
            Set.of(InfluxSchema.TAG_HOST, InfluxSchema.TAG_WINDOW, InfluxSchema.TAG_CAUSE);

    /**
     * {@code sum("<f>") AS "<f>", ...}: each field summed under its own name, so that an aggregate
     * row reads like a point. Field names come from the schema, never from a request.
     */
    public static String sums(String... fields) {
        StringBuilder sb = new StringBuilder(32 * fields.length);
        for (String f : fields) {
            if (!FIELD.matcher(f).matches()) {
                throw new IllegalArgumentException("not a field name");
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("sum(\"").append(f).append("\") AS \"").append(f).append('"');
        }
        return sb.toString();
    }

    /** {@code GROUP BY "<tag>", ...}: one series per combination, its tags in the series' tags. */
    public static StringBuilder groupBy(StringBuilder sb, String... tags) {
        sb.append(" GROUP BY ");
        for (int i = 0; i < tags.length; i++) {
            if (!GROUP_TAGS.contains(tags[i])) {
                throw new IllegalArgumentException("not a tag to group by");
            }
            sb.append(i == 0 ? "\"" : ", \"").append(tags[i]).append('"');
        }
        return sb;
    }

    /** {@code GROUP BY "host"}: one series per host, the host in the series' tags. */
    public static StringBuilder groupByHost(StringBuilder sb) {
        return sb.append(" GROUP BY \"").append(InfluxSchema.TAG_HOST).append('"');
    }

    /**
     * {@code ORDER BY time DESC LIMIT <limit>}: the newest {@code limit} points (of each series
     * when grouped), so when a window holds more, the newest win.
     */
    public static StringBuilder newestFirst(StringBuilder sb, int limit) {
        return sb.append(" ORDER BY time DESC LIMIT ").append(limit);
    }
}
