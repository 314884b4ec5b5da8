package com.smartinfra.api.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import spark.Request;
import spark.Response;
import spark.Route;

/**
 * Serves Chart.js from its WebJar on the classpath, so the dashboard makes no request outside this
 * server (no CDN). Loaded once at start: a jar packaged without it fails start-up, not the page.
 */
public final class ChartJsAsset implements Route {
    /** Where the dashboard loads it from. */
    public static final String PATH = "/vendor/chart.umd.js";

    /** The WebJar's Maven metadata: its version names the folder the files sit in. */
    static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";

    private final byte[] script;

    private ChartJsAsset(byte[] script) {
        this.script = script;
    }

    public static ChartJsAsset load() {
        String resource =
                "META-INF/resources/webjars/chart.js/" + webJarVersion() + "/dist/chart.umd.js";
        return new ChartJsAsset(read(resource));
    }

    private static String webJarVersion() {
        Properties p = new Properties();
        try (InputStream in = new ByteArrayInputStream(read(POM_PROPERTIES))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
        String version = p.getProperty("version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException(POM_PROPERTIES + " names no version");
        }
        return version.trim();
    }

    private static byte[] read(String resource) {
        try (InputStream in = ChartJsAsset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Chart.js is not on the classpath ("
                                + resource
                                + "): the org.webjars.npm:chart.js jar is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    @Override
    public Object handle(Request req, Response res) {
        res.type("text/javascript; charset=utf-8");
        res.header("Cache-Control", "public, max-age=86400");
        res.header("X-Content-Type-Options", "nosniff");
        return script;
    }
}
