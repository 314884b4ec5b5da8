package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.Alerts.T0;
import static com.smartinfra.job.alert.Alerts.item;
import static com.smartinfra.job.alert.Alerts.notification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackMessageRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackMessageRenderer renderer =
            new SlackMessageRenderer(
                    Alerts.config(
                            Map.of(
                                    "alert.dashboard-url",
                                    "http://dash.example:8080",
                                    "alert.runbook-url-template",
                                    "https://wiki.example/runbooks/{cause}?host={host}")));

    private JsonNode render(Notification n) throws Exception {
        return JSON.readTree(renderer.payload(n, false));
    }

    @Test
    void aFiringMessageKeepsTheSeedsFirstLinesAndSaysWhatWhereWhyAndWhereToLook() throws Exception {
        AlertItem cpu = item("web-01", "cpu", NotificationKind.FIRING, T0);
        JsonNode p = render(notification("web-01#1", cpu));

        String text = p.get("text").asText();
        assertThat(text.lines().toList().subList(0, 2))
                .containsExactly(
                        "ALERT! High metrics detected:",
                        "CPU = 92.3% | Mem = 88.1% | Disk = 95.6%");
        assertThat(text)
                .contains("CRITICAL FIRING web-01 cpu")
                .contains("(expected 20.0–45.0%)")
                .contains("value 92.3 (limit 85.0), score 92.30")
                .contains("since 2025-06-24T16:42:00Z")
                .contains("id web-01|cpu|" + T0 + "|0")
                .contains("Runbook: https://wiki.example/runbooks/cpu?host=web-01")
                .contains("Dashboard: http://dash.example:8080/#host=web-01");

        JsonNode blocks = p.get("blocks");
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("type").asText()).isEqualTo("plain_text");
        assertThat(blocks.get(0).get("text").get("text").asText()).contains("ALERT web-01: cpu");
        assertThat(blocks.get(1).get("text").get("text").asText())
                .isEqualTo(
                        "*ALERT! High metrics detected:*\nCPU = 92.3% | Mem = 88.1% | Disk = 95.6%");
        String section = blocks.get(3).get("text").get("text").asText();
        assertThat(section)
                .contains("*CRITICAL · FIRING · cpu* on `web-01`")
                // the rule's '>' is escaped for mrkdwn
                .contains("cpu 92.3% &gt; 85 (expected 20.0–45.0%)")
                .contains("cpu&gt;85: value 92.3 (limit 85.0)")
                .contains("<https://wiki.example/runbooks/cpu?host=web-01|Runbook: cpu>");
        assertThat(blocks.get(4).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(4).get("elements").get(0).get("text").asText())
                .contains("web-01|cpu|" + T0 + "|0");
        JsonNode footer = blocks.get(blocks.size() - 1);
        assertThat(footer.get("elements").get(0).get("text").asText())
                .contains("<http://dash.example:8080/#host=web-01|Dashboard for web-01>")
                .contains("message web-01#1");
    }

    @Test
    void resolvedNoDataModelAndSilencedItemsAreRenderedForWhatTheyAre() throws Exception {
        AlertItem resolved = item("db-02", "disk", NotificationKind.RESOLVED, T0);
        JsonNode p = render(notification("db-02#7", resolved));
        assertThat(p.get("text").asText())
                .startsWith("RESOLVED: back to normal on db-02:\n")
                .contains("RESOLVED db-02 disk")
                .contains("resolved 2025-06-24T16:42:00Z (after 2m)");
        assertThat(p.get("blocks").get(0).get("text").get("text").asText())
                .contains("RESOLVED db-02: disk");

        AlertItem noData = item("db-02", Causes.NO_DATA, NotificationKind.FIRING, T0);
        noData.value = 185;
        noData.threshold = 120;
        noData.explanation = "No data from db-02 for 3m 5s";
        assertThat(renderer.text(notification("db-02#8", noData)))
                .startsWith("ALERT! No data from db-02:\nLast sample: CPU = 92.3%")
                .contains("silent for 3m 5s (limit 2m)");

        AlertItem model = item("db-02", Causes.MODEL, NotificationKind.REPEAT, T0);
        model.score = 0.7123;
        model.threshold = 0.65;
        model.modelVersion = 3;
        AlertItem silenced = item("db-02", "memory", NotificationKind.FIRING, T0);
        silenced.silenced = true;
        String text = renderer.text(notification("db-02#9", model, silenced));
        assertThat(text)
                .contains("WARNING STILL FIRING db-02 model")
                .contains("score 0.712 (threshold 0.650, model v3)")
                .doesNotContain("memory");
    }

    @Test
    void whatDoesNotFitInFullIsListedOneShortLineEachInOrderSoNoResolveIsHidden() throws Exception {
        // a fleet update: 14 resolves and a new alert of a host whose previous one resolved
        List<AlertItem> items = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            AlertItem a = item("web-" + i, "memory", NotificationKind.RESOLVED, T0 + i);
            a.explanation = "memory 94.7 % above the 90 % limit — expected 48.4–53.5 % ".repeat(3);
            items.add(a);
        }
        AlertItem next = item("web-13", "memory", NotificationKind.FIRING, T0 + 99);
        next.since = next.time;
        items.add(next);
        Notification n = notification("fleet-1#7", items.toArray(new AlertItem[0]));

        String text = renderer.text(n);
        assertThat(text.length()).isLessThanOrEqualTo(SlackMessageRenderer.MAX_TEXT);
        assertThat(text)
                .doesNotContain("… and ")
                .contains("\nCRITICAL RESOLVED web-13 memory | id ");
        int at = -1;
        for (AlertItem i : items) {
            int found = text.indexOf("| id " + i.id());
            assertThat(found).as("%s shown after the one before", i.id()).isGreaterThan(at);
            at = found;
        }
        StringBuilder blocksText = new StringBuilder();
        for (JsonNode b : JSON.readTree(renderer.payload(n, false)).get("blocks")) {
            blocksText.append(b.has("text") ? b.get("text").get("text").asText() : "");
            blocksText.append(
                    b.has("elements") ? b.get("elements").get(0).get("text").asText() : "");
        }
        at = -1;
        for (AlertItem i : items) {
            int found = blocksText.indexOf(i.id());
            assertThat(found).as("%s in the blocks after the one before", i.id()).isGreaterThan(at);
            at = found;
        }
    }

    @Test
    void hugeGroupsStayWithinSlacksLimitsAndSayWhatWasLeftOut() throws Exception {
        List<AlertItem> items = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            AlertItem a = item("web-01", "metric_" + i, NotificationKind.FIRING, T0 + i);
            // long, with escapes and emoji (surrogate pairs) to cut through
            a.explanation = "🔥 load > limit & rising <fast> ".repeat(200);
            items.add(a);
        }
        Notification n = notification("web-01#2", items.toArray(new AlertItem[0]));
        String payload = renderer.payload(n, false);
        JsonNode p = JSON.readTree(payload);
        JsonNode blocks = p.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        int total = 0;
        for (JsonNode b : blocks) {
            if (b.has("text")) {
                String t = b.get("text").get("text").asText();
                total += t.length();
                int max = b.get("type").asText().equals("header") ? 150 : 3000;
                assertThat(t.length()).isLessThanOrEqualTo(max);
                assertWellFormed(t);
            }
            if (b.has("elements")) {
                String t = b.get("elements").get(0).get("text").asText();
                total += t.length();
                assertThat(t.length()).isLessThanOrEqualTo(2000);
            }
        }
        assertThat(total).isLessThanOrEqualTo(SlackMessageRenderer.BLOCKS_BUDGET);
        String last = blocks.get(blocks.size() - 2).get("text").get("text").asText();
        assertThat(last).matches("… and \\d+ more notifications for web-01: see the dashboard\\.");
        String text = p.get("text").asText();
        assertThat(text.length()).isLessThanOrEqualTo(SlackMessageRenderer.MAX_TEXT);
        assertThat(text).startsWith("ALERT! High metrics detected:\n").contains("… and ");
        assertWellFormed(text);

        assertThat(JSON.readTree(renderer.payload(n, true)).has("blocks")).isFalse();
    }

    @Test
    void cuttingNeverSplitsACharacterAnEscapeOrALink() {
        assertThat(SlackText.fit("abcdef", 6)).isEqualTo("abcdef");
        assertThat(SlackText.fit("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(SlackText.fit("abcd🔥xyz", 6)).isEqualTo("abcd…");
        assertThat(SlackText.fit("ab&amp;cdef", 6)).isEqualTo("ab…");
        assertThat(SlackText.fit("ab <http://x|y> cd", 10)).isEqualTo("ab …");
        assertThat(SlackText.escape("a<b>&c")).isEqualTo("a&lt;b&gt;&amp;c");
        assertThat(SlackText.link("http://x/a b|c", "Run|book"))
                .isEqualTo("<http://x/a%20b%7Cc|Run¦book>");
    }

    private static void assertWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                        .as("surrogate pair at %d", i)
                        .isTrue();
            }
        }
        int amp = s.lastIndexOf('&');
        if (amp >= 0) {
            assertThat(s.substring(amp)).matches("(?s)&(amp|lt|gt);.*");
        }
        assertThat(s.chars().filter(c -> c == '<').count())
                .isEqualTo(s.chars().filter(c -> c == '>').count());
    }

    @Test
    void aFleetMessageListsItsHostsAndEachHostsCauseAndExplanation() throws Exception {
        Notification n =
                notification(
                        "fleet#0",
                        item("web-01", "cpu", NotificationKind.FIRING, T0),
                        item("db-01", "model", NotificationKind.FIRING, T0 + 3000));
        n.host = "fleet-1";
        n.fleetIncident = "fleet-1";
        n.fleetStage = FleetStage.OPENED;
        n.fleetHosts = new String[] {"web-01", "db-01"};
        JsonNode p = render(n);

        String text = p.get("text").asText();
        assertThat(text.lines().toList().subList(0, 4))
                .containsExactly(
                        "ALERT! Fleet incident: 2 hosts turned anomalous together:",
                        "Hosts: web-01, db-01",
                        "CRITICAL FIRING web-01 cpu: cpu 92.3% &gt; 85 (expected 20.0–45.0%) |"
                                + " cpu&gt;85: value 92.3 (limit 85.0), score 92.30 · since"
                                + " 2025-06-24T16:42:00Z | id web-01|cpu|"
                                + T0
                                + "|0",
                        "Runbook: https://wiki.example/runbooks/cpu?host=web-01");
        assertThat(text).contains("FIRING db-01 model").doesNotContain("Dashboard:");
        assertThat(p.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo(":rotating_light: FLEET INCIDENT fleet-1: 2 hosts (web-01, db-01)");

        n.fleetStage = FleetStage.RESOLVED;
        assertThat(renderer.text(n))
                .startsWith("RESOLVED: fleet incident fleet-1 is over on all 2 hosts:");
    }
}
