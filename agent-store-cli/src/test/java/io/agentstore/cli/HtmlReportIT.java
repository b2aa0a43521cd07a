package io.agentstore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentstore.spi.Json;
import io.agentstore.testing.Eventually;
import io.agentstore.testing.SharedFixtures;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code report html} checked as a person would: the packaged command writes the page from the demo database and
 * from the shared Claude Code fixtures, and Debian's Chromium (headless, through its own chromedriver: Selenium
 * never downloads one) opens it from disk. The browser must record no network request and no console error,
 * every section's chart must have drawn marks, its table must be one click away, and the totals must equal
 * {@code report daily --json}. Screenshots go to {@code target/report-html/}.
 */
class HtmlReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** The only http(s) strings in the page: XML namespace names and licence texts, none of them fetched. */
    private static final Set<String> NON_FETCHED = Set.of(
            "http://www.w3.org/2000/svg",
            "http://www.w3.org/1999/xlink",
            "http://www.w3.org/2000/xmlns/",
            "http://www.w3.org/XML/1998/namespace",
            "http://www.apache.org/licenses/LICENSE-2.0",
            "https://github.com/ecomfe/zrender/blob/master/LICENSE.txt");

    @TempDir
    static Path dir;

    static ChromeDriver browser;

    @BeforeAll
    static void browser() {
        SharedFixtures.require(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and its driver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDemoDatabase() throws Exception {
        Path db = dir.resolve("demo/agent-store.duckdb");
        Files.createDirectories(db.getParent());
        assertThat(cli("demo", "--db", db.toString(), "--sessions", "20")).contains("imported");
        Page page = check(db, "demo");
        // the demo history has every kind of usage section, tests and agents' work
        assertThat(page.sections())
                .contains(
                        "cost",
                        "tokens",
                        "cache",
                        "blocks",
                        "projects",
                        "sessions",
                        "agents",
                        "tools",
                        "files",
                        "tests",
                        "work");

        // a project and a first day narrow the page as they narrow report daily
        List<?> rows = (List<?>) Json.parse(cli(
                "query",
                "--db",
                db.toString(),
                "--format",
                "json",
                "SELECT (SELECT min(project) FROM dim_session) AS project,"
                        + " strftime(CAST(timezone('UTC', min(occurred_at)) AS DATE) + 5, '%Y-%m-%d') AS since"
                        + " FROM v_api_calls"));
        Map<?, ?> narrow = (Map<?, ?>) rows.get(0);
        Page narrowed = check(db, "demo-narrow", "--project", (String) narrow.get("project"), "--since", (String)
                narrow.get("since"));
        assertThat(narrowed.totalTokens()).isPositive().isLessThan(page.totalTokens());
    }

    @Test
    void theSharedClaudeCodeFixtures() throws Exception {
        Path projects = SharedFixtures.directory("fixtures/claude-code/claude-code-log/test/test_data/real_projects");
        Path db = dir.resolve("fixtures/agent-store.duckdb");
        Files.createDirectories(db.getParent());
        cli("ingest", "claude-code", "--db", db.toString(), "--projects", projects.toString(), "--idle-after", "0s");
        Page page = check(db, "fixtures");
        assertThat(page.sections()).contains("cost", "tokens", "cache", "blocks", "sessions", "tools");
    }

    /** What one page showed. */
    record Page(List<String> sections, long totalTokens) {}

    private Page check(Path db, String name, String... filter) throws Exception {
        Path html = dir.resolve(name + ".html");
        List<String> args = new ArrayList<>(List.of("report", "html", "--db", db.toString(), "-z", "UTC", "-o"));
        args.add(html.toString());
        args.addAll(List.of(filter));
        assertThat(cli(args.toArray(String[]::new))).contains("wrote " + html.toAbsolutePath());
        List<String> daily = new ArrayList<>(List.of("report", "daily", "--json", "--db", db.toString(), "-z", "UTC"));
        daily.addAll(List.of(filter));
        Map<?, ?> totals = (Map<?, ?>) ((Map<?, ?>) Json.parse(cli(daily.toArray(String[]::new)))).get("totals");

        String text = Files.readString(html, StandardCharsets.UTF_8);
        Set<String> urls = new TreeSet<>();
        Matcher m = Pattern.compile("https?://[^\\s\"'<>)]*").matcher(text);
        while (m.find()) {
            urls.add(m.group());
        }
        assertThat(NON_FETCHED)
                .as("every http(s) string in the page is a namespace or licence text")
                .containsAll(urls);

        browser.manage().logs().get(LogType.PERFORMANCE); // drop what an earlier page left
        browser.manage().logs().get(LogType.BROWSER);
        browser.manage().window().setSize(new Dimension(1280, 1000));
        String url = html.toUri().toString();
        browser.get(url);
        waitReady();
        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return document.querySelectorAll('[src],[href]:not([href^=\"#\"])').length"))
                .as("elements that point outside the page")
                .isEqualTo(0L);

        // totals: the page's equal report daily --json's, exactly, and read the same rounded
        BigDecimal cost = new BigDecimal(String.valueOf(totals.get("totalCost")));
        WebElement costBox = browser.findElement(By.id("kpi-totalCost"));
        assertThat(new BigDecimal(costBox.getAttribute("data-exact"))).isEqualByComparingTo(cost);
        assertThat(costBox.findElement(By.className("v")).getText())
                .isEqualTo("$" + String.format(Locale.US, "%,.2f", cost.setScale(2, RoundingMode.HALF_UP)));
        for (String k :
                List.of("inputTokens", "outputTokens", "cacheCreationTokens", "cacheReadTokens", "totalTokens")) {
            WebElement box = browser.findElement(By.id("kpi-" + k));
            long expected = ((Number) totals.get(k)).longValue();
            assertThat(Long.parseLong(box.getAttribute("data-exact"))).as(k).isEqualTo(expected);
            assertThat(box.findElement(By.className("v")).getText())
                    .as(k)
                    .isEqualTo(String.format(Locale.US, "%,d", expected));
        }
        // the cost table's total row is the same total
        List<WebElement> costFooter = browser.findElements(By.cssSelector("#s-cost tfoot td"));
        assertThat(new BigDecimal(costFooter.get(costFooter.size() - 1).getAttribute("data-exact")))
                .isEqualByComparingTo(cost);
        assertThat(Long.parseLong(costFooter.get(costFooter.size() - 2).getAttribute("data-exact")))
                .isEqualTo(((Number) totals.get("totalTokens")).longValue());

        // every section: its chart drew marks, and its table is one click away
        List<String> sections = new ArrayList<>();
        for (WebElement section : browser.findElements(By.cssSelector("section.section"))) {
            String id = section.getAttribute("data-section");
            sections.add(id);
            WebElement chart = section.findElement(By.className("chart"));
            assertThat(chart.getAttribute("data-drawn")).as(id + " drawn").isEqualTo("true");
            Long marks = (Long) js.executeScript(
                    "return Array.prototype.filter.call(arguments[0].querySelectorAll('svg path'), function (p) {"
                            + " var f = p.getAttribute('fill'); var s = p.getAttribute('stroke');"
                            + " return (f && f !== 'none' && f !== 'transparent') || (s && s !== 'none' && p.getAttribute('d').length > 40);"
                            + " }).length",
                    chart);
            assertThat(marks).as(id + " marks").isGreaterThan(0L);
            WebElement table = section.findElement(By.className("table-wrap"));
            assertThat(table.isDisplayed()).as(id + " table hidden at first").isFalse();
            section.findElement(By.className("toggle")).click();
            assertThat(table.isDisplayed()).as(id + " table after one click").isTrue();
            assertThat(table.findElements(By.cssSelector("tbody tr")))
                    .as(id + " rows")
                    .isNotEmpty();
        }
        assertThat(sections).isNotEmpty();

        // full-page screenshot, then the dark theme draws without errors too
        Long height = (Long) js.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 40, 16_000)));
        Path shots = Path.of("target", "report-html");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElement(By.id("theme")).click();
        waitReady();
        Files.write(shots.resolve(name + "-dark.png"), browser.getScreenshotAs(OutputType.BYTES));

        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
                errors.add(e.getLevel() + " " + e.getMessage());
            }
        }
        assertThat(errors).as("console errors and warnings").isEmpty();
        List<String> requests = new ArrayList<>();
        int pageLoads = 0;
        for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
            Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) Json.parse(e.getMessage())).get("message");
            if ("Network.requestWillBeSent".equals(message.get("method"))) {
                String requested = (String) ((Map<?, ?>) ((Map<?, ?>) message.get("params")).get("request")).get("url");
                if (requested.equals(url)) {
                    pageLoads++;
                } else {
                    requests.add(requested);
                }
            }
        }
        assertThat(pageLoads).as("the recording saw the page's own load").isPositive();
        assertThat(requests).as("network requests besides the page itself").isEmpty();
        return new Page(sections, ((Number) totals.get("totalTokens")).longValue());
    }

    private void waitReady() {
        Eventually.await(
                "every chart of the page drawn",
                Duration.ofSeconds(60),
                () -> "true".equals(browser.findElement(By.tagName("body")).getAttribute("data-ready")));
    }

    private String cli(String... args) throws Exception {
        String jar = System.getProperty("agentstore.cli.jar", "target/agent-store.jar");
        assertThat(Path.of(jar)).as("the packaged command").exists();
        List<String> cmd = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("AGENT_STORE_DB");
        pb.redirectErrorStream(false);
        File err = dir.resolve("stderr.txt").toFile();
        pb.redirectError(err);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue())
                .as(String.join(" ", args) + ": " + Files.readString(err.toPath()))
                .isZero();
        return out;
    }
}
