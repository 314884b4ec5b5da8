package com.smartinfra.job.alert;

import static org.apache.flink.configuration.ConfigOptions.key;

import com.smartinfra.schema.SharedDefaults;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * The {@code alert.*} settings (docs/alerting.md). The Slack webhook URL is a secret and not a
 * setting: the TaskManagers read it from {@code SLACK_WEBHOOK_URL} or a file.
 */
public final class AlertOptions {
    public static final ConfigOption<Boolean> ENABLED =
            key("alert.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription("Whether the job attaches alerting.");

    public static final ConfigOption<Duration> FIRE_AFTER_THRESHOLD =
            key("alert.fire-after.threshold")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription("How long a rule must breach before it fires (0: at once).");

    public static final ConfigOption<Duration> FIRE_AFTER_MODEL =
            key("alert.fire-after.model")
                    .durationType()
                    .defaultValue(Duration.ZERO)
                    .withDescription(
                            "The same for the model. The detector already spaces model anomalies by its cool-down, so keep it 0.");

    public static final ConfigOption<Duration> RESOLVE_AFTER =
            key("alert.resolve-after")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Normal without interruption this long before resolving (hysteresis).");

    public static final ConfigOption<Duration> REPEAT_INTERVAL =
            key("alert.repeat-interval")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription("A firing alert is repeated this often.");

    public static final ConfigOption<Duration> MODEL_LEARNING_PERIOD =
            key("alert.model.learning-period")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "For this much event time after a host's first sample its model learns: its alerts page only when strong at two samples in a row (a ramp), otherwise they are warnings.");

    public static final ConfigOption<Duration> MODEL_PAGE_AFTER =
            key("alert.model.page-after")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(9))
                    .withDescription(
                            "A weak model alert (below the page severity) of a mature model pages once its breach lasted this long (0: at once).");

    public static final ConfigOption<Double> MODEL_PAGE_SEVERITY =
            key("alert.model.page-severity")
                    .doubleType()
                    .defaultValue(2.5)
                    .withDescription(
                            "A model alert pages at once when the anomaly's severity reaches this (1 at the model's threshold, 2 as rare as its contamination squared, 1–1000). While the host's model learns it pages only when this holds at two samples in a row (a ramp).");

    public static final ConfigOption<Duration> FLAP_WINDOW =
            key("alert.flap.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription("Window for counting state changes.");

    public static final ConfigOption<Integer> FLAP_MAX_FLIPS =
            key("alert.flap.max-flips")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "More changes than this within the window: flapping (at least 2).");

    public static final ConfigOption<Duration> GROUP_WAIT =
            key("alert.group-wait")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Notifications of one host within this much event time go out as one message (at most 10 min).");

    public static final ConfigOption<Boolean> FLEET_ENABLED =
            key("alert.fleet.enabled")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Hosts that start paging together (alert.fleet.min-hosts within alert.fleet.window of event time) go out as one fleet message. Decided in event time with ids from each incident's identity, so a restore from a checkpoint sends the same messages (docs/alerting.md). Off: every host message passes unchanged, without the wait.");

    public static final ConfigOption<Integer> FLEET_MIN_HOSTS =
            key("alert.fleet.min-hosts")
                    .intType()
                    .defaultValue(3)
                    .withDescription("Hosts that make a fleet incident (at least 2).");

    public static final ConfigOption<Duration> FLEET_WINDOW =
            key("alert.fleet.window")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "Hosts whose first pages fall within this much event time of each other are one fleet incident.");

    public static final ConfigOption<Duration> FLEET_WAIT =
            key("alert.fleet.wait")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "How long (event time) a host's first page waits for others to join a fleet incident (at most alert.fleet.window).");

    public static final ConfigOption<Duration> NO_DATA_AFTER =
            key("alert.no-data.after")
                    .durationType()
                    .defaultValue(SharedDefaults.NO_DATA_AFTER)
                    .withDescription(
                            "A host silent this long (processing time) gets a nodata alert; set"
                                    + " the API's NO_DATA_AFTER to the same value.");

    public static final ConfigOption<Duration> NO_DATA_FORGET_AFTER =
            key("alert.no-data.forget-after")
                    .durationType()
                    .defaultValue(Duration.ofHours(24))
                    .withDescription("A host silent this long is forgotten.");

    public static final ConfigOption<String> DASHBOARD_URL =
            key("alert.dashboard-url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Dashboard base URL; links are <url>/#host=<host>. A URL with {host} is used as a template instead, e.g. http://localhost:4567/#/host/{host}.");

    public static final ConfigOption<String> RUNBOOK_URL_TEMPLATE =
            key("alert.runbook-url-template")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Runbook link with {host} and {cause}, e.g. https://wiki.example.com/runbooks/{cause}?host={host}.");

    public static final ConfigOption<String> CONTROL_TOPIC =
            key("alert.control-topic")
                    .stringType()
                    .defaultValue(SharedDefaults.ALERT_CONTROL_TOPIC)
                    .withDescription("Kafka topic of silence commands.");

    public static final ConfigOption<String> CONTROL_GROUP_ID =
            key("alert.control-group-id")
                    .stringType()
                    .defaultValue("smart-infra-alert-control")
                    .withDescription(
                            "Consumer group of that topic (offsets committed on checkpoints).");

    public static final ConfigOption<Integer> MAX_ACTIVE_SILENCES =
            key("alert.silences.max-active")
                    .intType()
                    .defaultValue(100)
                    .withDescription("Active silences at most; more are refused.");

    public static final ConfigOption<String> WEBHOOK_URL_FILE =
            key("alert.slack.webhook-url-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "File holding the webhook URL. Otherwise SLACK_WEBHOOK_URL_FILE, then SLACK_WEBHOOK_URL.");

    public static final ConfigOption<Duration> SLACK_SEND_INTERVAL =
            key("alert.slack.send-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("At most one message per interval.");

    public static final ConfigOption<Duration> SLACK_REQUEST_TIMEOUT =
            key("alert.slack.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Time to wait for Slack's answer.");

    public static final ConfigOption<Duration> SLACK_RETRY_BACKOFF =
            key("alert.slack.retry-backoff")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("First retry delay; it doubles, with jitter.");

    public static final ConfigOption<Duration> SLACK_RETRY_BACKOFF_MAX =
            key("alert.slack.retry-backoff-max")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription("Longest retry delay.");

    public static final ConfigOption<Integer> SLACK_MAX_OUTBOX =
            key("alert.slack.max-outbox")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Undelivered messages kept; beyond this the oldest waiting one is dropped.");

    public static final ConfigOption<String> SLACK_DELIVERY_JOURNAL_TOPIC =
            key("alert.slack.delivery-journal-topic")
                    .stringType()
                    .defaultValue("alert-deliveries")
                    .withDescription(
                            "Kafka topic (one partition) recording accepted messages, so a restore sends none twice; blank: no journal.");

    /** Every {@code alert.*} setting, in the order of the reference. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    ENABLED,
                    FIRE_AFTER_THRESHOLD,
                    FIRE_AFTER_MODEL,
                    RESOLVE_AFTER,
                    REPEAT_INTERVAL,
                    MODEL_LEARNING_PERIOD,
                    MODEL_PAGE_AFTER,
                    MODEL_PAGE_SEVERITY,
                    FLAP_WINDOW,
                    FLAP_MAX_FLIPS,
                    GROUP_WAIT,
                    FLEET_ENABLED,
                    FLEET_MIN_HOSTS,
                    FLEET_WINDOW,
                    FLEET_WAIT,
                    NO_DATA_AFTER,
                    NO_DATA_FORGET_AFTER,
                    DASHBOARD_URL,
                    RUNBOOK_URL_TEMPLATE,
                    CONTROL_TOPIC,
                    CONTROL_GROUP_ID,
                    MAX_ACTIVE_SILENCES,
                    WEBHOOK_URL_FILE,
                    SLACK_SEND_INTERVAL,
                    SLACK_REQUEST_TIMEOUT,
                    SLACK_RETRY_BACKOFF,
                    SLACK_RETRY_BACKOFF_MAX,
                    SLACK_MAX_OUTBOX,
                    SLACK_DELIVERY_JOURNAL_TOPIC);

    private AlertOptions() {}
}
