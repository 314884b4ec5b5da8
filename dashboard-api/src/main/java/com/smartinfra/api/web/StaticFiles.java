package com.smartinfra.api.web;

import java.util.Map;
import spark.Service;

/** The dashboard page: the {@code web} module's {@code /public} folder on the classpath. */
public final class StaticFiles {
    public static final String CLASSPATH_FOLDER = "/public";

    /**
     * The page may talk to this server only: scripts, styles, data. Chart.js sets canvas sizes
     * through the CSSOM, which style-src does not restrict.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
                    + " img-src 'self' data:; base-uri 'none'; form-action 'none';"
                    + " frame-ancestors 'none'";

    private StaticFiles() {}

    /** Must run before any route is mapped (a Spark rule). */
    public static void configure(Service http) {
        http.staticFiles.location(CLASSPATH_FOLDER);
        http.staticFiles.headers(
                Map.of(
                        // revalidate: a new build of the page shows up on the next load
                        "Cache-Control", "no-cache",
                        "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                        "X-Content-Type-Options", "nosniff",
                        "Referrer-Policy", "no-referrer"));
    }
}
