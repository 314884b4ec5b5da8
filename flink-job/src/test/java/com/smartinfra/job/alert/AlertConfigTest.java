package com.smartinfra.job.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.job.config.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        AlertConfig c = AlertConfig.defaultConfig();
        assertThat(c.enabled).isTrue();
        assertThat(c.fireAfterThreshold).isZero();
        assertThat(c.fireAfterModel).isZero();
        assertThat(c.resolveAfter).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.repeatInterval).isEqualTo(Duration.ofHours(1));
        assertThat(c.flapWindow).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.flapMaxFlips).isEqualTo(4);
        assertThat(c.groupWait).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.noDataAfter).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.noDataForgetAfter).isEqualTo(Duration.ofHours(24));
        assertThat(c.controlTopic).isEqualTo("alert-control");
        assertThat(c.controlGroupId).isEqualTo("smart-infra-alert-control");
        assertThat(c.slackSendInterval).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.slackRequestTimeout).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.slackRetryBackoff).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.slackRetryBackoffMax).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.slackMaxOutbox).isEqualTo(10_000);
        assertThat(c.dashboardUrl).isNull();
        assertThat(c.runbookUrlTemplate).isNull();
        assertThat(c.webhookUrlFile).isNull();
        assertThat(c.dashboardLink("web-01")).isNull();
        assertThat(AlertConfig.defaults()).containsKeys("alert.group-wait", "alert.dashboard-url");
        assertThat(AlertConfig.isAlertKey("smartinfra.alert.repeat-interval")).isTrue();
        assertThat(AlertConfig.isAlertKey("influxdb.url")).isFalse();
    }

    @Test
    void settingsOverrideDefaultsAndBuildLinks() {
        AlertConfig c =
                AlertConfig.fromMap(
                        Map.of(
                                "alert.group-wait", "0s",
                                "smartinfra.alert.repeat-interval", "2h",
                                "alert.dashboard-url", "http://dash.example:8080/",
                                "alert.runbook-url-template",
                                        "https://wiki.example/runbooks/{cause}?host={host}",
                                "alert.fire-after.model", "5min"));
        assertThat(c.groupWait).isZero();
        assertThat(c.repeatInterval).isEqualTo(Duration.ofHours(2));
        assertThat(c.fireAfter(Causes.MODEL)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.fireAfter(Causes.CPU)).isZero();
        assertThat(c.fireAfter(Causes.NO_DATA)).isZero();
        assertThat(c.dashboardLink("web-01")).isEqualTo("http://dash.example:8080/#host=web-01");
        assertThat(c.runbookLink("web-01", "cpu"))
                .isEqualTo("https://wiki.example/runbooks/cpu?host=web-01");

        // a dashboard whose routes look different takes a {host} template
        AlertConfig routed =
                AlertConfig.fromMap(
                        Map.of("alert.dashboard-url", "http://dash:4567/#/host/{host}"));
        assertThat(routed.dashboardLink("db-02")).isEqualTo("http://dash:4567/#/host/db-02");
    }

    @Test
    void unknownAndInvalidSettingsAreRefusedWithASentenceNamingTheSetting() {
        assertRefused(Map.of("alert.group-wiat", "10s"), "Unknown setting 'alert.group-wiat'");
        assertRefused(Map.of("alert.flap.max-flips", "1"), "'alert.flap.max-flips'");
        assertRefused(Map.of("alert.resolve-after", "soon"), "'alert.resolve-after'");
        assertRefused(Map.of("alert.repeat-interval", "0s"), "'alert.repeat-interval'");
        assertRefused(
                Map.of("alert.no-data.after", "2h", "alert.no-data.forget-after", "1h"),
                "'alert.no-data.forget-after'");
        assertRefused(Map.of("alert.dashboard-url", "dash:8080"), "'alert.dashboard-url'");
        assertRefused(
                Map.of("alert.dashboard-url", "http://dash/#/host/{cause}"),
                "'alert.dashboard-url' may use only the placeholders {host}");
        assertRefused(
                Map.of("alert.runbook-url-template", "https://wiki/{metric}"),
                "'alert.runbook-url-template'");
        assertRefused(
                Map.of("alert.slack.retry-backoff", "10s", "alert.slack.retry-backoff-max", "1s"),
                "'alert.slack.retry-backoff-max'");
        assertRefused(Map.of("alert.slack.max-outbox", "0"), "'alert.slack.max-outbox'");
        assertRefused(Map.of("alert.enabled", "yes"), "'alert.enabled'");
    }

    private static void assertRefused(Map<String, String> settings, String mentions) {
        assertThatThrownBy(() -> AlertConfig.fromMap(settings))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(mentions);
    }
}
