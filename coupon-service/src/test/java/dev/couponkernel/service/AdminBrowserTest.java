package dev.couponkernel.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The admin pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code .ci/run} installs): staff sign in, create a coupon (seeing the library's message next to
 * a wrong field first), generate 1,000 codes with the progress bar, download the CSV, one of its codes
 * is applied through the REST API and its use shows on the page, the coupon is disabled, and a browser
 * signed out is sent to the sign-in page. Each page is saved as a screenshot ({@code
 * coupon.service.screenshots}, the module's {@code target/screenshots}); {@code docs/service.md}
 * shows them. Without the browser the test is skipped on a developer's machine and fails under CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminBrowserTest {

    private static final String BROWSER = System.getProperty("coupon.service.browser", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");

    @LocalServerPort
    int port;

    @TempDir
    Path downloads;

    WebDriver browser;
    WebDriverWait waiting;
    Path screenshots;

    @BeforeEach
    void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(Path.of(BROWSER)) && Files.isExecutable(Path.of(DRIVER));
        if (!installed) {
            assertThat(System.getenv("CI")).as("under CI the browser test must run: install chromium and chromium-driver (.ci/run does)")
                    .isNotEqualTo("true");
            Assumptions.abort("no " + BROWSER + " or " + DRIVER + ": install Debian's chromium and chromium-driver to run the browser test");
        }
        screenshots = Path.of(System.getProperty("coupon.service.screenshots", "target/screenshots"));
        Files.createDirectories(screenshots);
        browser = newBrowser(downloads);
        waiting = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    private static WebDriver newBrowser(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1100", "--disable-background-networking", "--disable-extensions",
                "--no-first-run", "--disable-default-apps", "--lang=en");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(screenshots.resolve(name + ".png"), png);
    }

    private WebElement find(String id) {
        return waiting.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
    }

    private void type(String id, String text) {
        WebElement field = find(id);
        field.clear();
        field.sendKeys(text);
    }

    private void signIn(WebDriver on, String user, String password) {
        on.findElement(By.id("username")).sendKeys(user);
        on.findElement(By.id("password")).sendKeys(password);
        on.findElement(By.id("sign-in")).click();
    }

    @Test
    void staffRunACampaignFromTheAdminPages() throws Exception {
        String code = "WEB" + System.nanoTime() % 1_000_000;

        // signed out, the admin page sends the browser to the sign-in page
        browser.get(url("/admin/coupons"));
        waiting.until(ExpectedConditions.urlContains("/login"));
        screenshot("1-sign-in");
        signIn(browser, ServiceClient.ADMIN, "wrong");
        assertThat(find("login-error").getText()).contains("wrong");
        signIn(browser, ServiceClient.ADMIN, ServiceClient.ADMIN_PASSWORD);
        waiting.until(ExpectedConditions.urlContains("/admin/coupons"));
        assertThat(browser.getTitle()).startsWith("Coupons");

        // a wrong field gets the library's message next to it, and nothing is stored
        browser.get(url("/admin/coupons/new"));
        type("code", code);
        new Select(find("kind")).selectByValue("PERCENT");
        type("percent", "150");
        new Select(find("codes")).selectByValue("UNIQUE");
        type("maxUsesPerCode", "1");
        find("create").click();
        WebElement percentError = find("percent-error");
        assertThat(percentError.getText()).isNotBlank();
        assertThat(find("code").getAttribute("value")).isEqualTo(code);
        screenshot("2-form-error");

        // the kind decides the fields shown
        new Select(find("kind")).selectByValue("TIERED");
        assertThat(find("discountJson").isDisplayed()).isTrue();
        assertThat(find("percent").isDisplayed()).isFalse();
        new Select(find("kind")).selectByValue("PERCENT");
        type("percent", "15");
        find("create").click();
        waiting.until(ExpectedConditions.textToBe(By.id("coupon-status"), "DRAFT"));
        assertThat(find("coupon-code").getText()).isEqualTo(code);
        find("activate").click();
        waiting.until(ExpectedConditions.textToBe(By.id("coupon-status"), "ACTIVE"));
        String couponPage = browser.getCurrentUrl();

        // 1,000 codes, with the progress bar
        type("count", "1000");
        type("prefix", "WEB-");
        type("length", "8");
        find("generate").click();
        waiting.until(ExpectedConditions.attributeToBe(By.id("job"), "data-finished", "DONE"));
        assertThat(find("progress").getAttribute("value")).isEqualTo("100");
        assertThat(find("stored").getText()).isEqualTo("1000");
        screenshot("3-generating-codes");
        find("back").click();
        waiting.until(ExpectedConditions.textToBe(By.id("code-count"), "1000"));

        // the CSV download
        find("download-csv").click();
        Path csv = waitForDownload();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).startsWith("code,state");
        String oneCode = lines.get(1).split(",")[0];
        assertThat(oneCode).startsWith("WEB-");

        // a checkout applies one of its codes through the API; the page shows the use
        ServiceClient.Answer applied = ServiceClient.checkout(port)
                .post("/v1/apply", ServiceClient.checkoutBody("co-" + code, "u-" + code, oneCode));
        assertThat(applied.json().path("usages").size()).as(applied.body()).isEqualTo(1);
        browser.get(couponPage);
        assertThat(find("usage-locked").getText()).isEqualTo("1");
        assertThat(find("chart").isDisplayed()).isTrue();
        assertThat(find("verification").getText()).contains("Chain intact");
        assertThat(find("audit").getText()).contains("USAGE_LOCKED").contains("staff:admin");
        screenshot("4-coupon");

        // a bot guessing codes from one device is blocked on the campaign's next real code: an alert
        ServiceClient api = ServiceClient.checkout(port);
        String bot = "bot-" + code;
        String guesses = ServiceClient.checkoutBody(null, bot, "GUESS-1A", "GUESS-2B", "GUESS-3C", "GUESS-4D", "GUESS-5E")
                .replace("\"cart\":", "\"client\":{\"deviceFingerprint\":\"fp-" + bot + "\",\"ipAddress\":\"203.0.113.9\"},\"cart\":");
        assertThat(api.post("/v1/validate", guesses).status()).isEqualTo(200);
        String real = ServiceClient.checkoutBody(null, bot, lines.get(2).split(",")[0])
                .replace("\"cart\":", "\"client\":{\"deviceFingerprint\":\"fp-" + bot + "\",\"ipAddress\":\"203.0.113.9\"},\"cart\":");
        ServiceClient.Answer blocked = api.post("/v1/validate", real);
        assertThat(blocked.json().at("/rejected/0/reason").asString()).as(blocked.body()).isEqualTo("SUSPECTED_FRAUD");
        ServiceClient.admin(port).post("/v1/maintenance/relay", null);
        browser.get(url("/admin/alerts"));
        assertThat(find("alerts").getText()).contains(code).contains("code-enumeration");
        screenshot("7-fraud-alerts");
        browser.get(couponPage);
        assertThat(find("coupon-alerts").getText()).contains("BLOCK");

        // disabled for good
        type("disable-reason", "campaign over");
        find("disable").click();
        waiting.until(ExpectedConditions.textToBe(By.id("coupon-status"), "DISABLED"));
        assertThat(find("message").getText()).contains("disabled");
        screenshot("5-disabled");

        browser.get(url("/admin/coupons?q=" + code));
        assertThat(find("total").getText()).isEqualTo("1");
        screenshot("6-coupons");

        // signed out, nothing admin is reachable
        find("sign-out").click();
        waiting.until(ExpectedConditions.urlContains("/login?signedOut"));
        browser.get(couponPage);
        waiting.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.getPageSource()).doesNotContain(code);
        browser.get(url("/admin/coupons/" + couponPage.substring(couponPage.lastIndexOf('/') + 1) + "/codes.csv"));
        waiting.until(ExpectedConditions.urlContains("/login"));
    }

    private Path waitForDownload() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> p.toString().endsWith(".csv")).toList();
                if (!done.isEmpty()) {
                    return done.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no CSV downloaded to " + downloads);
    }
}
