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
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '.'
                            || c == '_'
                            || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
