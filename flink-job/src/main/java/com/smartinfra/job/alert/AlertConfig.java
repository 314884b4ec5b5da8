package com.smartinfra.job.alert;

import com.smartinfra.job.config.InvalidConfigurationException;
import com.smartinfra.job.config.OptionReader;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The alerting settings ({@code alert.*}, declared in {@link AlertOptions}), read once and
 * validated before any operator is built.
 *
 * <p>The job reads it with {@link #read} from all its settings; {@link #fromMap} reads it from
 * {@code alert.*} settings alone (tests, the evaluation). The Slack webhook URL is a secret and not
 * a setting: it is read on the TaskManager from {@value #WEBHOOK_URL_ENV} or from the file named by
 * {@value #WEBHOOK_URL_FILE_ENV} (or by {@code alert.slack.webhook-url-file}).
 */
public final class AlertConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Environment variable holding the Slack incoming-webhook URL. */
    public static final String WEBHOOK_URL_ENV = "SLACK_WEBHOOK_URL";

    /** Environment variable naming a file that holds the Slack incoming-webhook URL. */
    public static final String WEBHOOK_URL_FILE_ENV = "SLACK_WEBHOOK_URL_FILE";

    private static final String DASHBOARD_EXAMPLE = "http://dashboard:4567";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)\\}");

    public final boolean enabled;
    public final Duration fireAfterThreshold;
    public final Duration fireAfterModel;
    public final Duration resolveAfter;
    public final Duration repeatInterval;

    /**
     * The forest of a host younger than this (event time since its first sample) judges but pages
     * only a strong breach at two samples in a row (a ramp): trained on minutes of data, it calls
     * ordinary variation anomalous.
     */
    public final Duration modelLearningPeriod;

    /** A weak model alert pages once its breach has lasted this long (persistence). */
    public final Duration modelPageAfter;

    /**
     * A model alert pages at once when the anomaly's severity reaches this (strength); while the
     * host's model learns, when it holds at two samples in a row.
     */
    public final double modelPageSeverity;

    public final Duration flapWindow;
    public final int flapMaxFlips;
    public final Duration groupWait;

    /** Fold the pages of hosts that turn anomalous together into one fleet incident. */
    public final boolean fleetEnabled;

    /** Hosts paging within {@link #fleetWindow} that make a fleet incident (at least 2). */
    public final int fleetMinHosts;

    /** How close together (event time at the fleet stage) the first pages of its hosts are. */
    public final Duration fleetWindow;

    /**
     * How long a host's first page is held at the fleet stage, so that hosts turning anomalous
     * together go out as one message; it delays every first page by that much.
     */
    public final Duration fleetWait;

    public final Duration noDataAfter;
    public final Duration noDataForgetAfter;

    /**
     * Base URL of the dashboard without a trailing slash (or a {@code {host}} template), or null.
     */
    public final String dashboardUrl;

    /** Runbook URL with {@code {host}} and {@code {cause}} placeholders, or null (no link). */
    public final String runbookUrlTemplate;

    public final String controlTopic;
    public final String controlGroupId;

    /** More active silences than this are refused (the control topic is an input like any). */
    public final int maxActiveSilences;

    /** A file holding the webhook URL (the path is not secret, its content is), or null. */
    public final String webhookUrlFile;

    public final Duration slackSendInterval;
    public final Duration slackRequestTimeout;
    public final Duration slackRetryBackoff;
    public final Duration slackRetryBackoffMax;
    public final int slackMaxOutbox;

    /**
     * Kafka topic recording which messages Slack accepted, so that a restore sends none twice; null
     * (blank setting): no journal.
     */
    public final String slackDeliveryJournalTopic;

    private AlertConfig(OptionReader s) {
        enabled = s.bool(AlertOptions.ENABLED);
        fireAfterThreshold = s.nonNegativeDuration(AlertOptions.FIRE_AFTER_THRESHOLD);
        fireAfterModel = s.nonNegativeDuration(AlertOptions.FIRE_AFTER_MODEL);
        resolveAfter = s.nonNegativeDuration(AlertOptions.RESOLVE_AFTER);
        repeatInterval = s.positiveDuration(AlertOptions.REPEAT_INTERVAL);
        modelLearningPeriod = s.nonNegativeDuration(AlertOptions.MODEL_LEARNING_PERIOD);
        modelPageAfter = s.nonNegativeDuration(AlertOptions.MODEL_PAGE_AFTER);
        modelPageSeverity = s.number(AlertOptions.MODEL_PAGE_SEVERITY, 1, 1000);
        flapWindow = s.positiveDuration(AlertOptions.FLAP_WINDOW);
        flapMaxFlips = s.integer(AlertOptions.FLAP_MAX_FLIPS);
        if (flapMaxFlips < 2) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.flap.max-flips' must be at least 2 (one firing and one"
                            + " resolve are not flapping), was "
                            + flapMaxFlips
                            + ".");
        }
        groupWait = s.nonNegativeDuration(AlertOptions.GROUP_WAIT);
        if (groupWait.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.group-wait' must be at most 10min (it delays every first"
                            + " alert), was "
                            + groupWait
                            + ".");
        }
        fleetEnabled = s.bool(AlertOptions.FLEET_ENABLED);
        fleetMinHosts = s.integer(AlertOptions.FLEET_MIN_HOSTS);
        if (fleetMinHosts < 2) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.fleet.min-hosts' must be at least 2 (one host is not a fleet),"
                            + " was "
                            + fleetMinHosts
                            + ".");
        }
        fleetWindow = s.positiveDuration(AlertOptions.FLEET_WINDOW);
        fleetWait = s.nonNegativeDuration(AlertOptions.FLEET_WAIT);
        if (fleetWait.compareTo(fleetWindow) > 0) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.fleet.wait' must not be longer than 'alert.fleet.window' ("
                            + fleetWindow
                            + ").");
        }
        noDataAfter = s.positiveDuration(AlertOptions.NO_DATA_AFTER);
        noDataForgetAfter = s.positiveDuration(AlertOptions.NO_DATA_FORGET_AFTER);
        if (noDataForgetAfter.compareTo(noDataAfter) <= 0) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.no-data.forget-after' must be longer than 'alert.no-data.after'"
                            + " ("
                            + noDataAfter
                            + ").");
        }
        String dash = s.optional(AlertOptions.DASHBOARD_URL);
        dashboardUrl =
                dash == null
                        ? null
                        : dash.contains("{")
                                ? template(AlertOptions.DASHBOARD_URL.key(), dash, "host")
                                : OptionReader.httpUrl(
                                        AlertOptions.DASHBOARD_URL.key(), dash, DASHBOARD_EXAMPLE);
        String runbook = s.optional(AlertOptions.RUNBOOK_URL_TEMPLATE);
        runbookUrlTemplate =
                runbook == null
                        ? null
                        : template(
                                AlertOptions.RUNBOOK_URL_TEMPLATE.key(), runbook, "host", "cause");
        controlTopic = s.text(AlertOptions.CONTROL_TOPIC);
        controlGroupId = s.text(AlertOptions.CONTROL_GROUP_ID);
        maxActiveSilences = s.positiveInt(AlertOptions.MAX_ACTIVE_SILENCES);
        webhookUrlFile = s.optional(AlertOptions.WEBHOOK_URL_FILE);
        slackSendInterval = s.positiveDuration(AlertOptions.SLACK_SEND_INTERVAL);
        slackRequestTimeout = s.positiveDuration(AlertOptions.SLACK_REQUEST_TIMEOUT);
        slackRetryBackoff = s.positiveDuration(AlertOptions.SLACK_RETRY_BACKOFF);
        slackRetryBackoffMax = s.positiveDuration(AlertOptions.SLACK_RETRY_BACKOFF_MAX);
        if (slackRetryBackoffMax.compareTo(slackRetryBackoff) < 0) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.slack.retry-backoff-max' must not be shorter than"
                            + " 'alert.slack.retry-backoff' ("
                            + slackRetryBackoff
                            + ").");
        }
        slackMaxOutbox = s.integer(AlertOptions.SLACK_MAX_OUTBOX);
        slackDeliveryJournalTopic = s.optional(AlertOptions.SLACK_DELIVERY_JOURNAL_TOPIC);
        if (slackMaxOutbox < 1) {
            throw new InvalidConfigurationException(
                    "Setting 'alert.slack.max-outbox' must be a positive integer, was "
                            + slackMaxOutbox
                            + ".");
        }
    }

    /** Every setting with its default as text ({@code null}: optional, no default). */
    public static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        AlertOptions.ALL.forEach(
                o -> m.put(o.key(), o.hasDefaultValue() ? String.valueOf(o.defaultValue()) : null));
        return Collections.unmodifiableMap(m);
    }

    /**
     * True for the keys of this section: {@code alert.*}, with or without Flink's {@code
     * smartinfra.} prefix (unknown ones among them are then refused by {@link #fromMap}).
     */
    public static boolean isAlertKey(String key) {
        return OptionReader.unprefixed(key).startsWith("alert.");
    }

    /** The defaults alone. */
    public static AlertConfig defaultConfig() {
        return fromMap(Map.of());
    }

    /**
     * Builds from explicit {@code alert.*} settings; defaults fill the rest. Unknown keys are
     * refused so a typo cannot silently fall back to a default.
     */
    public static AlertConfig fromMap(Map<String, String> settings) {
        return read(OptionReader.of(settings, AlertOptions.ALL));
    }

    /** Reads the {@code alert.*} settings from the job's settings. */
    public static AlertConfig read(OptionReader settings) {
        return new AlertConfig(settings);
    }

    /**
     * The dashboard link for one host: {@code alert.dashboard-url} + {@code /#host=<host>}, or the
     * setting with {@code {host}} replaced when it has that placeholder; null when not configured.
     */
    public String dashboardLink(String host) {
        if (dashboardUrl == null) {
            return null;
        }
        return dashboardUrl.contains("{host}")
                ? dashboardUrl.replace("{host}", urlEncode(host))
                : dashboardUrl + "/#host=" + urlEncode(host);
    }

    /** The runbook link for one alert, or null when no template is configured. */
    public String runbookLink(String host, String cause) {
        if (runbookUrlTemplate == null) {
            return null;
        }
        return runbookUrlTemplate
                .replace("{host}", urlEncode(host))
                .replace("{cause}", urlEncode(cause));
    }

    /** Minimum duration of a breach before it fires, by cause. */
    Duration fireAfter(String cause) {
        if (Causes.NO_DATA.equals(cause)) {
            return Duration.ZERO;
        }
        return Causes.MODEL.equals(cause) ? fireAfterModel : fireAfterThreshold;
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static String template(String key, String v, String... placeholders) {
        java.util.List<String> allowed = java.util.List.of(placeholders);
        Matcher m = PLACEHOLDER.matcher(v);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new InvalidConfigurationException(
                        "Setting '"
                                + key
                                + "' may use only the placeholders {"
                                + String.join("} and {", placeholders)
                                + "}, found {"
                                + m.group(1)
                                + "}.");
            }
        }
        String sample = v;
        for (String p : placeholders) {
            sample = sample.replace("{" + p + "}", "x");
        }
        OptionReader.httpUrl(key, sample, DASHBOARD_EXAMPLE);
        return v;
    }

    @Override
    public String toString() {
        return "AlertConfig{groupWait="
                + groupWait
                + ", resolveAfter="
                + resolveAfter
                + ", repeatInterval="
                + repeatInterval
                + ", noDataAfter="
                + noDataAfter
                + ", controlTopic="
                + controlTopic
                + "}";
    }
}
