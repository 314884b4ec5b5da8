package com.smartinfra.job.alert;

import com.smartinfra.job.config.InvalidConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Finds the Slack incoming-webhook URL on the TaskManager: the file named by {@code
 * alert.slack.webhook-url-file}, else the file named by {@value AlertConfig#WEBHOOK_URL_FILE_ENV},
 * else {@value AlertConfig#WEBHOOK_URL_ENV}; none of them means alerts are recorded but not sent.
 * The URL is a secret (whoever has it can post to the channel): it never appears in a log line, an
 * exception message or the job graph.
 */
final class SlackWebhook {
    private SlackWebhook() {}

    /** The webhook, or null when none is configured. */
    static URI resolve(AlertConfig config, Function<String, String> env) {
        String url;
        String source;
        if (config.webhookUrlFile != null) {
            source = "alert.slack.webhook-url-file";
            url = readFile(config.webhookUrlFile, "Setting '" + source + "'");
        } else if (!blank(env.apply(AlertConfig.WEBHOOK_URL_FILE_ENV))) {
            source = AlertConfig.WEBHOOK_URL_FILE_ENV;
            url =
                    readFile(
                            env.apply(AlertConfig.WEBHOOK_URL_FILE_ENV).strip(),
                            "Environment variable " + source);
        } else if (!blank(env.apply(AlertConfig.WEBHOOK_URL_ENV))) {
            source = AlertConfig.WEBHOOK_URL_ENV;
            url = env.apply(AlertConfig.WEBHOOK_URL_ENV).strip();
        } else {
            return null;
        }
        try {
            URI u = new URI(url);
            if (("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                    && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // fall through: the message must not quote the URL
        }
        throw new InvalidConfigurationException(
                "The Slack webhook URL from "
                        + source
                        + " is not an http(s) URL (it should look like"
                        + " https://hooks.slack.com/services/T.../B.../...).");
    }

    private static String readFile(String file, String what) {
        try {
            String s = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            if (s.isEmpty()) {
                throw new InvalidConfigurationException(
                        what + " names an empty file: " + file + ".");
            }
            return s;
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidConfigurationException) {
                throw (InvalidConfigurationException) e;
            }
            throw new InvalidConfigurationException(
                    what
                            + " names a file that cannot be read: "
                            + file
                            + " ("
                            + e.getClass().getSimpleName()
                            + ").");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Removes the webhook URL (and its secret path) from a text that is about to be logged. */
    static String redact(String text, URI webhook) {
        if (text == null || webhook == null) {
            return text;
        }
        String out = text.replace(webhook.toString(), "<webhook>");
        String path = webhook.getRawPath();
        if (path != null && path.length() > 1) {
            out = out.replace(path, "/<redacted>");
        }
        return out;
    }
}
