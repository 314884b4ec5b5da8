package com.smartinfra.schema;

/** Input quoted back in an error message: bounded, and printable ASCII only. */
public final class Echo {
    private Echo() {}

    /**
     * At most {@code max} characters of {@code s}, each outside printable ASCII replaced by {@code
     * ?}, and {@code ...} when cut; empty for null.
     */
    public static String bounded(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (s.length() > max) {
            sb.append("...");
        }
        return sb.toString();
    }
}
