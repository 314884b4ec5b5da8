package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.smartinfra.api.ApiConfig;
import com.smartinfra.api.DashboardApi;
import com.smartinfra.schema.InfluxSchema;
import com.smartinfra.schema.Sample;
import com.smartinfra.simulator.generator.SampleGenerator;
import com.smartinfra.testing.InfluxDbTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium over data written by the real job: simulator samples of
 * 50 hosts through a real Kafka broker → the job on a Flink MiniCluster → a real InfluxDB
 * (system_metrics and the job's host_stats), plus anomaly points in the {@code anomalies} schema →
 * the dashboard-api. Asserts through {@code Chart.getChart(canvas)} what the charts really hold,
 * clicks a tile and the time-range picker, and saves screenshots to {@code target/screenshots} (and
 * to {@code docs/images} with {@code -Dscreenshots.docs=true}).
 */
class DashboardBrowserITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int HOSTS = 50;
    private static final long INTERVAL_MS = 15_000;
    private static final String HOST = "web-01";
    private static final String ANOMALY_RED = "#d92d20";

    @TempDir Path tmp;

    /** Anomaly points of the test, as written. */
    private record WrittenAnomaly(String host, long ts, double cpu, String explanation) {}

    @Test
    void dashboardShowsTheJobsDataAndAnomalies() throws Exception {
        long now = System.currentTimeMillis();
        long start = (now - Duration.ofMinutes(55).toMillis()) / INTERVAL_MS * INTERVAL_MS;
        List<Sample> samples =
                new SampleGenerator(HOSTS, INTERVAL_MS, 0.03, 7L, start).samplesUntil(now - 1_000);
        String db = runJob(samples);

        List<Sample> host =
                samples.stream().filter(s -> s.host.equals(HOST)).collect(Collectors.toList());
        List<WrittenAnomaly> anomalies = writeAnomalies(db, host, samples);

        Map<String, String> settings = new HashMap<>();
        settings.put(ApiConfig.API_PORT, "0");
        settings.put(ApiConfig.INFLUXDB_URL, InfluxDbTestServer.url());
        settings.put(ApiConfig.INFLUXDB_TOKEN, InfluxDbTestServer.TOKEN);
        settings.put(ApiConfig.INFLUXDB_BUCKET, db);
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        ChromeDriver driver = null;
        try (DashboardApi api = DashboardApi.start(ApiConfig.from(settings))) {
            driver = BrowserTesting.chrome();
            JavascriptExecutor js = driver;
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));

            // --- overview: a tile per host, worst first; opened as the launcher prints it
            driver.get(api.url() + "/#token=launcher-token-0123456789");
            wait.until(d -> d.findElements(By.cssSelector("#tiles .tile")).size() == HOSTS);
            // the token is kept for the tab's writes, and its history entry no longer shows it
            assertThat(
                            js.executeScript(
                                    "return [location.href,"
                                            + " sessionStorage.getItem('smart-infra-api-token')]"))
                    .isEqualTo(List.of(api.url() + "/", "launcher-token-0123456789"));
            // measured, reported, never asserted: the first load after the API started (cold
            // JIT, empty browser cache), then reloads
            List<String> timing = loadTiming(js);
            List<Long> reloads = new ArrayList<>();
            List<String> lastReload = List.of();
            for (int i = 0; i < 5; i++) {
                driver.navigate().refresh();
                wait.until(
                        d ->
                                d.findElements(By.cssSelector("#tiles .tile")).size() == HOSTS
                                        && !loadTiming(js).get(3).equals("-1"));
                lastReload = loadTiming(js);
                reloads.add(Long.parseLong(lastReload.get(3)));
            }
            Collections.sort(reloads);
            String report =
                    "dashboard load with "
                            + HOSTS
                            + " hosts, ms after navigation start until the tiles show the data:"
                            + " first load "
                            + timing.get(3)
                            + ", reloads median "
                            + reloads.get(2)
                            + " (min "
                            + reloads.get(0)
                            + ", max "
                            + reloads.get(4)
                            + "). Detail [page received, DOMContentLoaded, load, data rendered,"
                            + " requests as start+duration]: first "
                            + timing
                            + ", last reload "
                            + lastReload;
            System.out.println(report);
            Files.writeString(screenshots.resolve("load-time.txt"), report + "\n");

            List<WebElement> tiles = driver.findElements(By.cssSelector("#tiles .tile"));
            // the two hosts with an anomaly in the last 5 minutes come first, in red
            assertThat(
                            List.of(
                                    tiles.get(0).getAttribute("data-host"),
                                    tiles.get(1).getAttribute("data-host")))
                    .containsExactlyInAnyOrder(HOST, "db-03");
            assertThat(tiles.get(0).getAttribute("class")).contains("state-anomalous");
            assertThat(tiles.get(2).getAttribute("class")).contains("state-ok");
            // every anomaly of the last hour is in the table, newest first, highlighted
            List<WebElement> rows = driver.findElements(By.cssSelector("#anomalies tbody tr"));
            assertThat(rows).hasSize(anomalies.size());
            assertThat(rows.get(0).getAttribute("class")).contains("anomaly");
            assertThat(
                            rows.stream()
                                    .map(r -> r.findElements(By.tagName("td")).get(1).getText())
                                    .toList())
                    .isEqualTo(newestFirst(anomalies).stream().map(WrittenAnomaly::host).toList());
            BrowserTesting.save(driver, screenshots, "overview.png");

            // --- the host view, opened by clicking its tile
            driver.findElement(By.cssSelector("a.tile[data-host='" + HOST + "']")).click();
            wait.until(d -> dataset(js, "chart-cpu", "samples").size() == host.size());

            // the line holds exactly the samples the job stored, for every metric
            assertThat(points(dataset(js, "chart-cpu", "samples")))
                    .isEqualTo(expected(host, s -> s.cpu));
            assertThat(points(dataset(js, "chart-memory", "samples")))
                    .isEqualTo(expected(host, s -> s.memory));
            assertThat(points(dataset(js, "chart-disk", "samples")))
                    .isEqualTo(expected(host, s -> s.disk));
            // the red points are the host's anomalies, on the line
            Map<Long, Double> red = new TreeMap<>();
            anomalies.stream()
                    .filter(a -> a.host().equals(HOST))
                    .forEach(a -> red.put(a.ts(), a.cpu()));
            wait.until(d -> dataset(js, "chart-cpu", "anomalies").size() == red.size());
            assertThat(points(dataset(js, "chart-cpu", "anomalies"))).isEqualTo(red);
            assertThat(
                            js.executeScript(
                                    "return Chart.getChart(document.getElementById('chart-cpu')).data.datasets"
                                            + ".find(d => d.role === 'anomalies').pointBackgroundColor"))
                    .isEqualTo(ANOMALY_RED);
            // the band is mean ± 2σ of the job's 1-minute windows
            assertBandMatchesHostStats(js, db);

            // hovering a red point shows the anomaly's explanation
            List<String> tooltip = hoverFirstAnomaly(driver, js);
            WrittenAnomaly first =
                    anomalies.stream().filter(a -> a.host().equals(HOST)).findFirst().orElseThrow();
            assertThat(String.join(" ", tooltip))
                    .contains("Anomaly: model")
                    .contains(first.explanation());
            BrowserTesting.save(driver, screenshots, "host.png");

            // --- the time-range picker: 6 h is downsampled with ?step=30s
            driver.findElement(By.cssSelector(".range button[data-range='6h']")).click();
            wait.until(
                    d -> {
                        Map<Long, Double> p = points(dataset(js, "chart-cpu", "samples"));
                        return !p.isEmpty()
                                && p.keySet().stream().allMatch(t -> t % 30_000 == 0)
                                && p.size() < host.size();
                    });
            assertThat(points(dataset(js, "chart-cpu", "samples")))
                    .isEqualTo(downsampledCpu(api, "21600s", "30s"));
            assertThat(
                            driver.findElement(By.cssSelector(".range button[data-range='6h']"))
                                    .getAttribute("aria-pressed"))
                    .isEqualTo("true");
            driver.findElement(By.cssSelector(".range button[data-range='15m']")).click();
            wait.until(
                    d -> {
                        Map<Long, Double> p = points(dataset(js, "chart-cpu", "samples"));
                        return !p.isEmpty()
                                && p.size() <= 61
                                && p.keySet().stream().anyMatch(t -> t % 30_000 != 0);
                    });

            // nothing was requested from anywhere but the API
            @SuppressWarnings("unchecked")
            List<String> resources =
                    (List<String>)
                            js.executeScript(
                                    "return performance.getEntriesByType('resource').map(e => e.name)");
            assertThat(resources)
                    .isNotEmpty()
                    .allSatisfy(u -> assertThat(u).startsWith(api.url() + "/"));

            // --- phone width: the overview in two columns
            driver.findElement(By.cssSelector("#crumb-overview")).click();
            driver.manage().window().setSize(new Dimension(390, 844));
            wait.until(
                    d -> ((Number) js.executeScript("return window.innerWidth")).intValue() <= 420);
            wait.until(
                    d ->
                            d.findElements(By.cssSelector("#tiles .tile")).size() == HOSTS
                                    && d.findElement(By.id("overview")).isDisplayed());
            Number pageWidth =
                    (Number) js.executeScript("return document.documentElement.scrollWidth");
            assertThat(pageWidth.intValue()).as("no horizontal scrolling").isLessThanOrEqualTo(420);
            BrowserTesting.save(driver, screenshots, "phone.png");
        } finally {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    /** Samples → Kafka → the job (bounded) on the MiniCluster → InfluxDB; returns the database. */
    private String runJob(List<Sample> samples) throws Exception {
        TestPipeline pipeline = new TestPipeline("browser", tmp);
        pipeline.produceSamples(samples);
        TestPipeline.run(
                // detection off: this test writes the anomalies itself, to know exactly what
                // the dashboard must draw (detection end to end: PipelineEndToEndITCase)
                pipeline.config(
                        InfluxDbTestServer.url(),
                        "--stats.window",
                        "1min",
                        "--detect.enabled",
                        "false"),
                new Configuration());
        return pipeline.database;
    }

    /**
     * Anomalies in the job's schema on real samples: three of web-01 (the newest within the last 5
     * minutes, so it is anomalous), one recent of db-03, one 40 minutes old of worker-02.
     */
    private static List<WrittenAnomaly> writeAnomalies(
            String db, List<Sample> host, List<Sample> all) {
        List<WrittenAnomaly> out = new ArrayList<>();
        Sample a = host.get(host.size() / 3);
        Sample b = host.get(2 * host.size() / 3);
        Sample c = host.get(host.size() - 2);
        Sample d =
                all.stream().filter(s -> s.host.equals("db-03")).reduce((x, y) -> y).orElseThrow();
        for (Sample s : List.of(a, b, c, d)) {
            out.add(
                    new WrittenAnomaly(
                            s.host,
                            s.timestamp,
                            s.cpu,
                            String.format(
                                    java.util.Locale.ROOT,
                                    "cpu %.1f %% is unusual for %s together with memory %.1f %%",
                                    s.cpu,
                                    s.host,
                                    s.memory)));
        }
        List<String> lines = new ArrayList<>();
        for (WrittenAnomaly w : out) {
            Sample s =
                    all.stream()
                            .filter(x -> x.host.equals(w.host()) && x.timestamp == w.ts())
                            .findFirst()
                            .orElseThrow();
            lines.add(
                    InfluxSchema.appendAnomaly(
                                    new StringBuilder(),
                                    s.host,
                                    s.timestamp,
                                    s.cpu,
                                    s.memory,
                                    s.disk,
                                    "model",
                                    0.74,
                                    0.62,
                                    2,
                                    w.explanation())
                            .toString());
        }
        // outside the dashboard's last hour: neither in the table nor on the charts
        long old = System.currentTimeMillis() - Duration.ofMinutes(90).toMillis();
        lines.add(
                InfluxSchema.appendAnomaly(
                                new StringBuilder(),
                                "worker-02",
                                old,
                                99,
                                50,
                                50,
                                "cpu>85",
                                99,
                                85,
                                0,
                                "cpu 99.0 % above the 85 % limit")
                        .toString());
        InfluxDbTestServer.write(db, lines);
        return out;
    }

    private static List<WrittenAnomaly> newestFirst(List<WrittenAnomaly> anomalies) {
        List<WrittenAnomaly> sorted = new ArrayList<>(anomalies);
        sorted.sort((x, y) -> Long.compare(y.ts(), x.ts()));
        return sorted;
    }

    /**
     * DOMContentLoaded, load and the dashboard's first rendered data, ms after navigation start.
     */
    private static List<String> loadTiming(JavascriptExecutor js) {
        @SuppressWarnings("unchecked")
        List<Object> t =
                (List<Object>)
                        js.executeScript(
                                "const n = performance.getEntriesByType('navigation')[0];"
                                        + "const r = performance.getEntriesByName('dashboard-ready')[0];"
                                        + "const res = performance.getEntriesByType('resource')"
                                        + ".map(e => e.name.replace(location.origin + '/', '')"
                                        + " + ' ' + Math.round(e.startTime) + '+' + Math.round(e.duration));"
                                        + "return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd,"
                                        + " r ? r.startTime : -1].map(Math.round).concat(res);");
        return t.stream().map(String::valueOf).toList();
    }

    /** The [x, y] points of the dataset with that role. */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> dataset(JavascriptExecutor js, String canvas, String role) {
        Object r =
                js.executeScript(
                        "if (typeof Chart === 'undefined') { return []; }"
                                + "const c = Chart.getChart(document.getElementById(arguments[0]));"
                                + "if (!c) { return []; }"
                                + "const d = c.data.datasets.find(x => x.role === arguments[1]);"
                                + "return d ? d.data.filter(p => p.y !== null).map(p => [p.x, p.y]) : [];",
                        canvas,
                        role);
        return (List<List<Object>>) r;
    }

    private static Map<Long, Double> points(List<List<Object>> data) {
        Map<Long, Double> m = new TreeMap<>();
        for (List<Object> p : data) {
            m.put(((Number) p.get(0)).longValue(), ((Number) p.get(1)).doubleValue());
        }
        return m;
    }

    private static Map<Long, Double> expected(
            List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        Map<Long, Double> m = new TreeMap<>();
        samples.forEach(s -> m.put(s.timestamp, f.applyAsDouble(s)));
        return m;
    }

    /** Each 1-minute window of host_stats appears in the band as mean ± 2σ (within 0..100). */
    private static void assertBandMatchesHostStats(JavascriptExecutor js, String db)
            throws Exception {
        JsonNode series =
                JSON.readTree(
                                InfluxDbTestServer.query(
                                        db,
                                        "SELECT cpu_mean, cpu_stddev FROM host_stats WHERE host = '"
                                                + HOST
                                                + "' AND \"window\" = '1m'"))
                        .path("results")
                        .path(0)
                        .path("series")
                        .path(0)
                        .path("values");
        assertThat(series.size()).as("windows the job wrote").isGreaterThanOrEqualTo(25);
        Map<Long, Double> high = points(dataset(js, "chart-cpu", "band-high"));
        Map<Long, Double> low = points(dataset(js, "chart-cpu", "band-low"));
        for (JsonNode w : series) {
            long startMs = w.get(0).asLong();
            double mean = w.get(1).asDouble();
            double sd = w.get(2).asDouble();
            assertThat(high.get(startMs))
                    .as("window %s", Instant.ofEpochMilli(startMs))
                    .isCloseTo(
                            Math.min(100, mean + 2 * sd),
                            org.assertj.core.data.Offset.offset(1e-9));
            assertThat(low.get(startMs))
                    .as("window %s", Instant.ofEpochMilli(startMs))
                    .isCloseTo(
                            Math.max(0, mean - 2 * sd), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    /** Moves the real mouse onto the first red point; returns the tooltip's lines. */
    @SuppressWarnings("unchecked")
    private static List<String> hoverFirstAnomaly(ChromeDriver driver, JavascriptExecutor js) {
        WebElement canvas = driver.findElement(By.id("chart-cpu"));
        List<Number> xy =
                (List<Number>)
                        js.executeScript(
                                "const c = Chart.getChart(arguments[0]);"
                                        + "const i = c.data.datasets.findIndex(d => d.role === 'anomalies');"
                                        + "const p = c.getDatasetMeta(i).data[0];"
                                        + "return [p.x, p.y];",
                                canvas);
        org.openqa.selenium.Rectangle r = canvas.getRect();
        new Actions(driver)
                .moveToElement(
                        canvas,
                        (int) Math.round(xy.get(0).doubleValue() - r.getWidth() / 2.0),
                        (int) Math.round(xy.get(1).doubleValue() - r.getHeight() / 2.0))
                .perform();
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(
                        d ->
                                Boolean.TRUE.equals(
                                        js.executeScript(
                                                "const t = Chart.getChart(arguments[0]).tooltip;"
                                                        + "return t.getActiveElements().length > 0"
                                                        + " && !!t.body && t.body.length > 0;",
                                                canvas)));
        return (List<String>)
                js.executeScript(
                        "return Chart.getChart(arguments[0]).tooltip.body.flatMap(b => b.lines)",
                        canvas);
    }

    /** What GET /metrics answers for the host with that step (the chart must hold exactly this). */
    private static Map<Long, Double> downsampledCpu(DashboardApi api, String since, String step)
            throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                api.url()
                                                        + "/metrics?host="
                                                        + HOST
                                                        + "&since="
                                                        + since
                                                        + "&step="
                                                        + step
                                                        + "&limit=50000"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<Long, Double> m = new TreeMap<>();
        for (JsonNode s : JSON.readTree(r.body()).get("samples")) {
            m.put(
                    Instant.parse(s.get("timestamp").asText()).toEpochMilli(),
                    s.get("cpu").asDouble());
        }
        return m;
    }
}
