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
class MetricsDownsamplingTest {
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

    private static Map<String, Object> sample(
            String host, String ts, double cpu, double memory, double disk) {
        return ApiHttp.sample(host, ts, "cpu", cpu, "memory", memory, "disk", disk);
    }

    private static Map<String, Object> withDiskIo(Map<String, Object> m, double diskIo) {
        m.put("disk_io", diskIo);
        return m;
    }
}
