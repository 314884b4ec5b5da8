package com.smartinfra.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smartinfra.api.http.BadRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsRequestParserTest {
    private static final Instant NOW = Instant.parse("2025-06-24T16:42:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();

    private final MetricsRequestParser parser =
            new MetricsRequestParser(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Map<String, String[]> params(String... kv) {
        Map<String, String[]> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], new String[] {kv[i + 1]});
        }
        return m;
    }

    @Test
    void defaultsAreTheLastTenMinutesOfAllHostsOpenEnded() throws Exception {
        MetricsQuery q = parser.parse(Map.of());

        assertThat(q.sinceMs()).isEqualTo(NOW_MS - 600_000);
        assertThat(q.untilMs()).isEqualTo(MetricsQuery.MAX_TIME_MS);
        assertThat(q.host()).isNull();
        assertThat(q.limit()).isEqualTo(MetricsRequestParser.DEFAULT_LIMIT);
    }

    @ParameterizedTest
    @CsvSource({
        "2025-06-24T16:00:00Z, 1750780800000",
        "2025-06-24T16:00:00.123Z, 1750780800123",
        "2025-06-24T18:00:00+02:00, 1750780800000",
        "1750780800000, 1750780800000",
        "0, 0",
        "now, 1750783320000",
        "90s, 1750783230000",
        "15m, 1750782420000",
        "1h, 1750779720000",
        "2d, 1750610520000",
        "250ms, 1750783319750",
    })
    void sinceAcceptsInstantsEpochMillisAndDurationsAgo(String since, long expectedMs)
            throws Exception {
        assertThat(parser.parse(params("since", since)).sinceMs()).isEqualTo(expectedMs);
    }

    @Test
    void takesHostUntilAndLimit() throws Exception {
        MetricsQuery q =
                parser.parse(
                        params(
                                "host", "web-01.eu_1",
                                "since", "1750780800000",
                                "until", "2025-06-24T16:30:00Z",
                                "limit", "50000"));

        assertThat(q)
                .isEqualTo(new MetricsQuery(1750780800000L, 1750782600000L, "web-01.eu_1", 50000));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "host|web 01|host must match",
                "host|web-01' OR '1'='1|host must match",
                "since|yesterday|since must be an ISO-8601 instant",
                "since|-5|since must be an ISO-8601 instant",
                "since|2025-13-01T00:00:00Z|since must be an ISO-8601 instant",
                "since|2025-06-24T16:42:00|since must be an ISO-8601 instant",
                "since|2100-01-02T00:00:00Z|since is out of range",
                "since|9999999999999|since is out of range",
                "since|99999999999999999999|since must be an ISO-8601 instant",
                "until|later|until must be an ISO-8601 instant",
                "limit|0|limit must be an integer from 1 to 50000",
                "limit|50001|limit must be an integer from 1 to 50000",
                "limit|abc|limit must be an integer from 1 to 50000",
                "limit|-1|limit must be an integer from 1 to 50000",
                "limit|99999999999|limit must be an integer from 1 to 50000",
                "hosts|web-01|unknown parameter 'hosts'",
            })
    void refusesBadParametersSayingWhy(String name, String value, String message) {
        assertThatThrownBy(() -> parser.parse(params(name, value)))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining(message);
    }

    @Test
    void refusesAHostLongerThan128Characters() {
        assertThatThrownBy(() -> parser.parse(params("host", "h".repeat(129))))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("host must match");
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThatThrownBy(() -> parser.parse(params("since", "5m", "until", "10m")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("since must be before until");
        assertThatThrownBy(() -> parser.parse(params("since", "now", "until", "now")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("since must be before until");
    }

    @Test
    void refusesARepeatedOrEmptyParameter() {
        assertThatThrownBy(() -> parser.parse(Map.of("host", new String[] {"a", "b"})))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("give host at most once");
        assertThatThrownBy(() -> parser.parse(params("since", "")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("since is empty");
    }

    @Test
    void quotesBackOnlyABoundedPrintablePrefixOfBadInput() {
        String evil = "\u0000<script>" + "x".repeat(500);
        assertThatThrownBy(() -> parser.parse(params("since", evil)))
                .isInstanceOf(BadRequestException.class)
                .satisfies(
                        e -> {
                            assertThat(e.getMessage()).doesNotContain("\u0000");
                            assertThat(e.getMessage()).hasSizeLessThan(250);
                        });
    }
}
