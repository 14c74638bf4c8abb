package dev.cyclone.websocket.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The echo page and the chat page as a person uses them: in a real headless browser,
 * Debian's {@code chromium} driven through {@code chromium-driver} by Selenium. Both
 * paths are given explicitly so that Selenium Manager never looks for (or downloads) a
 * browser or a driver. Screenshots land in {@code target/screenshots/} for a person to
 * look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class BrowserEchoAndChatTest {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	private final List<WebDriver> drivers = new ArrayList<>();

	private final List<Path> profiles = new ArrayList<>();

	@LocalServerPort
	int port;

	@BeforeAll
	static void browserIsInstalled() {
		// Fail, never skip: a missing browser must not pass unnoticed (.ci/run installs
		// it).
		requireExecutable(CHROMIUM, "Chromium");
		requireExecutable(CHROMEDRIVER, "ChromeDriver");
		// Selenium Manager is not used (both paths are explicit); should anything start
		// it, no statistics.
		System.setProperty("SE_AVOID_STATS", "true");
	}

	private static void requireExecutable(String path, String what) {
		if (!Files.isExecutable(Paths.get(path))) {
			fail(what + " is not installed: " + path + " is missing. The browser tests drive Debian's chromium with"
					+ " chromium-driver; install them with `apt-get install -y chromium chromium-driver`"
					+ " (.ci/run does this on CI).");
		}
	}

	@AfterEach
	void quitBrowsers() throws IOException {
		RuntimeException failure = null;
		for (WebDriver driver : this.drivers) {
			try {
				driver.quit();
			}
			catch (RuntimeException ex) {
				failure = ex;
			}
		}
		this.drivers.clear();
		for (Path profile : this.profiles) {
			deleteQuietly(profile);
		}
		this.profiles.clear();
		if (failure != null) {
			throw failure;
		}
	}

	@Test
	void echoPageShowsTheGreetingAndWhatIsTyped() throws IOException {
		WebDriver browser = openBrowser("echo");
		browser.get(url("/"));

		waitForText(browser, "#log div.reply", "You said: Hello, world");
		assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("open");

		WebElement message = browser.findElement(By.id("message"));
		message.clear();
		message.sendKeys("second");
		browser.findElement(By.id("send")).click();

		waitForText(browser, "#log div.reply", "You said: second");
		assertThat(texts(browser, "#log div.reply")).containsExactly("You said: Hello, world", "You said: second");
		screenshot(browser, "echo.png");
	}

	@Test
	void aMessageTypedInOneBrowserAppearsInTheOther() throws IOException {
		WebDriver ann = openBrowser("ann");
		WebDriver bob = openBrowser("bob");

		join(ann, "ann");
		join(bob, "bob");

		waitForText(ann, "#log div.event span.text", "bob joined");

		WebElement message = ann.findElement(By.id("message"));
		message.sendKeys("hello from ann");
		ann.findElement(By.id("send")).click();

		WebElement line = waitForEvent(bob, "ann", "hello from ann");
		assertThat(line.getAttribute("class")).contains("message");
		waitForEvent(ann, "ann", "hello from ann");
		assertThat(ann.findElement(By.id("message")).getDomProperty("value")).isEmpty();
		screenshot(bob, "chat.png");
	}

	private void join(WebDriver browser, String name) {
		browser.get(url("/chat.html?name=" + name + "&room=lobby"));
		assertThat(browser.findElement(By.id("name")).getDomProperty("value")).isEqualTo(name);
		assertThat(browser.findElement(By.id("room")).getDomProperty("value")).isEqualTo("lobby");
		browser.findElement(By.id("join-button")).click();
		wait(browser, () -> name + "'s page to say connected, not " + browser.findElement(By.id("status")).getText())
			.until((d) -> "connected".equals(d.findElement(By.id("status")).getText()));
		assertThat(browser.findElement(By.id("message")).isEnabled()).isTrue();
		assertThat(browser.findElement(By.id("send")).isEnabled()).isTrue();
	}

	private WebDriver openBrowser(String name) throws IOException {
		Path profile = Files.createTempDirectory("chromium-profile-" + name + "-");
		this.profiles.add(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
				"--window-size=1024,768", "--user-data-dir=" + profile);
		Path logs = Files.createDirectories(Paths.get("target", "browser-logs"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.withLogFile(logs.resolve("chromedriver-" + name + ".log").toFile())
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		this.drivers.add(driver);
		return driver;
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static WebDriverWait wait(WebDriver browser, Supplier<String> what) {
		WebDriverWait wait = new WebDriverWait(browser, WAIT);
		wait.ignoring(StaleElementReferenceException.class);
		wait.withMessage(() -> "waiting for " + what.get());
		return wait;
	}

	private static void waitForText(WebDriver browser, String selector, String text) {
		wait(browser, () -> "'" + text + "' in " + selector + "; the log shows " + texts(browser, "#log > div"))
			.until((d) -> texts(d, selector).contains(text));
	}

	private static WebElement waitForEvent(WebDriver browser, String from, String text) {
		return wait(browser, () -> "a message from " + from + " saying '" + text + "'; the log shows "
				+ texts(browser, "#log > div"))
			.until((d) -> {
				for (WebElement line : d.findElements(By.cssSelector("#log div.event"))) {
					if (from.equals(line.findElement(By.cssSelector("span.from")).getText())
							&& text.equals(line.findElement(By.cssSelector("span.text")).getText())) {
						return line;
					}
				}
				return null;
			});
	}

	private static List<String> texts(WebDriver browser, String selector) {
		return browser.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

	private static void screenshot(WebDriver browser, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	private static void deleteQuietly(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover empty profile in the temporary directory is harmless
		}
	}

}
