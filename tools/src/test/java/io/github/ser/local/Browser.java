package io.github.ser.local;

import io.github.ser.testing.Prerequisites;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Headless Chromium for the browser tests: Debian's {@code chromium} and {@code chromedriver} where they are installed
 * (CI: {@code .ci/run} installs them), otherwise whatever Chrome or Chromium Selenium Manager finds on the machine, with
 * a matching driver (the Selenium convention on a laptop). No browser skips the browser tests with one line saying what
 * to install, and fails them under {@code CI=true} ({@link Prerequisites}).
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(property("ser.chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(property("ser.chromedriver", "/usr/bin/chromedriver"));
    private static final String INSTALL = "the browser tests need Chromium or Chrome. On Debian or Ubuntu: "
            + "sudo apt-get install -y chromium chromium-driver (what .ci/run does); elsewhere install Google Chrome, "
            + "whose driver Selenium Manager fetches; or point -Dser.chromium.binary=FILE and -Dser.chromedriver=FILE at "
            + "a browser and its driver";
    private static final List<String> HEADLESS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
            "--no-first-run", "--hide-scrollbars", "--window-size=1100,1400", "--force-device-scale-factor=1", "--lang=en-US");

    /** Selenium warns at every start that Debian's Chromium is newer than its CDP bindings; the tests use none. */
    private static final Logger CDP_NOISE = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    static {
        CDP_NOISE.setLevel(Level.SEVERE);
    }

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A browser whose microphone plays {@code wav} (16-bit PCM) in a loop, permission granted without a prompt. */
    static Browser withMicrophone(Path wav) {
        return start(List.of("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav));
    }

    /** A browser that has a (fake) microphone but refuses every permission prompt, as a user clicking "Block". */
    static Browser denyingMicrophone() {
        return start(List.of("--use-fake-device-for-media-stream", "--deny-permission-prompts"));
    }

    /** Returns when a browser starts; otherwise skips the calling tests (fails them under CI=true), saying what to install. */
    static void require() {
        if (debianBrowser()) {
            return;
        }
        try {
            new ChromeDriver(options(List.of())).quit(); // Selenium Manager locates a browser and its driver
        } catch (WebDriverException e) {
            Prerequisites.missing(noBrowser(e));
        }
    }

    private static boolean debianBrowser() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static ChromeOptions options(List<String> extra) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments(HEADLESS);
        options.addArguments(extra);
        return options;
    }

    private static String noBrowser(WebDriverException e) {
        return INSTALL + " (there is no " + CHROMIUM + " with " + CHROMEDRIVER + ", and Selenium Manager found no browser: "
                + firstLine(e.getMessage()) + ")";
    }

    private static Browser start(List<String> extra) {
        ChromeOptions options = options(extra);
        if (debianBrowser()) {
            options.setBinary(CHROMIUM.toFile());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            return new Browser(new ChromeDriver(service, options));
        }
        try {
            return new Browser(new ChromeDriver(options)); // Selenium Manager locates a browser and its driver
        } catch (WebDriverException e) {
            throw new IllegalStateException(noBrowser(e), e);
        }
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText().trim();
    }

    /** Waits for an element matching {@code css} to be displayed. */
    WebElement await(String css, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    <T> T await(ExpectedCondition<T> condition, Duration timeout) {
        return new WebDriverWait(driver, timeout).until(condition);
    }

    /** A PNG of the whole page, however tall, for people to look at (and for the README). */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth(), Math.max(window.getHeight(), height.intValue())));
        driver.executeScript("window.scrollTo(0, 0)");
        try {
            return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    Path screenshot(String css, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, ((TakesScreenshot) find(css)).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
