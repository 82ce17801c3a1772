package dev.locustj.web;

import dev.locustj.core.CustomOption;
import dev.locustj.core.Environment;
import dev.locustj.core.Runner;
import dev.locustj.core.RunnerState;
import dev.locustj.core.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real headless Chromium (Debian packages chromium and chromium-driver): start a test from the
 * form, see the statistics table fill and the charts draw, edit the user count, stop, download the CSV. Saves
 * screenshots (dashboard.png, charts.png, report.png); {@code -Dlocustj.updateScreenshots=true} refreshes docs/img.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> DOCS_IMAGES = List.of("dashboard.png", "charts.png", "report.png");

    private Environment env;
    private WebUi ui;
    private WebDriver driver;

    @BeforeEach
    void setUp(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipped: headless Chromium is not installed (apt-get install -y chromium chromium-driver)");
        env = Environment.builder().userClasses(List.<Class<? extends User>>of(ShopClientUser.class))
                .host("kv://127.0.0.1:6379").options(Map.of("locustfile", "shop-tests.jar"))
                .customOptions(List.of(CustomOption.string("greeting", "hi").help("what users say"),
                        CustomOption.multipleChoice("features", List.of("a"), "a", "b", "c")))
                .build();
        env.createLocalRunner();
        ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).locustfile("shop-tests.jar")
                .users(20).spawnRate(5).build());

        Path profile = Files.createDirectories(tmp.resolve("profile"));
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1440,1000", "--force-device-scale-factor=1");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1440, 1000));
        this.downloads = downloads;
    }

    private Path downloads;

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.quit();
        }
        if (env != null) {
            env.runner().ifPresent(Runner::quit);
        }
        if (ui != null) {
            ui.stop();
        }
    }

    private WebDriverWait waitFor(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @Test
    void startWatchEditStopAndDownloadInARealBrowser() throws Exception {
        driver.get(ui.url());
        WebElement modal = driver.findElement(By.id("start-modal"));
        waitFor(10).until(d -> modal.isDisplayed());
        assertThat(driver.findElement(By.id("user_count")).getAttribute("value")).isEqualTo("20");
        assertThat(driver.findElement(By.id("host")).getAttribute("value")).isEqualTo("kv://127.0.0.1:6379");
        // CFG-04, WEB-30: the user code's option under Advanced options > Custom parameters
        driver.findElement(By.cssSelector("#start-form details summary")).click();
        WebElement greeting = driver.findElement(By.id("custom_greeting"));
        waitFor(5).until(d -> greeting.isDisplayed());
        assertThat(greeting.getAttribute("value")).isEqualTo("hi");
        assertThat(driver.findElement(By.id("custom-options")).getText()).contains("Custom parameters", "greeting");
        greeting.clear();
        greeting.sendKeys("hello");
        js("var s = document.getElementById('custom_features'); s.options[2].selected = true;"); // a and c
        saveScreenshot("start-form.png");

        // start from the form
        WebElement users = driver.findElement(By.id("user_count"));
        users.clear();
        users.sendKeys("20");
        WebElement rate = driver.findElement(By.id("spawn_rate"));
        rate.clear();
        rate.sendKeys("4");
        driver.findElement(By.id("start-submit")).click();
        waitFor(10).until(d -> !modal.isDisplayed());
        assertThat(env.option("greeting")).hasValue("hello");
        assertThat(env.option("features")).hasValue("a,c");

        // the statistics table fills with the custom client's entries and the Aggregated row
        waitFor(20).until(d -> d.findElements(By.cssSelector("#stats-table tbody tr")).size() == 5);
        List<WebElement> rows = driver.findElements(By.cssSelector("#stats-table tbody tr"));
        assertThat(rows.get(rows.size() - 1).getText()).contains("Aggregated");
        assertThat(driver.findElement(By.id("stats-table")).getText()).contains("get user:{id}")
                .contains("scan orders");
        waitFor(20).until(d -> d.findElement(By.id("status")).getText().equals("RUNNING")
                && d.findElement(By.id("user-count")).getText().equals("20"));
        assertThat(driver.findElement(By.id("btn-stop")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("btn-edit")).isDisplayed()).isTrue();

        // let the charts collect some points, then look at them
        waitFor(30).until(d -> ((Number) js("return window.locustDashboard.charts.points();")).intValue() >= 6);
        driver.manage().window().setSize(new Dimension(1440, 640));
        Thread.sleep(200);
        saveScreenshot("dashboard.png");
        driver.manage().window().setSize(new Dimension(1440, 1000));
        driver.findElement(By.cssSelector(".tab[data-tab=charts]")).click();
        List<WebElement> canvases = driver.findElements(By.cssSelector("#charts canvas"));
        assertThat(canvases).hasSize(3);
        for (WebElement c : canvases) {
            assertThat(c.getSize().getWidth()).isGreaterThan(300);
            assertThat(c.getSize().getHeight()).isGreaterThan(100);
        }
        // the RPS series has real values, not just points
        Number maxRps = (Number) js("var d = window.locustDashboard.charts.rps.data[1];"
                + "return Math.max.apply(null, d.filter(function (v) { return v != null; }));");
        assertThat(maxRps.doubleValue()).isPositive();
        Thread.sleep(300);
        saveScreenshot("charts.png");

        // a phone-sized window still shows the header and a scrollable table
        driver.manage().window().setSize(new Dimension(420, 900));
        driver.findElement(By.cssSelector(".tab[data-tab=stats]")).click();
        Thread.sleep(300);
        saveScreenshot("narrow.png");
        driver.manage().window().setSize(new Dimension(1440, 1000));

        // the other tabs render
        driver.findElement(By.cssSelector(".tab[data-tab=ratio]")).click();
        waitFor(10).until(d -> d.findElement(By.id("ratio-total")).getText().contains("getUser"));
        saveScreenshot("ratio.png");
        driver.findElement(By.cssSelector(".tab[data-tab=logs]")).click();
        waitFor(10).until(d -> d.findElement(By.id("logs")).getText().contains("Starting web interface"));
        saveScreenshot("logs.png");
        driver.findElement(By.cssSelector(".tab[data-tab=failures]")).click();
        driver.findElement(By.cssSelector(".tab[data-tab=stats]")).click();

        // edit the running test
        driver.findElement(By.id("btn-edit")).click();
        WebElement editUsers = driver.findElement(By.id("edit_user_count"));
        waitFor(5).until(d -> editUsers.isDisplayed());
        editUsers.clear();
        editUsers.sendKeys("8");
        WebElement editRate = driver.findElement(By.id("edit_spawn_rate"));
        editRate.clear();
        editRate.sendKeys("50");
        driver.findElement(By.id("edit-submit")).click();
        waitFor(20).until(d -> d.findElement(By.id("user-count")).getText().equals("8"));
        assertThat(env.runner().orElseThrow().userCount()).isEqualTo(8);

        // stop
        driver.findElement(By.id("btn-stop")).click();
        waitFor(20).until(d -> d.findElement(By.id("status")).getText().equals("STOPPED"));
        assertThat(env.runner().orElseThrow().state()).isEqualTo(RunnerState.STOPPED);
        assertThat(driver.findElement(By.id("btn-new")).isDisplayed()).isTrue();

        // the HTML report draws its inline charts with no network (OUT-40/45)
        String dashboard = driver.getWindowHandle();
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.get(ui.url() + "stats/report");
        waitFor(10).until(d -> d.findElements(By.cssSelector("#charts canvas")).size() == 3);
        assertThat(driver.getTitle()).isEqualTo("Test Report for shop-tests.jar");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("Request Statistics")
                .contains("Response Time Statistics").contains("Failures Statistics").contains("Final ratio");
        saveScreenshot("report.png");
        driver.close();
        driver.switchTo().window(dashboard);

        // download the requests CSV through the Download Data tab
        driver.findElement(By.cssSelector(".tab[data-tab=download]")).click();
        driver.findElement(By.id("dl-requests")).click();
        Path csv = waitForDownload();
        String text = Files.readString(csv);
        assertThat(text).startsWith("Type,Name,Request Count,Failure Count").contains("kv,scan orders,")
                .contains(",Aggregated,");
    }

    /**
     * WEB-30, WEB-14: with the class picker (and a base path), each class row shows its weight and opens an editor
     * that posts to /user; a 400 keeps the dialog open with the server's message, a 201 updates the row.
     */
    @Test
    void theClassPickerEditsAUserClassThroughPostUser() throws Exception {
        ui.stop();
        ui = WebUi.start(env, WebUiOptions.builder().webHost("127.0.0.1").webPort(0).webBasePath("/locust")
                .classPicker(true).locustfile("shop-tests.jar").build());
        driver.get(ui.url());
        WebElement row = driver.findElement(By.cssSelector(".class-row[data-class=ShopClientUser]"));
        waitFor(10).until(d -> row.isDisplayed());
        assertThat(row.getText()).contains("ShopClientUser").contains("weight 1");
        saveScreenshot("class-picker.png");
        WebElement settingsButton = row.findElement(By.cssSelector("button.class-settings"));
        assertThat(settingsButton.getAttribute("aria-label")).isEqualTo("Settings of ShopClientUser");
        settingsButton.click();
        WebElement dialog = driver.findElement(By.id("class-editor"));
        waitFor(5).until(d -> dialog.isDisplayed());
        assertThat(driver.findElement(By.id("class-editor-title")).getText()).isEqualTo("ShopClientUser settings");
        List<WebElement> tasks = driver.findElements(By.cssSelector("#class-editor-tasks input[type=checkbox]"));
        assertThat(tasks).extracting(t -> t.getAttribute("value"))
                .containsExactlyInAnyOrder("getUser", "putCart", "scanOrders", "deleteSession");
        assertThat(tasks).allMatch(WebElement::isSelected);

        // no task left: the server's 400 message shows and the dialog stays open
        tasks.forEach(WebElement::click);
        driver.findElement(By.id("class-editor-save")).click();
        WebElement error = driver.findElement(By.id("class-editor-error"));
        waitFor(5).until(d -> error.isDisplayed());
        assertThat(error.getText()).contains("must keep at least one of its tasks");
        assertThat(dialog.isDisplayed()).isTrue();
        saveScreenshot("class-editor.png");
        assertThat(env.userClassSettings("ShopClientUser").tasks().orElseThrow()).hasSize(4);

        // weight 3, a host, every task but scanOrders: saved, the row shows it, focus returns to the button
        tasks.stream().filter(t -> !t.getAttribute("value").equals("scanOrders")).forEach(WebElement::click);
        WebElement weight = driver.findElement(By.id("class-editor-weight"));
        weight.clear();
        weight.sendKeys("3");
        driver.findElement(By.id("class-editor-host")).sendKeys("kv://127.0.0.1:6380");
        assertThat(error.isDisplayed()).isFalse(); // editing hides the old message
        driver.findElement(By.id("class-editor-save")).click();
        waitFor(5).until(d -> !dialog.isDisplayed());
        var settings = env.userClassSettings("ShopClientUser");
        assertThat(settings.weight()).hasValue(3);
        assertThat(settings.fixedCount()).hasValue(0);
        assertThat(settings.host()).hasValue("kv://127.0.0.1:6380");
        assertThat(settings.tasks().orElseThrow()).containsExactlyInAnyOrder("getUser", "putCart", "deleteSession");
        assertThat(row.getText()).contains("weight 3").contains("kv://127.0.0.1:6380");
        assertThat(driver.switchTo().activeElement()).isEqualTo(settingsButton);

        // Escape closes the editor (keyboard), and a reload shows the server's new values
        settingsButton.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor(5).until(d -> dialog.isDisplayed());
        assertThat(driver.findElement(By.id("class-editor-weight")).getAttribute("value")).isEqualTo("3");
        assertThat(driver.findElement(By.cssSelector("#class-editor-tasks input[value=scanOrders]")).isSelected())
                .isFalse();
        driver.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ESCAPE);
        waitFor(5).until(d -> !dialog.isDisplayed());
        assertThat(driver.findElement(By.id("start-modal")).isDisplayed()).isTrue();
        driver.navigate().refresh();
        waitFor(10).until(d -> d.findElement(By.cssSelector(".class-row[data-class=ShopClientUser]")).getText()
                .contains("weight 3"));
    }

    @Test
    void aMasterShowsItsWorkersTabAndCount() {
        env.extension(WorkersView.class, () -> List.of(
                new WorkerInfo("worker-a_1f2e", "running", 12, 35.5, 256L * 1024 * 1024),
                new WorkerInfo("worker-b_9c3d", "missing", 0, 0, 0)));
        driver.get(ui.url() + "#workers");
        WebElement tab = driver.findElement(By.id("workers-tab"));
        waitFor(10).until(d -> tab.isDisplayed());
        js("document.getElementById('start-modal').hidden = true;"); // the start form of a ready run
        tab.click();
        waitFor(10).until(d -> d.findElements(By.cssSelector("#workers-table tbody tr")).size() == 2);
        String table = driver.findElement(By.id("workers-table")).getText();
        assertThat(table).contains("worker-a_1f2e").contains("running").contains("35.5 %").contains("256.0 MB")
                .contains("worker-b_9c3d").contains("missing");
        assertThat(driver.findElement(By.id("worker-count")).getText()).isEqualTo("2");
    }

    private Path waitForDownload() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> done = files.filter(p -> p.toString().endsWith(".csv")).toList();
                if (!done.isEmpty()) {
                    return done.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the CSV download did not arrive in " + downloads);
    }

    /**
     * Saves a screenshot in locust-web/target/screenshots, and in docs/img when run with
     * {@code -Dlocustj.updateScreenshots=true} (so a normal test run leaves the work tree clean).
     */
    private void saveScreenshot(String name) throws IOException {
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        if (!Boolean.getBoolean("locustj.updateScreenshots") || !DOCS_IMAGES.contains(name)) {
            return;
        }
        Path dir = docsImg();
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** docs/img at the repository root (the test runs in locust-web/). */
    private static Path docsImg() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("locust-web")) ? here : here.getParent();
        return root.resolve("docs").resolve("img");
    }
}
