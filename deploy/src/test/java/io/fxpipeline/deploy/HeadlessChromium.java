package io.fxpipeline.deploy;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Debian's chromium, headless, driven by Selenium through chromium-driver: what the browser tests look at the
 * dashboard with. {@link #open} skips the calling test, saying why, where either is not installed.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path userData;

    private HeadlessChromium(ChromeDriver driver, Path userData) {
        this.driver = driver;
        this.userData = userData;
    }

    /** Skips the calling test, saying why, where chromium or chromium-driver is not installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (Debian: apt-get install chromium chromium-driver; "
                        + ".ci/run installs them): the browser test is skipped");
    }

    static HeadlessChromium open(String url) throws IOException {
        assumeInstalled();
        Path userData = Files.createTempDirectory("fx-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1680,1320",
                "--user-data-dir=" + userData);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.get(url);
        return new HeadlessChromium(driver, userData);
    }

    /** Loads the page again, from scratch. */
    void reload() {
        driver.navigate().refresh();
    }

    /** The visible text of the first element matching a CSS selector, trimmed. */
    String text(String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Waits for what the page shows, polled every 50 ms, up to {@link #WAIT}. */
    void waitFor(BooleanSupplier condition) {
        waitFor(condition, WAIT, Duration.ofMillis(50));
    }

    /** The same with its own timeout and poll interval (a latency that is asserted needs a finer poll). */
    void waitFor(BooleanSupplier condition, Duration timeout, Duration poll) {
        new WebDriverWait(driver, timeout, poll).until(d -> condition.getAsBoolean());
    }

    /** Saves what the page shows now as target/{@code name}. */
    void screenshot(String name) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target").resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(userData)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
