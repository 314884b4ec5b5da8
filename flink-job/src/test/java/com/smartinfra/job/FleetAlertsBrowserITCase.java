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
import com.smartinfra.testing.KafkaTestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet view, the alerts view and silences in a real headless Chromium.
 *
 * <p>The world: 8 hours of simulator samples of 10 hosts, plus web-01 at 96 % CPU for its last 8
 * minutes and new-01 that started 4 minutes ago, through a real Kafka broker → the job on a Flink
 * MiniCluster with detection on (system_metrics, host_stats, anomalies and anomaly_rate as the job
 * writes them) → a real InfluxDB. Alerting is off in the job and the {@code alerts} measurement is
 * seeded in the job's schema instead, so that what the alerts view must show (firing, resolved,
 * flapping, held back by a silence) is known exactly. The dashboard-api runs with an API token and
 * the job's Kafka control topic, so silences go through the real write path.
 *
 * <p>Asserts that the overview opens with GET /fleet's ranking and every tile shows the API's rate
 * and 24-hour strip; that creating a silence on the page (with the token from {@code #token=})
 * reaches the API and marks the firing alert silenced, and expiring it lifts the mark; that a tab
 * without the token is told why it was refused. Screenshots go to {@code target/screenshots} (and
 * {@code docs/images} with {@code -Dscreenshots.docs=true}): fleet-overview.png, alerts.png,
 * silences.png.
 */
class FleetAlertsBrowserITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = TestPipeline.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int HOSTS = 10;
    private static final long INTERVAL_MS = 30_000;
    private static final long MINUTE = 60_000;
    private static final String TOKEN = "fleet-browser-token-0123456789";
    private static final String HOT = "web-01";
    private static final String NEW_HOST = "new-01";

    @TempDir Path tmp;

    @Test
    void overviewRanksTheFleetAndASilenceFromThePageMarksTheAlert() throws Exception {
        long now = System.currentTimeMillis();
        long start = (now - Duration.ofHours(8).toMillis()) / INTERVAL_MS * INTERVAL_MS;
        List<Sample> samples =
                new SampleGenerator(HOSTS, INTERVAL_MS, 0.01, 5L, start).samplesUntil(now - 1_000);
        for (Sample s : samples) {
            if (s.host.equals(HOT) && s.timestamp >= now - 8 * MINUTE) {
                s.cpu = 96;
                s.injected = null;
            }
        }
        for (long t = now - 4 * MINUTE; t < now - 1_000; t += INTERVAL_MS) {
            samples.add(new Sample(NEW_HOST, t, 20, 40, 30));
        }
        TestPipeline pipeline = new TestPipeline("fleet", tmp);
        pipeline.produceSamples(samples);
        TestPipeline.run(
                pipeline.config(InfluxDbTestServer.url(), "--alert.enabled", "false"),
                new Configuration());
        String db = pipeline.database;
        seedAlerts(db, now);

        Map<String, String> settings = new HashMap<>();
        settings.put(ApiConfig.API_PORT, "0");
        settings.put(ApiConfig.INFLUXDB_URL, InfluxDbTestServer.url());
        settings.put(ApiConfig.INFLUXDB_TOKEN, InfluxDbTestServer.TOKEN);
        settings.put(ApiConfig.INFLUXDB_BUCKET, db);
        settings.put(ApiConfig.KAFKA_BOOTSTRAP_SERVERS, KafkaTestBroker.bootstrapServers());
        settings.put(ApiConfig.METRICS_TOPIC, pipeline.metricsTopic);
        settings.put(ApiConfig.ALERT_CONTROL_TOPIC, pipeline.controlTopic);
        settings.put(ApiConfig.API_TOKEN, TOKEN);
        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        ChromeDriver driver = null;
        try (DashboardApi api = DashboardApi.start(ApiConfig.from(settings))) {
            driver = BrowserTesting.chrome();
            driver.manage().window().setSize(new Dimension(1280, 900));
            JavascriptExecutor js = driver;
            // the page redraws a table whose rows changed (e.g. "9 min ago" turning 10): an
            // element found before may be gone, so a wait looks again
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class);

            // --- the overview opens with GET /fleet's ranking
            driver.get(api.url() + "/#token=" + TOKEN);
            wait.until(d -> d.findElements(By.cssSelector("#tiles .tile")).size() == HOSTS + 1);
            wait.until(d -> ranking(js).equals(apiRanking(api)));
            Map<String, List<String>> ranking = ranking(js);
            assertThat(ranking).isNotEmpty();
            assertThat(ranking.keySet().iterator().next()).isEqualTo(HOT);
            assertThat(ranking.get(HOT)).startsWith("cpu critical");
            WebElement first = driver.findElement(By.cssSelector("#fleet-ranking li"));
            assertThat(first.getText()).contains("alert firing: cpu");

            // every tile: the host's anomaly rate (1 min, 15 min, 24 h) and its 24-hour strip
            JsonNode fleet = get(api, "/fleet?limit=50&host_limit=1000");
            Map<String, Map<Long, Double>> strips = apiStrips(api, lastQuarterEnd(js));
            wait.until(d -> tileRates(js).equals(rates(get(api, "/fleet?host_limit=1000"))));
            for (WebElement tile : driver.findElements(By.cssSelector("#tiles .tile"))) {
                String host = tile.getAttribute("data-host");
                assertThat(tile.findElements(By.cssSelector(".strip .q"))).hasSize(96);
                assertThat(strip(js, host)).as(host).isEqualTo(strips.getOrDefault(host, Map.of()));
            }
            assertThat(strips.get(HOT)).as("8 hours: 32 quarter hours").hasSizeBetween(31, 33);
            // the new host states its learning period
            WebElement newTile = driver.findElement(By.cssSelector(".tile[data-host='new-01']"));
            assertThat(newTile.findElement(By.cssSelector(".learning")).getText())
                    .matches("learning, \\d+ min left");
            assertThat(hostEntry(fleet, NEW_HOST).get("learning").asBoolean()).isTrue();
            assertThat(driver.findElement(By.cssSelector(".tile")).getAttribute("data-host"))
                    .as("the worst tile first")
                    .isEqualTo(HOT);
            BrowserTesting.save(driver, screenshots, "fleet-overview.png");

            // --- the alerts view: firing now, the last 24 hours, flapping and held-back marks
            driver.findElement(By.id("crumb-alerts")).click();
            wait.until(d -> d.findElements(By.cssSelector("#alerts-firing-body tr")).size() == 2);
            assertThat(firingRows(driver)).containsExactly("web-01 cpu", "db-02 memory");
            WebElement hot = firingRow(driver, HOT, "cpu");
            assertThat(hot.getText()).contains("cpu 96.0 % above the 85 % limit");
            assertThat(hot.findElement(By.cssSelector("a")).getAttribute("href"))
                    .endsWith("#/host/web-01");
            assertThat(hot.findElements(By.cssSelector(".flag"))).isEmpty();
            assertThat(firingRow(driver, "db-02", "memory").getText()).contains("flapping");
            Map<String, String> history = historyRows(driver);
            assertThat(history)
                    .containsEntry("web-01 cpu", "firing")
                    .containsEntry("db-02 memory", "firing flapping")
                    .containsEntry("cache-01 model", "resolved held back")
                    .hasSize(3);

            // --- a silence from the page: "Silence…" opens the form for that host and cause
            firingRow(driver, HOT, "cpu").findElement(By.cssSelector("button")).click();
            wait.until(d -> d.findElement(By.id("silences-view")).isDisplayed());
            assertThat(driver.findElement(By.id("silence-host")).getAttribute("value"))
                    .isEqualTo(HOT);
            assertThat(
                            new Select(driver.findElement(By.id("silence-cause")))
                                    .getFirstSelectedOption()
                                    .getAttribute("value"))
                    .isEqualTo("cpu");
            assertThat(driver.findElement(By.id("silence-token-note")).isDisplayed()).isFalse();
            new Select(driver.findElement(By.id("silence-duration"))).selectByValue("120");
            driver.findElement(By.id("silence-comment")).sendKeys("kernel upgrade");
            driver.findElement(By.id("silence-submit")).click();
            wait.until(d -> d.findElements(By.cssSelector("#silences-body tr")).size() == 1);
            assertThat(driver.findElement(By.id("silence-form-status")).getText())
                    .startsWith("Silence sil-")
                    .contains("cpu of web-01");
            // the API took it, with the page's token: it lists it as the job will apply it
            JsonNode active = get(api, "/silences").get("silences");
            assertThat(active).hasSize(1);
            assertThat(active.get(0).get("host").asText()).isEqualTo(HOT);
            assertThat(active.get(0).get("cause").asText()).isEqualTo("cpu");
            assertThat(active.get(0).get("comment").asText()).isEqualTo("kernel upgrade");
            long until = Instant.parse(active.get(0).get("until").asText()).toEpochMilli();
            assertThat(until - System.currentTimeMillis())
                    .isBetween(
                            Duration.ofMinutes(115).toMillis(), Duration.ofMinutes(121).toMillis());
            assertThat(driver.findElement(By.cssSelector("#silences-body tr")).getText())
                    .contains("web-01")
                    .contains("cpu")
                    .contains("kernel upgrade");
            BrowserTesting.save(driver, screenshots, "silences.png");

            // the alert is marked silenced; the other one is not
            driver.findElement(By.id("crumb-alerts")).click();
            wait.until(
                    d ->
                            firingRow(d, HOT, "cpu").getAttribute("class").contains("silenced")
                                    && !firingRow(d, HOT, "cpu")
                                            .findElements(By.cssSelector(".flag.silenced"))
                                            .isEmpty());
            assertThat(
                            firingRow(driver, HOT, "cpu")
                                    .findElement(By.cssSelector(".flag.silenced"))
                                    .getText())
                    .startsWith("silenced until ");
            assertThat(
                            firingRow(driver, "db-02", "memory")
                                    .findElements(By.cssSelector(".flag.silenced")))
                    .isEmpty();
            assertThat(driver.findElement(By.id("alerts-summary")).getText())
                    .contains("2 firing (2 critical) · 1 of them silenced");
            BrowserTesting.save(driver, screenshots, "alerts.png");

            // --- expire it: the list empties and the mark goes
            driver.findElement(By.id("crumb-silences")).click();
            wait.until(d -> d.findElements(By.cssSelector("#silences-body tr")).size() == 1);
            driver.findElement(By.cssSelector("#silences-body tr button")).click();
            wait.until(d -> d.findElements(By.cssSelector("#silences-body tr")).isEmpty());
            assertThat(get(api, "/silences").get("silences")).isEmpty();
            driver.findElement(By.id("crumb-alerts")).click();
            wait.until(
                    d ->
                            d.findElements(By.cssSelector("#alerts-firing-body tr")).size() == 2
                                    && d.findElements(
                                                    By.cssSelector(
                                                            "#alerts-firing-body .flag.silenced"))
                                            .isEmpty());

            // --- a tab without the token is told why the API refused
            js.executeScript("sessionStorage.clear()");
            driver.navigate().to(api.url() + "/#/silences?host=db-02&cause=memory");
            driver.navigate().refresh();
            wait.until(d -> d.findElement(By.id("silence-token-note")).isDisplayed());
            driver.findElement(By.id("silence-submit")).click();
            wait.until(
                    d ->
                            d.findElement(By.id("silence-form-status"))
                                    .getText()
                                    .startsWith("Refused: writes need the API token"));
            assertThat(get(api, "/silences").get("silences")).isEmpty();
        } finally {
            if (driver != null) {
                driver.quit();
            }
        }
    }

    /**
     * Alerts in the job's schema: web-01's CPU alert firing since its samples went to 96 %; db-02's
     * memory alert firing and marked flapping; cache-01's model alert that fired (its notification
     * held back by a silence) and resolved.
     */
    private static void seedAlerts(String db, long now) {
        List<String> lines = new ArrayList<>();
        long hotSince = now - 8 * MINUTE;
        lines.add(
                alert(
                        "web-01",
                        "cpu",
                        hotSince,
                        hotSince,
                        0,
                        "firing",
                        "critical",
                        "not-configured",
                        false,
                        false,
                        96,
                        85,
                        "cpu 96.0 % above the 85 % limit"));
        long flapSince = now - 50 * MINUTE;
        lines.add(
                alert(
                        "db-02",
                        "memory",
                        flapSince,
                        flapSince,
                        0,
                        "firing",
                        "critical",
                        "not-configured",
                        false,
                        false,
                        91,
                        90,
                        "memory 91.0 % above the 90 % limit"));
        lines.add(
                alert(
                        "db-02",
                        "memory",
                        now - 20 * MINUTE,
                        flapSince,
                        1,
                        "flapping",
                        "critical",
                        "not-configured",
                        false,
                        true,
                        92,
                        90,
                        "memory 92.0 % above the 90 % limit"));
        long modelSince = now - 5 * 60 * MINUTE;
        lines.add(
                alert(
                        "cache-01",
                        "model",
                        modelSince,
                        modelSince,
                        0,
                        "firing",
                        "warning",
                        "silenced",
                        true,
                        false,
                        0.71,
                        0.62,
                        "memory 64.3 % — expected 55.9–62.2 %"));
        lines.add(
                alert(
                        "cache-01",
                        "model",
                        modelSince + 12 * MINUTE,
                        modelSince,
                        1,
                        "resolved",
                        "warning",
                        "silenced",
                        true,
                        false,
                        Double.NaN,
                        Double.NaN,
                        null));
        InfluxDbTestServer.write(db, lines);
    }

    private static String alert(
            String host,
            String cause,
            long time,
            long since,
            int sequence,
            String kind,
            String severity,
            String status,
            boolean silenced,
            boolean flapping,
            double value,
            double threshold,
            String explanation) {
        return InfluxSchema.appendAlert(
                        new StringBuilder(),
                        host,
                        cause,
                        time,
                        host + "|" + cause + "|" + since + "|" + sequence,
                        null,
                        kind,
                        severity,
                        status,
                        false,
                        silenced,
                        flapping,
                        0,
                        since,
                        value,
                        threshold,
                        value,
                        explanation)
                .toString();
    }

    /** The page's ranking: host → its chips as "metric severity", then "alert" marks. */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> ranking(JavascriptExecutor js) {
        List<List<Object>> rows =
                (List<List<Object>>)
                        js.executeScript(
                                "return Array.from(document.querySelectorAll('#fleet-ranking li'))"
                                        + ".map(li => [li.dataset.host].concat(Array.from("
                                        + "li.querySelectorAll('.chip')).map(c => c.dataset.metric"
                                        + " + ' ' + c.className.replace(/.*sev-/, ''))))");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            out.put(
                    (String) row.get(0),
                    row.subList(1, row.size()).stream().map(String::valueOf).toList());
        }
        return out;
    }

    /** The ranking GET /fleet answers: hosts with a severity (8 at most), their metrics. */
    private static Map<String, List<String>> apiRanking(DashboardApi api) {
        JsonNode fleet = get(api, "/fleet?limit=50&host_limit=1000");
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode h : fleet.get("hosts")) {
            if (!h.get("severity").isNull() && out.size() < 8) {
                out.put(h.get("host").asText(), new ArrayList<>());
            }
        }
        for (JsonNode m : fleet.get("metrics")) {
            List<String> chips = out.get(m.get("host").asText());
            if (chips != null) {
                chips.add(m.get("metric").asText() + " " + m.get("severity").asText());
            }
        }
        return out;
    }

    /** Each tile's rates of the last minute, 15 minutes and 24 hours (NaN without one). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<Double>> tileRates(JavascriptExecutor js) {
        Map<String, List<Object>> raw =
                (Map<String, List<Object>>)
                        js.executeScript(
                                "const out = {};"
                                        + "document.querySelectorAll('#tiles .tile').forEach(t => {"
                                        + " out[t.dataset.host] = ['1m', '15m', '24h'].map(w => {"
                                        + "  const r = t.querySelector('.tile-rate .rate-' + w);"
                                        + "  return r && r.dataset.rate ? r.dataset.rate : 'NaN'; }); });"
                                        + "return out;");
        Map<String, List<Double>> out = new TreeMap<>();
        raw.forEach(
                (k, v) ->
                        out.put(
                                k,
                                v.stream().map(r -> Double.valueOf(String.valueOf(r))).toList()));
        return out;
    }

    private static Map<String, List<Double>> rates(JsonNode fleet) {
        Map<String, List<Double>> out = new TreeMap<>();
        for (JsonNode h : fleet.get("hosts")) {
            List<Double> r = new ArrayList<>();
            for (String field : new String[] {"rate_1m", "rate_15m", "rate_24h"}) {
                r.add(h.get(field).isNull() ? Double.NaN : h.get(field).asDouble());
            }
            out.put(h.get("host").asText(), r);
        }
        return out;
    }

    /** A tile's strip: quarter start → rate of the cells that have samples. */
    @SuppressWarnings("unchecked")
    private static Map<Long, Double> strip(JavascriptExecutor js, String host) {
        List<List<Object>> cells =
                (List<List<Object>>)
                        js.executeScript(
                                "return Array.from(document.querySelectorAll("
                                        + "'.tile[data-host=\"' + arguments[0] + '\"] .strip .q[data-rate]'))"
                                        + ".map(q => [q.dataset.start, q.dataset.rate]);",
                                host);
        Map<Long, Double> out = new TreeMap<>();
        for (List<Object> c : cells) {
            out.put(Long.parseLong((String) c.get(0)), Double.valueOf((String) c.get(1)));
        }
        return out;
    }

    /** The end of the newest quarter hour the page's strips show. */
    private static long lastQuarterEnd(JavascriptExecutor js) {
        Object start =
                js.executeScript(
                        "return document.querySelector('#tiles .strip .q:last-child').dataset.start");
        return Long.parseLong(String.valueOf(start)) + 15 * MINUTE;
    }

    /** GET /anomaly-rates' quarter hours with samples of the 24 h up to lastEnd, by host. */
    private static Map<String, Map<Long, Double>> apiStrips(DashboardApi api, long lastEnd) {
        Map<String, Map<Long, Double>> out = new TreeMap<>();
        for (JsonNode r :
                get(api, "/anomaly-rates?window=15m&since=24h&limit=50000").get("rates")) {
            long start = Instant.parse(r.get("start").asText()).toEpochMilli();
            if (r.get("samples").asLong() > 0
                    && start >= lastEnd - 96 * 15 * MINUTE
                    && start < lastEnd) {
                out.computeIfAbsent(r.get("host").asText(), h -> new TreeMap<>())
                        .put(start, r.get("rate").asDouble());
            }
        }
        return out;
    }

    private static JsonNode hostEntry(JsonNode fleet, String host) {
        for (JsonNode h : fleet.get("hosts")) {
            if (h.get("host").asText().equals(host)) {
                return h;
            }
        }
        throw new AssertionError(host + " not in " + fleet);
    }

    private static List<String> firingRows(ChromeDriver driver) {
        return driver.findElements(By.cssSelector("#alerts-firing-body tr")).stream()
                .map(r -> r.getAttribute("data-host") + " " + r.getAttribute("data-cause"))
                .toList();
    }

    private static WebElement firingRow(
            org.openqa.selenium.WebDriver driver, String host, String cause) {
        return driver.findElement(
                By.cssSelector(
                        "#alerts-firing-body tr[data-host='"
                                + host
                                + "'][data-cause='"
                                + cause
                                + "']"));
    }

    /** The history: "host cause" → "firing|resolved" and its marks. */
    private static Map<String, String> historyRows(ChromeDriver driver) {
        Map<String, String> out = new TreeMap<>();
        for (WebElement r : driver.findElements(By.cssSelector("#alerts-history-body tr"))) {
            String state = r.getAttribute("class").contains("resolved") ? "resolved" : "firing";
            String marks = r.findElement(By.cssSelector("td.flags")).getText().trim();
            out.put(
                    r.getAttribute("data-host") + " " + r.getAttribute("data-cause"),
                    (state + " " + marks).trim());
        }
        return out;
    }

    private static JsonNode get(DashboardApi api, String pathAndQuery) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(api.url() + pathAndQuery)).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(pathAndQuery + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(pathAndQuery, e);
        }
    }
}
