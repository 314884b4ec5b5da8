package com.smartinfra.schema;

import java.util.regex.Pattern;

/**
 * The host-name rule. Restricting names to {@code [A-Za-z0-9._-]{1,128}} means neither InfluxDB
 * line protocol nor an InfluxQL query ever needs escaping.
 */
public final class HostName {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    public static final int MAX_LENGTH = 128;

    private HostName() {}

    /** True when {@code s} is a valid host name. Allocation-free. */
    public static boolean isValid(CharSequence s) {
        if (s == null || s.length() == 0 || s.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isValidChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code raw} made a valid host name, for names taken from real machines (a node_exporter's
     * {@code nodename}, this machine's name, a Telegraf {@code host} tag): every character outside
     * the charset becomes {@code -}, and the name is cut at {@link #MAX_LENGTH}. Null when {@code
     * raw} is null or empty. A valid name comes back unchanged.
     */
    public static String sanitize(CharSequence raw) {
        if (raw == null || raw.length() == 0) {
            return null;
        }
        int n = Math.min(raw.length(), MAX_LENGTH);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            b.append(isValidChar(c) ? c : '-');
        }
        return b.toString();
    }

    private static boolean isValidChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-';
    }
}
