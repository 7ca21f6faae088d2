package dev.ante.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven by its chromedriver, against the real platform with
 * its embedded QuestDB holding simulated games: sign in with a key, every page shows data without a console
 * error, and the game viewer's state at a revision is the API's. Screenshots go to {@code target/screenshots}
 * (and to {@code $ANTE_SCREENSHOTS} when set, as the README's are made).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT extends SimulatedPlatformTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void simulatedGamesAndABrowser() throws Exception {
        simulatedGames();

        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        assertThat(chromium.canExecute() && driver.canExecute())
                .as("Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)")
                .isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver).build(), options);
        wait = new WebDriverWait(browser, WAIT);
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void givenAWrongKey_whenSigningIn_thenTheFormSaysSoAndARightKeyOpensTheOverview() throws Exception {
        browser.get(base() + "/");
        wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        screenshot("sign-in");
        signIn("wrong-key");
        wait.until(d -> d.findElement(By.id("sign-in-error")).getText().contains("not recognised"));
        // The browser reports the refused sign-in, and nothing else.
        assertThat(consoleErrors()).singleElement().asString().contains("/api/v1/session").contains("401");
        signIn("researcher-key");
        wait.until(d -> d.findElement(By.id("nav")).isDisplayed());
        assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("signed in as researcher");
        // The key is in no URL, no script-visible cookie and no storage.
        assertThat(browser.getCurrentUrl()).doesNotContain("researcher-key");
        assertThat((String) script("return document.cookie")).doesNotContain("ante_session");
        assertThat((Long) script("return localStorage.length + sessionStorage.length")).isZero();
    }

    @Test
    @Order(2)
    void givenSimulatedGames_whenTheOverviewIsOpen_thenItCountsThemAndTheLiveFeedShowsNewEvents() throws Exception {
        open("overview");
        wait.until(d -> !text("kpi-completed").equals("–") && Long.parseLong(text("kpi-completed")) > 0);
        wait.until(d -> rows("projections") >= 5);
        JsonNode overview = http.get("/api/v1/stats/overview", "researcher-key").json();
        long completed = 0;
        for (String s : List.of("WON", "LOST", "ABANDONED")) {
            completed += overview.get("games").path(s).asLong();
        }
        assertThat(Long.parseLong(text("kpi-completed"))).isEqualTo(completed);
        assertThat(browser.findElement(By.id("empty")).isDisplayed()).isFalse();
        // A game posted now appears in the live feed.
        Thread.sleep(500);
        String game = "dash-live-" + System.nanoTime();
        assertThat(http.postJson("/api/v1/games/" + game + "/events", "agent-key", List.of(Games.started())).status())
                .isEqualTo(200);
        wait.until(d -> d.findElement(By.id("feed")).getText().contains("game-" + game));
        screenshot("overview");
        assertNoConsoleErrors();
    }

    @Test
    @Order(3)
    void givenStrategies_whenTheirPageIsOpen_thenTheLeaderboardChartsAndComparisonShow() throws Exception {
        open("strategies");
        JsonNode board = http.get("/api/v1/strategies/leaderboard?limit=50", "researcher-key").json().get("items");
        wait.until(d -> rows("leaderboard") == board.size());
        wait.until(d -> rows("compare") > 5);
        wait.until(d -> charted("chart-leaderboard") && charted("chart-winrate"));
        assertThat(browser.findElement(By.id("winrate-note")).getText()).isEmpty();
        screenshot("strategies");
        assertNoConsoleErrors();
    }

    @Test
    @Order(4)
    void givenJokers_whenTheirPageIsOpen_thenTheHeatmapAndSinglesShow() throws Exception {
        open("jokers");
        wait.until(d -> rows("singles") > 0 && charted("chart-heatmap") && rows("tiers") > 0
                && charted("chart-tiers"));
        screenshot("jokers");
        assertNoConsoleErrors();
    }

    @Test
    @Order(5)
    void givenCompletedGames_whenTheAntesPageIsOpen_thenEveryAnteIsListed() throws Exception {
        open("antes");
        int antes = http.get("/api/v1/stats/antes", "researcher-key").json().get("items").size();
        assertThat(antes).isPositive();
        wait.until(d -> rows("antes") == antes && charted("chart-antes"));
        screenshot("antes");
        assertNoConsoleErrors();
    }

    @Test
    @Order(6)
    void givenLearningRuns_whenTheLearningPageIsOpen_thenACurveIsDrawn() throws Exception {
        open("learning");
        wait.until(d -> d.findElements(By.cssSelector("#learning-run option")).size() > 0);
        wait.until(d -> charted("chart-learning"));
        assertThat(browser.findElement(By.id("learning-note")).getText()).isEmpty();
        screenshot("learning");
        assertNoConsoleErrors();
    }

    @Test
    @Order(7)
    void givenAGame_whenTheViewerScrubsToARevision_thenItShowsTheApisStateAtThatRevision() throws Exception {
        open("games");
        wait.until(d -> rows("games") > 0);
        WebElement first = browser.findElement(By.cssSelector("#games tbody tr"));
        String gameId = first.findElement(By.cssSelector("td")).getText();
        first.click();
        wait.until(d -> d.findElement(By.id("viewer")).isDisplayed() && !text("viewer-last").isEmpty());
        long last = Long.parseLong(text("viewer-last"));
        long revision = last / 2;
        script("const s = document.getElementById('viewer-slider'); s.value = arguments[0];"
                + " s.dispatchEvent(new Event('input'));", revision);
        wait.until(d -> text("viewer-revision").equals(Long.toString(revision)));
        wait.until(d -> !text("viewer-event").isEmpty());

        JsonNode expected = http.get("/api/v1/games/" + gameId + "/state?atRevision=" + revision, "researcher-key")
                .json();
        Map<String, String> shown = table("viewer-state");
        assertThat(shown.keySet()).containsExactlyInAnyOrderElementsOf(iterable(expected.fieldNames()));
        for (Map.Entry<String, String> e : shown.entrySet()) {
            JsonNode value = expected.get(e.getKey());
            if (value.isNull()) {
                assertThat(e.getValue()).as(e.getKey()).isEqualTo("–");
            } else if (value.isContainerNode()) {
                assertThat(MAPPER.readTree(e.getValue())).as(e.getKey()).isEqualTo(value);
            } else {
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(value.asText());
            }
        }
        JsonNode event = http.get("/api/v1/games/" + gameId + "/events?fromRevision=" + revision + "&limit=1",
                "researcher-key").json().get("items").get(0);
        assertThat(text("viewer-event")).startsWith(event.get("type").asText());

        // Compared with another game: rows that differ are marked.
        String other = browser.findElements(By.cssSelector("#games tbody tr td:first-child")).get(1).getText();
        browser.findElement(By.id("diff-game")).sendKeys(other);
        browser.findElement(By.id("diff-button")).click();
        wait.until(d -> rows("diff") > 5);
        assertThat(browser.findElements(By.cssSelector("#diff tr.differs"))).isNotEmpty();
        screenshot("game-viewer");
        assertNoConsoleErrors();
    }

    @Test
    @Order(8)
    void givenASignedInBrowser_whenSigningOut_thenTheDataIsNoLongerReadable() {
        open("overview");
        browser.findElement(By.id("sign-out")).click();
        wait.until(d -> d.findElement(By.id("sign-in")).isDisplayed());
        assertThat((String) script("const r = new XMLHttpRequest(); r.open('GET', '/api/v1/stats/overview', false);"
                + " r.send(); return String(r.status);")).isEqualTo("401");
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private void signIn(String key) {
        WebElement input = browser.findElement(By.id("key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
    }

    private void open(String page) {
        browser.get(base() + "/#/" + page);
        wait.until(d -> d.findElement(By.id("page-" + page)).isDisplayed());
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private int rows(String table) {
        return browser.findElements(By.cssSelector("#" + table + " tbody tr")).size();
    }

    /** Whether ECharts drew a chart with at least one series holding data in the element. */
    private boolean charted(String id) {
        Object drawn = script("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + " if (!c) return false; const o = c.getOption();"
                + " return !!o && (o.series || []).some(s => (s.data || []).length > 0);", id);
        return Boolean.TRUE.equals(drawn);
    }

    private Map<String, String> table(String id) {
        Map<String, String> out = new HashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#" + id + " tbody tr"))) {
            List<WebElement> cells = row.findElements(By.cssSelector("td"));
            out.put(cells.get(0).getText(), cells.get(1).getText());
        }
        return out;
    }

    private Object script(String code, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(code, args);
    }

    private void assertNoConsoleErrors() {
        assertThat(consoleErrors()).isEmpty();
    }

    /** The browser's console errors since the last call. */
    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    private void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.write(dir.resolve("dashboard-" + name + ".png"), png);
        String also = System.getenv("ANTE_SCREENSHOTS");
        if (also != null && !also.isBlank()) {
            Files.createDirectories(Path.of(also));
            Files.write(Path.of(also).resolve("dashboard-" + name + ".png"), png);
        }
    }

    private static <T> Iterable<T> iterable(Iterator<T> it) {
        return () -> it;
    }
}
