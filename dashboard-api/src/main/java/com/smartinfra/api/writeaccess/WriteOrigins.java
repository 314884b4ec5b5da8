package com.smartinfra.api.writeaccess;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which browser pages may write. A browser names the page a request comes from in {@code Origin}; a
 * page of this API itself has the origin of the {@code Host} it asked (any scheme, so a TLS proxy
 * in front changes nothing), and the configured CORS origins may write too. A request without
 * {@code Origin} is not from a page (curl, a script): the token is what guards those.
 *
 * <p>Not a defence against DNS rebinding (a hostile name pointed at this address makes the page's
 * origin and Host agree): only {@code API_TOKEN} is.
 */
final class WriteOrigins {
    private static final Pattern ORIGIN =
            Pattern.compile("(https?)://([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(?::([0-9]{1,5}))?");

    private final Set<String> corsOrigins;

    WriteOrigins(Set<String> corsOrigins) {
        this.corsOrigins = corsOrigins;
    }

    /** True when a write with these headers (null when absent) may go ahead. */
    boolean mayWrite(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (corsOrigins.contains(origin)) {
            return true;
        }
        Matcher m = ORIGIN.matcher(origin);
        if (!m.matches() || host == null) {
            return false;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        String defaultPort = scheme.equals("https") ? "443" : "80";
        String port = m.group(3) == null ? defaultPort : m.group(3);
        return (m.group(2) + ":" + port).equalsIgnoreCase(withPort(host.trim(), defaultPort));
    }

    /** {@code host[:port]} with the scheme's default port made explicit. */
    private static String withPort(String host, String defaultPort) {
        int close = host.lastIndexOf(']');
        int colon = host.lastIndexOf(':');
        return colon > close ? host : host + ":" + defaultPort;
    }
}
