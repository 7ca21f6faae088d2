package dev.ante.bench.http;

import dev.ante.bench.results.Workload;
import java.io.File;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The built-in dashboard in headless Chromium: each page loaded afresh, timed from navigation to its first
 * contentful paint and to the moment each of its panels has its data on the page (the page marks that with
 * {@code performance.mark('ante:panel:<id>')}).
 */
final class DashboardTiming {

    /** The panels each page fills, by element id. */
    private static final Map<String, List<String>> PAGES = new LinkedHashMap<>();

    static {
        PAGES.put("overview", List.of("kpis", "projections"));
        PAGES.put("strategies", List.of("leaderboard", "chart-leaderboard", "compare", "chart-winrate"));
        PAGES.put("jokers", List.of("chart-heatmap", "singles"));
        PAGES.put("antes", List.of("antes", "chart-antes"));
        PAGES.put("learning", List.of("chart-learning"));
        PAGES.put("games", List.of("games"));
    }

    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    private DashboardTiming() {
    }

    static boolean available() {
        return CHROMIUM.canExecute() && DRIVER.canExecute();
    }

    /** Signs in with {@code key} and loads every page {@code rounds} times; the first round warms up. */
    static Workload measure(URI base, String key, long games, int rounds) throws InterruptedException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).build(),
                options);
        try {
            browser.get(base.resolve("/").toString());
            await(browser, "return !document.getElementById('sign-in').hidden");
            browser.findElement(By.id("key")).sendKeys(key);
            browser.findElement(By.cssSelector("#sign-in-form button")).click();
            await(browser, "return !document.getElementById('nav').hidden");

            Map<String, Object> byPage = new LinkedHashMap<>();
            double worstPaint = 0;
            double worstPanel = 0;
            String worstPanelName = null;
            for (int round = 0; round < rounds; round++) {
                for (Map.Entry<String, List<String>> page : PAGES.entrySet()) {
                    // A different query each time: a new document, so its performance timeline starts afresh.
                    browser.get(base.resolve("/?load=" + round + "-" + page.getKey() + "#/" + page.getKey()).toString());
                    List<String> marks = new ArrayList<>();
                    page.getValue().forEach(id -> marks.add("'ante:panel:" + id + "'"));
                    await(browser, "return [" + String.join(",", marks) + "].every(m =>"
                            + " performance.getEntriesByName(m).length > 0)"
                            + " && performance.getEntriesByName('first-contentful-paint').length > 0");
                    double paint = number(browser, "return performance.getEntriesByName('first-contentful-paint')[0]"
                            + ".startTime");
                    Map<String, Object> panels = new LinkedHashMap<>();
                    double slowest = 0;
                    for (String id : page.getValue()) {
                        double at = number(browser, "return performance.getEntriesByName('ante:panel:" + id
                                + "')[0].startTime");
                        panels.put(id, Math.round(at));
                        if (at > slowest) {
                            slowest = at;
                        }
                        if (round > 0 && at > worstPanel) {
                            worstPanel = at;
                            worstPanelName = page.getKey() + "/" + id;
                        }
                    }
                    if (round > 0) {
                        worstPaint = Math.max(worstPaint, paint);
                        byPage.put(page.getKey(), Map.of("firstPaintMs", Math.round(paint), "slowestPanelMs",
                                Math.round(slowest), "panelsMs", panels));
                    }
                }
            }
            boolean atScale = games >= 100_000;
            return Workload.of("dashboard.first_paint", "ms", Math.round(worstPaint))
                    .target("first paint < 1 s, every panel < 500 ms, at 100,000 games",
                            atScale && worstPaint < 1_000 && worstPanel < 500)
                    .detail("measured", "headless Chromium, each page loaded afresh; the worst page's first contentful"
                            + " paint, and the latest moment a panel had its data on the page, from navigation start;"
                            + " the first of " + rounds + " rounds warms up and is not counted")
                    .detail("games", games)
                    .detail("slowestPanelMs", Math.round(worstPanel))
                    .detail("slowestPanel", worstPanelName)
                    .detail("pages", byPage);
        } finally {
            browser.quit();
        }
    }

    private static void await(WebDriver browser, String condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Boolean.TRUE.equals(((JavascriptExecutor) browser).executeScript(condition))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dashboard did not get there within 60 s: " + condition);
            }
            Thread.sleep(20);
        }
    }

    private static double number(WebDriver browser, String script) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(script)).doubleValue();
    }
}
