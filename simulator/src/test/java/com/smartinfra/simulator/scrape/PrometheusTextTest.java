package com.smartinfra.simulator.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parser against the format specification's examples and its corner cases. */
class PrometheusTextTest {
    record Line(String name, Map<String, String> labels, double value, long timestamp) {}

    private static List<Line> parse(String text) throws PrometheusTextException {
        List<Line> lines = new ArrayList<>();
        PrometheusText.parse(
                text, (n, l, v, t) -> lines.add(new Line(n, new LinkedHashMap<>(l), v, t)));
        return lines;
    }

    @Test
    void readsTheSpecificationsExample() throws Exception {
        String text =
                String.join(
                        "\n",
                        "# HELP http_requests_total The total number of HTTP requests.",
                        "# TYPE http_requests_total counter",
                        "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000",
                        "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000",
                        "",
                        "# Escaping in label values:",
                        "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\","
                                + "error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9",
                        "",
                        "# Minimalistic line:",
                        "metric_without_timestamp_and_labels 12.47",
                        "",
                        "# A weird metric from before the epoch:",
                        "something_weird{problem=\"division by zero\"} +Inf -3982045",
                        "",
                        "# TYPE http_request_duration_seconds histogram",
                        "http_request_duration_seconds_bucket{le=\"0.05\"} 24054",
                        "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320",
                        "http_request_duration_seconds_sum 53423",
                        "# TYPE rpc_duration_seconds summary",
                        "rpc_duration_seconds{quantile=\"0.5\"} NaN",
                        "");
        List<Line> lines = parse(text);
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0))
                .isEqualTo(
                        new Line(
                                "http_requests_total",
                                Map.of("method", "post", "code", "200"),
                                1027,
                                1395066363000L));
        assertThat(lines.get(1).value()).isEqualTo(3);
        assertThat(lines.get(2).labels())
                .containsEntry("path", "C:\\DIR\\FILE.TXT")
                .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
        assertThat(lines.get(2).value()).isEqualTo(1.458255915e9);
        assertThat(lines.get(3))
                .isEqualTo(
                        new Line(
                                "metric_without_timestamp_and_labels",
                                Map.of(),
                                12.47,
                                Long.MIN_VALUE));
        assertThat(lines.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(lines.get(4).timestamp()).isEqualTo(-3982045L);
        assertThat(lines.get(6).labels()).containsEntry("le", "+Inf");
        assertThat(lines.get(8).value()).isNaN();
    }

    @Test
    void takesBlanksTabsATrailingCommaAndCrLf() throws Exception {
        List<Line> lines =
                parse(
                        "  a_b:c { x = \"1\" ,\ty=\"a,b} c\", }\t-2.5e-3 \r\n"
                                + "node_uname_info{version=\"#1 SMP PREEMPT_DYNAMIC @0\"} 1\n");
        assertThat(lines.get(0).name()).isEqualTo("a_b:c");
        // in the order of the line (Map.of iterates in an order that changes from JVM to JVM)
        assertThat(lines.get(0).labels()).containsExactly(entry("x", "1"), entry("y", "a,b} c"));
        assertThat(lines.get(0).value()).isEqualTo(-0.0025);
        assertThat(lines.get(1).labels()).containsEntry("version", "#1 SMP PREEMPT_DYNAMIC @0");
    }

    @Test
    void refusesWhatBreaksTheFormatNamingTheLine() {
        String[][] cases = {
            {"ok 1\n1bad 2", "line 2, column 1: expected a metric name"},
            {"m{a=\"1\"", "line 1, column 8: expected ',' or '}'"},
            {"m{a=\"1} 2", "unterminated label value"},
            {"m{a=1} 2", "'\"' to open the value of label 'a'"},
            {"m{a=\"1\",a=\"2\"} 2", "label 'a' given twice"},
            {"m{a=\"\\t\"} 2", "invalid escape"},
            {"m", "missing value"},
            {"m 1d", "invalid value '1d'"},
            {"m Infinity", "invalid value 'Infinity'"},
            {"m 0x10", "invalid value '0x10'"},
            {"m 1 2.5", "invalid timestamp '2.5'"},
            {"m 1 2 3", "unexpected text after the value"},
            {"# TYPE m countr", "unknown metric type 'countr'"},
            {"# TYPE", "'# TYPE' needs a metric name"},
            {"<html>", "expected a metric name"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> parse(c[0]))
                    .as(c[0])
                    .isInstanceOf(PrometheusTextException.class)
                    .hasMessageContaining(c[1]);
        }
    }

    @Test
    void commentsAndHelpTextAreNotSamples() throws Exception {
        assertThat(parse("# just a comment\n#\n# HELP m any \\n text { } \"\n\n")).isEmpty();
    }
}
