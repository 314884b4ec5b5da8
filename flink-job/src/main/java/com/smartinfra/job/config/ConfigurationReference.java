package com.smartinfra.job.config;

import com.smartinfra.job.JobConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;

/**
 * Writes docs/configuration.md, the reference of every setting, from the job's {@link
 * ConfigOption}s ({@link JobConfig#GROUPS}), so that the reference cannot drift from the code; a
 * unit test compares the committed file with {@link #render()}.
 *
 * <p>Usage: {@code ConfigurationReference [FILE]} (default {@code docs/configuration.md}).
 */
public final class ConfigurationReference {
    /** The command that regenerates the file, for the drift test's message. */
    public static final String REGENERATE =
            "nice -n 19 mvn -B -ntp -q -pl flink-job -am verify -Dtest=ConfigurationReferenceTest"
                    + " -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true"
                    + " -Dconfiguration.reference.write=true";

    private ConfigurationReference() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "docs/configuration.md");
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    /** The reference, as Markdown. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n")
                .append("<!-- Generated from the job's ConfigOptions by ConfigurationReference;")
                .append(" do not edit. Regenerate with:\n")
                .append(REGENERATE)
                .append("\n-->\n\n")
                .append("The Flink job's settings are program arguments (`--key value` or")
                .append(" `--key=value`) or the lines `key: value` of a file given with")
                .append(" `--config FILE`; arguments win. A key may carry Flink's `smartinfra.`")
                .append(" prefix. An unknown key or a bad value stops start-up with a sentence")
                .append(" naming the setting. Durations are written `500ms`, `10s`, `5min`, `2h`")
                .append(" or `7d`. Secrets (the InfluxDB token, the Slack webhook URL) are not")
                .append(" settings: the TaskManagers read them from the environment or a file.\n");
        for (OptionGroup g : JobConfig.GROUPS) {
            md.append("\n## ").append(g.title()).append("\n\n").append(g.description());
            md.append("\n\n| Key | Default | Type | Description |\n|---|---|---|---|\n");
            for (ConfigOption<?> o : g.options()) {
                md.append("| `")
                        .append(o.key())
                        .append("` | ")
                        .append(o.hasDefaultValue() ? "`" + text(o.defaultValue()) + "`" : "—")
                        .append(" | ")
                        .append(type(o))
                        .append(" | ")
                        .append(description(o).replace("|", "\\|"))
                        .append(" |\n");
            }
        }
        return md.toString();
    }

    /** A default as it would be written in the configuration. */
    static String text(Object value) {
        if (value instanceof Duration) {
            return duration((Duration) value);
        }
        return String.valueOf(value);
    }

    /** The largest unit that divides the duration; days only from 2 days (24h reads better). */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (ms % sizes[i] == 0 && (i > 0 || ms / sizes[i] >= 2)) {
                return ms / sizes[i] + units[i];
            }
        }
        return ms + "ms";
    }

    /** The value type, which ConfigOption keeps package-private. */
    private static String type(ConfigOption<?> o) {
        try {
            Method m = ConfigOption.class.getDeclaredMethod("getClazz");
            m.setAccessible(true);
            return ((Class<?>) m.invoke(o)).getSimpleName();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return o.hasDefaultValue() ? o.defaultValue().getClass().getSimpleName() : "String";
        }
    }

    private static String description(ConfigOption<?> o) {
        return o.description().getBlocks().stream()
                .map(ConfigurationReference::blockText)
                .collect(Collectors.joining(" "));
    }

    private static String blockText(BlockElement b) {
        return b instanceof TextElement ? ((TextElement) b).getFormat() : b.toString();
    }
}
