package com.smartinfra.api;

import static com.smartinfra.api.ApiHttp.get;
import static com.smartinfra.api.ApiHttp.json;
import static com.smartinfra.api.ApiHttp.samples;
import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.schema.Sample;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /metrics?step=}: the mean per host and interval. */
class MetricsDownsamplingITCase {
    /** 2025-06-24T16:42:00Z */
    private static final long T0 = 1_750_783_320_000L;

    private static DashboardApi api;

    @BeforeAll
    static void writeAndStart() {
        String db = InfluxDbTestServer.createDatabase("downsample");
        List<String> lines = new ArrayList<>();
        // web-01: 6 samples a minute for 3 minutes; cpu 0,1,..,17; disk_io only in minute 2
        for (int i = 0; i < 18; i++) {
            Sample s = new Sample("web-01", T0 + i * 10_000L, i, 50, 2 * i);
            if (i >= 6 && i < 12) {
                s.withExtra("disk_io", 100 + i);
            }
            if (i == 3) {
                s.withInjected("cpu_spike");
            }
            lines.add(TestInflux.sample(s));
        }
        // db-01: one sample in minute 1
        lines.add(TestInflux.sample(new Sample("db-01", T0 + 65_000, 80, 70, 60)));
        // six more hosts, one sample each, half an hour later
        for (int h = 1; h <= 6; h++) {
            lines.add(TestInflux.sample(new Sample("many-" + h, T0 + 1_800_000, h, h, h)));
        }
        InfluxDbTestServer.write(db, lines);
        api = TestInflux.start(db, T0 + 3_600_000);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void averagesEachIntervalPerHostStampedWithTheIntervalStart() {
        HttpResponse<String> r =
                get(api, "/metrics?step=1m&since=" + T0 + "&until=" + (T0 + 180_000));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(samples(r))
                .containsExactly(
                        sample("web-01", "2025-06-24T16:42:00Z", 2.5, 50, 5),
                        sample("db-01", "2025-06-24T16:43:00Z", 80, 70, 60),
                        withDiskIo(sample("web-01", "2025-06-24T16:43:00Z", 8.5, 50, 17), 108.5),
                        sample("web-01", "2025-06-24T16:44:00Z", 14.5, 50, 29));
    }

    @Test
    void filtersOneHostAndLimitsToTheNewestIntervals() {
        HttpResponse<String> r =
                get(
                        api,
                        "/metrics?host=web-01&step=30s&limit=2&since="
                                + T0
                                + "&until="
                                + (T0 + 180_000));

        assertThat(samples(r))
                .extracting(s -> s.get("timestamp") + " " + s.get("cpu"))
                .containsExactly("2025-06-24T16:44:00Z 13.0", "2025-06-24T16:44:30Z 16.0");
    }

    @Test
    void theRawFormStillAnswersEverySample() {
        HttpResponse<String> r =
                get(api, "/metrics?host=web-01&since=" + T0 + "&until=" + (T0 + 180_000));

        assertThat(samples(r)).hasSize(18);
        assertThat(samples(r).get(3)).containsEntry("injected", "cpu_spike");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"step=0s", "step=500ms", "step=2d", "step=1w", "step=", "step=1m&step=5m"})
    void refusesABadStep(String query) {
        HttpResponse<String> r = get(api, "/metrics?" + query);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("error").asText()).isNotBlank();
    }

    @Test
    void refusesAStepThatWouldShipTooManyIntervals() {
        HttpResponse<String> r = get(api, "/metrics?since=2d&step=10s");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText())
                .isEqualTo(
                        "step 10s gives 17280 intervals in this window, at most 10000: use a"
                                + " larger step or a shorter window");
    }

    @Test
    void boundsTheWholeAnswerAcrossHostsNotOnlyEachHost() {
        // now = T0 + 1 h; 9000 s back at a 1 s step: 9000 intervals up to now, plus 300 for the
        // 5 minutes a sample may be stamped ahead, for each of 8 hosts
        String window = "&since=" + (T0 + 3_600_000 - 9_000_000) + "&step=1s";
        HttpResponse<String> r = get(api, "/metrics?" + window.substring(1));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).get("error").asText())
                .isEqualTo(
                        "step 1s gives up to 9300 intervals for each of 8 hosts (74400 points),"
                                + " at most 50000 in one answer: name a host, use a larger step"
                                + " or a shorter window, or lower limit");

        // one host, or few enough intervals per host (limit), fits
        assertThat(get(api, "/metrics?host=many-1" + window).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get(api, "/metrics?limit=6000" + window);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
        assertThat(samples(limited)).hasSize(25);
    }

    @Test
    void theLimitKeepsTheNewestSamplesAcrossHosts() {
        HttpResponse<String> r =
                get(api, "/metrics?step=1m&limit=3&since=" + T0 + "&until=" + (T0 + 180_000));

        assertThat(samples(r))
                .extracting(s -> s.get("host") + " " + s.get("timestamp"))
                .containsExactly(
                        "db-01 2025-06-24T16:43:00Z",
                        "web-01 2025-06-24T16:43:00Z",
                        "web-01 2025-06-24T16:44:00Z");
    }

    private static Map<String, Object> sample(
            String host, String ts, double cpu, double memory, double disk) {
        return ApiHttp.sample(host, ts, "cpu", cpu, "memory", memory, "disk", disk);
    }

    private static Map<String, Object> withDiskIo(Map<String, Object> m, double diskIo) {
        m.put("disk_io", diskIo);
        return m;
    }
}
