package com.smartinfra.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the dashboard API from environment variables ({@link ApiConfig}) and stops it gracefully
 * on SIGTERM/SIGINT. Exit status 2 for a configuration error, 1 when the server cannot start.
 */
public final class DashboardApiMain {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardApiMain.class);

    private DashboardApiMain() {}

    public static void main(String[] args) {
        ApiConfig config;
        try {
            config = ApiConfig.fromEnvironment(args);
        } catch (ApiConfigException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.err.println("dashboard-api: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOG.info("starting with {}", config);
        DashboardApi api;
        try {
            api = DashboardApi.start(config);
        } catch (RuntimeException e) {
            LOG.error("cannot start: {}", e.getMessage(), e);
            System.err.println("dashboard-api: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Jetty's threads keep the JVM alive; this hook ends them on SIGTERM (docker stop)
        Runtime.getRuntime().addShutdownHook(new Thread(api::close, "dashboard-api-stop"));
    }
}
