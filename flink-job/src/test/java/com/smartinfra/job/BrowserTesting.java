package com.smartinfra.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.smartinfra.testing.InfluxDbTestServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The browser of the dashboard tests: Debian's headless Chromium, and their screenshots. */
final class BrowserTesting {
    private BrowserTesting() {}

    /** Headless Chromium through Debian's chromedriver (Selenium Manager downloads nothing). */
    static ChromeDriver chrome() throws Exception {
        for (String exe : new String[] {"/usr/bin/chromium", "/usr/bin/chromedriver"}) {
            assertThat(Files.isExecutable(Path.of(exe)))
                    .as(
                            "%s is missing: apt-get install -y --no-install-recommends chromium"
                                    + " chromium-driver",
                            exe)
                    .isTrue();
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        Path profile = Files.createTempDirectory("chromium-profile");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--window-size=1280,800");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        return new ChromeDriver(service, options);
    }

    /**
     * Saves a screenshot to {@code dir}, and to {@code docs/images} with {@code
     * -Dscreenshots.docs=true}.
     */
    static void save(ChromeDriver driver, Path dir, String name) throws Exception {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(dir.resolve(name), png);
        if (Boolean.getBoolean("screenshots.docs")) {
            Path docs = InfluxDbTestServer.projectRoot().resolve("docs/images");
            Files.createDirectories(docs);
            Files.write(docs.resolve(name), png);
        }
    }
}
