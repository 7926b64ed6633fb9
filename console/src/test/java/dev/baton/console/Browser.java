package dev.baton.console;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver (Debian's chromium and chromium-driver packages;
 * their paths come from the system properties {@code console.chromium} and
 * {@code console.chromedriver}). Missing browsers fail the test, never skip it.
 */
final class Browser implements AutoCloseable {
    static final int WIDTH = 1440;
    static final int HEIGHT = 1000;

    final ChromeDriver driver;
    private final Path screenshots;
    private final WebDriverWait wait;

    Browser(Path screenshots) {
        String chromium = System.getProperty("console.chromium", "/usr/bin/chromium");
        String chromedriver = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
        for (String exe : new String[] {chromium, chromedriver}) {
            if (!new File(exe).canExecute()) {
                throw new IllegalStateException(
                        exe + " is missing: the console's browser tests need Debian's chromium and "
                                + "chromium-driver packages (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
        this.screenshots = screenshots;
        try {
            Files.createDirectories(screenshots);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--hide-scrollbars",
                    "--force-device-scale-factor=1",
                    "--window-size=" + WIDTH + "," + HEIGHT,
                    "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver))
                    .usingAnyFreePort()
                    .build();
            this.driver = new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement await(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    WebElement present(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void awaitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void awaitTrue(String script, Object... args) {
        wait.until(d -> Boolean.TRUE.equals(js(script, args)));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Clicks a button and its confirmation dialog's confirming button. */
    void confirm(String action) {
        await("button[data-action='" + action + "']").click();
        await("dialog[data-confirm='" + action + "'][open] button[data-confirm-ok]")
                .click();
    }

    /** Saves a screenshot of the page as target/console-screenshots/NAME.png; returns the image. */
    BufferedImage screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, png);
            System.out.println("Console screenshot: " + file);
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many distinct colours an image has (a blank page has one or two). */
    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return seen.size();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
