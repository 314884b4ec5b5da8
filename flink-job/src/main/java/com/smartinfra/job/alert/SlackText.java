package com.smartinfra.job.alert;

/**
 * Text for Slack's mrkdwn: escaping, links, and cutting to a limit without breaking an escape, a
 * link or a surrogate pair.
 */
final class SlackText {
    private static final String ELLIPSIS = "…";

    private SlackText() {}

    /** A mrkdwn link; characters that would end the link are percent-encoded in the URL. */
    static String link(String url, String label) {
        String safeUrl =
                url.replace(" ", "%20").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
        return "<" + safeUrl + "|" + escape(label).replace("|", "¦") + ">";
    }

    /** Escapes the three characters Slack's mrkdwn treats as control characters. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    b.append("&amp;");
                    break;
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Cuts {@code s} to at most {@code max} characters ending in "…": never inside a surrogate
     * pair, an {@code &amp;}-style escape or a {@code <link|label>}.
     */
    static String fit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        int amp = s.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 6 && s.indexOf(';', amp) >= cut) {
            cut = amp; // inside an entity such as &amp;
        }
        int open = s.lastIndexOf('<', cut - 1);
        if (open >= 0 && s.lastIndexOf('>', cut - 1) < open) {
            cut = open; // inside a link
        }
        return s.substring(0, Math.max(cut, 0)) + ELLIPSIS;
    }
}
