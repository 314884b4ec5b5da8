package com.smartinfra.job.alert;

import static com.smartinfra.job.alert.SlackItemLines.itemBriefLine;
import static com.smartinfra.job.alert.SlackItemLines.itemTextLine;
import static com.smartinfra.job.alert.SlackItemLines.stateLabel;
import static com.smartinfra.job.alert.SlackText.escape;
import static com.smartinfra.job.alert.SlackText.fit;
import static com.smartinfra.job.alert.SlackText.link;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.smartinfra.schema.HumanDuration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Notification} as a Slack incoming-webhook payload: Block Kit {@code blocks} and
 * a plain-text {@code text} (Slack shows it in notifications and where blocks cannot be shown).
 * Only the items to be sent appear (not the silenced ones).
 *
 * <p>Within Slack's documented limits, with margin: at most 50 blocks, section text at most 3000
 * characters, header text at most 150, and the whole message kept well below the size at which
 * Slack refuses blocks ({@code msg_blocks_too_long}, around 12,000 characters) and truncates {@code
 * text} (40,000; 4,000 recommended). Long texts are cut at a character boundary (never inside a
 * surrogate pair or an {@code &amp;} escape) and end in "…"; notifications that do not fit are
 * summarised in a last "… and N more" line. Text from the detector is escaped for Slack's mrkdwn
 * ({@code & < >}), so a rule named {@code cpu>85} is shown, not parsed.
 */
public final class SlackMessageRenderer {
    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_CONTEXT_TEXT = 2000;
    static final int MAX_EXPLANATION = 1500;

    /** Total characters of all block texts. */
    static final int BLOCKS_BUDGET = 10_000;

    /** The plain-text {@code text}. */
    static final int MAX_TEXT = 3000;

    static final String FIRING_FIRST_LINE = "ALERT! High metrics detected:";

    private static final JsonFactory JSON = new JsonFactory();

    private final AlertConfig config;

    public SlackMessageRenderer(AlertConfig config) {
        this.config = config;
    }

    /** The JSON payload; {@code textOnly} leaves out the blocks (after Slack refused them). */
    public String payload(Notification n, boolean textOnly) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("text", text(n));
            if (!textOnly) {
                g.writeArrayFieldStart("blocks");
                for (SlackBlock b : blocks(n)) {
                    b.write(g);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * The plain-text message; its first two lines are the seed's. Escaped for mrkdwn like every
     * text Slack shows (Slack turns {@code &gt;} back into {@code >}).
     */
    public String text(Notification n) {
        List<AlertItem> items = sent(n);
        StringBuilder b = new StringBuilder(512);
        b.append(escape(firstLine(n, items))).append('\n').append(escape(metricsLine(n, items)));
        String dash = n.fleetStage == null ? config.dashboardLink(n.host) : null;
        String dashLine = dash == null ? "" : "\nDashboard: " + escape(dash);
        List<String> briefLines = briefLines(items);
        int[] briefAfter = briefRoom(briefLines, MAX_TEXT / 2);
        int shown = 0;
        boolean brief = false;
        for (AlertItem i : items) {
            int room = MAX_TEXT - dashLine.length() - 40 - (brief ? 0 : briefAfter[shown + 1]);
            String line = null;
            if (!brief) {
                line = "\n" + escape(itemTextLine(i));
                String runbook = config.runbookLink(i.host, i.cause);
                if (runbook != null) {
                    line += "\nRunbook: " + escape(runbook);
                }
            }
            if (brief || b.length() + line.length() > room) {
                // the rest one short line each: every resolve stays in sight, in order
                brief = true;
                line = "\n" + briefLines.get(shown);
                if (b.length() + line.length() > room) {
                    break;
                }
            }
            b.append(line);
            shown++;
        }
        if (shown < items.size()) {
            b.append("\n… and ").append(items.size() - shown).append(" more");
        }
        b.append(dashLine);
        return fit(b.toString(), MAX_TEXT);
    }

    List<SlackBlock> blocks(Notification n) {
        List<AlertItem> items = sent(n);
        List<SlackBlock> blocks = new ArrayList<>();
        blocks.add(SlackBlock.header(fit(headerText(n, items), MAX_HEADER_TEXT)));
        blocks.add(
                SlackBlock.section(
                        fit(
                                "*"
                                        + escape(firstLine(n, items))
                                        + "*\n"
                                        + escape(metricsLine(n, items)),
                                MAX_SECTION_TEXT)));
        blocks.add(SlackBlock.divider());
        SlackBlock footer = SlackBlock.context(fit(footerText(n), MAX_CONTEXT_TEXT));

        int used = 0;
        for (SlackBlock b : blocks) {
            used += b.size();
        }
        used += footer.size();
        List<String> briefLines = briefLines(items);
        int[] briefAfter = briefRoom(briefLines, MAX_SECTION_TEXT);
        int shown = 0;
        for (AlertItem i : items) {
            SlackBlock section = SlackBlock.section(itemSection(i));
            SlackBlock context = SlackBlock.context(fit(itemContext(i), MAX_CONTEXT_TEXT));
            // keep room for the footer, the short lines of the rest and an "and N more" line
            boolean roomForBlocks = blocks.size() + 2 + 3 <= MAX_BLOCKS;
            boolean roomForText =
                    used + section.size() + context.size() + 200 + briefAfter[shown + 1]
                            <= BLOCKS_BUDGET;
            if (!roomForBlocks || !roomForText) {
                break;
            }
            blocks.add(section);
            blocks.add(context);
            used += section.size() + context.size();
            shown++;
        }
        if (shown < items.size()) {
            // the rest one short line each, as many as fit
            StringBuilder rest = new StringBuilder();
            int room = Math.min(MAX_SECTION_TEXT, BLOCKS_BUDGET - used - 200);
            while (shown < items.size()) {
                String line = briefLines.get(shown);
                if (rest.length() + line.length() + 1 > room) {
                    break;
                }
                rest.append(rest.length() == 0 ? "" : "\n").append(line);
                shown++;
            }
            if (rest.length() > 0) {
                blocks.add(SlackBlock.section(rest.toString()));
            }
        }
        if (shown < items.size()) {
            blocks.add(
                    SlackBlock.section(
                            "… and "
                                    + (items.size() - shown)
                                    + " more notification"
                                    + (items.size() - shown == 1 ? "" : "s")
                                    + " for "
                                    + escape(n.host)
                                    + ": see the dashboard."));
        }
        blocks.add(footer);
        return blocks;
    }

    /**
     * The room (characters, at most {@code cap}) kept, after each item, for the short lines of the
     * items after it: a full item is shown only if the rest still fit as one line each.
     */
    private static int[] briefRoom(List<String> briefLines, int cap) {
        int[] after = new int[briefLines.size() + 1];
        for (int k = briefLines.size() - 1; k >= 0; k--) {
            after[k] = Math.min(cap, after[k + 1] + briefLines.get(k).length() + 1);
        }
        return after;
    }

    /** Each item's short line, escaped. */
    private static List<String> briefLines(List<AlertItem> items) {
        List<String> lines = new ArrayList<>(items.size());
        for (AlertItem i : items) {
            lines.add(escape(itemBriefLine(i)));
        }
        return lines;
    }

    private static List<AlertItem> sent(Notification n) {
        List<AlertItem> items = new ArrayList<>(n.items.length);
        for (AlertItem i : n.items) {
            if (i.sent()) {
                items.add(i);
            }
        }
        return items;
    }

    private static boolean anyFiring(List<AlertItem> items, boolean noData) {
        for (AlertItem i : items) {
            if (i.kind.firing() && Causes.NO_DATA.equals(i.cause) == noData) {
                return true;
            }
        }
        return false;
    }

    static String firstLine(Notification n, List<AlertItem> items) {
        if (n.fleetStage != null) {
            return FleetMessageText.firstLine(n);
        }
        if (anyFiring(items, false)) {
            return FIRING_FIRST_LINE;
        }
        if (anyFiring(items, true)) {
            return "ALERT! No data from " + n.host + ":";
        }
        return "RESOLVED: back to normal on " + n.host + ":";
    }

    /**
     * {@code CPU = 92.3% | Mem = 88.1% | Disk = 95.6%} of the sample behind the message; on a fleet
     * message, the hosts.
     */
    static String metricsLine(Notification n, List<AlertItem> items) {
        if (n.fleetStage != null) {
            return FleetMessageText.hostsLine(n);
        }
        double cpu = n.cpu;
        double memory = n.memory;
        double disk = n.disk;
        String prefix = "";
        AlertItem source = null;
        for (AlertItem i : items) {
            if (i.kind.firing() && !Causes.NO_DATA.equals(i.cause) && !Double.isNaN(i.cpu)) {
                source = i;
                break;
            }
        }
        if (source == null && !items.isEmpty()) {
            source = items.get(items.size() - 1);
            if (anyFiring(items, true)) {
                prefix = "Last sample: ";
                for (AlertItem i : items) {
                    if (i.kind.firing() && Causes.NO_DATA.equals(i.cause)) {
                        source = i;
                        break;
                    }
                }
            }
        }
        if (source != null && !Double.isNaN(source.cpu)) {
            cpu = source.cpu;
            memory = source.memory;
            disk = source.disk;
        }
        if (Double.isNaN(cpu) && Double.isNaN(memory) && Double.isNaN(disk)) {
            return prefix + "no sample received";
        }
        return prefix
                + "CPU = "
                + percent(cpu)
                + " | Mem = "
                + percent(memory)
                + " | Disk = "
                + percent(disk);
    }

    private static String headerText(Notification n, List<AlertItem> items) {
        if (n.fleetStage != null) {
            return FleetMessageText.header(n);
        }
        List<String> firing = new ArrayList<>();
        List<String> resolved = new ArrayList<>();
        for (AlertItem i : items) {
            (i.kind.firing() ? firing : resolved).add(i.cause);
        }
        if (!firing.isEmpty()) {
            return ":red_circle: ALERT "
                    + n.host
                    + ": "
                    + String.join(", ", firing)
                    + (resolved.isEmpty()
                            ? ""
                            : " (resolved: " + String.join(", ", resolved) + ")");
        }
        return ":white_check_mark: RESOLVED " + n.host + ": " + String.join(", ", resolved);
    }

    /** Severity, state, host, cause, explanation, values, score, time and runbook link. */
    private String itemSection(AlertItem i) {
        StringBuilder b = new StringBuilder(512);
        b.append(i.kind == NotificationKind.RESOLVED ? ":white_check_mark: " : icon(i))
                .append('*')
                .append(i.severity.toUpperCase(Locale.ROOT))
                .append(" · ")
                .append(stateLabel(i))
                .append(" · ")
                .append(escape(i.cause))
                .append("* on `")
                .append(escape(i.host))
                .append('`');
        if (i.flapping) {
            b.append(" · :repeat: flapping: held firing, flips not notified until it settles");
        }
        if (i.explanation != null && !i.explanation.isBlank()) {
            b.append('\n').append(fit(escape(i.explanation), MAX_EXPLANATION));
        }
        b.append('\n').append(escape(valuesLine(i)));
        String runbook = config.runbookLink(i.host, i.cause);
        if (runbook != null) {
            b.append('\n').append(link(runbook, "Runbook: " + i.cause));
        }
        return fit(b.toString(), MAX_SECTION_TEXT);
    }

    private static String itemContext(AlertItem i) {
        return "id `" + escape(i.id()) + "` · " + time(i.time);
    }

    private String footerText(Notification n) {
        String dash = n.fleetStage == null ? config.dashboardLink(n.host) : null;
        return (dash == null ? "" : link(dash, "Dashboard for " + n.host) + " · ")
                + "Smart Infra Monitor · message "
                + escape(n.id);
    }

    private static String icon(AlertItem i) {
        return "warning".equals(i.severity) ? ":large_orange_circle: " : ":red_circle: ";
    }

    /** Value and limit, score, and the times. */
    static String valuesLine(AlertItem i) {
        StringBuilder b = new StringBuilder(160);
        if (Causes.NO_DATA.equals(i.cause)) {
            if (!Double.isNaN(i.value)) {
                b.append("silent for ")
                        .append(HumanDuration.format(seconds(i.value)))
                        .append(" (limit ")
                        .append(HumanDuration.format(seconds(i.threshold)))
                        .append(") · ");
            }
        } else if (Causes.MODEL.equals(i.cause)) {
            b.append("score ")
                    .append(number(i.score, "%.3f"))
                    .append(" (threshold ")
                    .append(number(i.threshold, "%.3f"))
                    .append(", model v")
                    .append(i.modelVersion)
                    .append(") · ");
        } else {
            b.append(i.rule == null ? i.cause : i.rule)
                    .append(": value ")
                    .append(number(i.value, "%.1f"))
                    .append(" (limit ")
                    .append(number(i.threshold, "%.1f"))
                    .append("), score ")
                    .append(number(i.score, "%.2f"))
                    .append(" · ");
        }
        if (i.kind == NotificationKind.RESOLVED) {
            b.append("fired ")
                    .append(time(i.since))
                    .append(", resolved ")
                    .append(time(i.time))
                    .append(" (after ")
                    .append(HumanDuration.format(Duration.ofMillis(i.time - i.since)))
                    .append(')');
        } else {
            b.append("since ").append(time(i.since));
            if (i.kind != NotificationKind.FIRING || i.time != i.since) {
                b.append(", at ").append(time(i.time));
            }
        }
        return b.toString();
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Double.isNaN(s) ? 0 : Math.round(s * 1000));
    }

    static String time(long epochMs) {
        return Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String number(double v, String format) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }
}
