package org.kapcare.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, against the app a
 * {@code @WebAppTest} started. Register it on a static field:
 * {@code @RegisterExtension static final Browser browser = new Browser();}.
 *
 * <p>Both programs are given by path, so Selenium Manager is never asked to find or download
 * anything. Without them the test class is skipped (a newcomer with only a JDK still gets a green
 * build) unless {@code -Dkapcare.browser.required=true}, which CI sets, turns that into a failure.
 * Named steps and failures are saved as {@code target/browser-screenshots/<TestClass>/<NN-step>.png}.
 */
public final class Browser implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
    TestExecutionExceptionHandler {

  private static final Path CHROMIUM = Path.of(System.getProperty("kapcare.browser.chromium", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("kapcare.browser.chromedriver", "/usr/bin/chromedriver"));
  private static final boolean REQUIRED = Boolean.getBoolean("kapcare.browser.required");
  /** Tasklist's first load on a busy two-core CI machine can take a while; a real hang still ends the test. */
  private static final Duration TIMEOUT =
      Duration.ofSeconds(Long.getLong("kapcare.browser.timeout-seconds", 30));
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("kapcare.browser.screenshots", "target/browser-screenshots"));

  /**
   * Selenium warns at every start that it has no DevTools bindings for Debian's newer Chromium;
   * these tests use WebDriver only, so the warning would just mislead. Held here because
   * java.util.logging keeps loggers weakly and would forget the level.
   */
  private static final List<Logger> QUIET = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
      "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).toList();

  static {
    QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
  }

  /** Where the app answers; by default the port of the test's Spring application. */
  private final Function<ExtensionContext, String> app;
  private WebDriver driver;
  private WebDriverWait wait;
  private String baseUrl;
  private Path shots;
  private int step;

  /** For a {@code @WebAppTest}: the application the test started. */
  public Browser() {
    this(context -> "http://localhost:"
        + SpringExtension.getApplicationContext(context).getEnvironment().getRequiredProperty("local.server.port"));
  }

  private Browser(Function<ExtensionContext, String> app) {
    this.app = app;
  }

  /** For an app the test runs some other way, e.g. the packaged jar in its own JVM. */
  public static Browser at(Supplier<String> baseUrl) {
    return new Browser(context -> baseUrl.get());
  }

  // --- JUnit lifecycle ---------------------------------------------------------------------

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = missing();
    if (missing == null) {
      return ConditionEvaluationResult.enabled("chromium and chromedriver found");
    }
    // Required: stay enabled so that beforeAll fails the class instead of skipping it.
    return REQUIRED ? ConditionEvaluationResult.enabled(missing)
        : ConditionEvaluationResult.disabled("Browser checks skipped: " + missing);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    String missing = missing();
    if (missing != null) {
      throw new IllegalStateException("Browser checks are required (kapcare.browser.required=true) but " + missing);
    }
    shots = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName());
    deleteOldScreenshots();
    step = 0;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    start(app.apply(context));
  }

  private void start(String url) {
    baseUrl = url;
    driver = new ChromeDriver(driverService(), options());
    // Angular redraws parts of the page while a test looks at them; a redrawn element is looked up again.
    wait = new WebDriverWait(driver, TIMEOUT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  /**
   * For a benchmark, outside JUnit: the browser open on {@code baseUrl}, its screenshots in
   * {@code shots}; {@link #quit()} it when done. Ask {@link #missing()} first.
   */
  public static Browser standalone(String baseUrl, Path shots) {
    Browser browser = new Browser(context -> baseUrl);
    browser.shots = shots;
    browser.start(baseUrl);
    return browser;
  }

  public void quit() {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    if (driver != null) {
      try {
        screenshot("failed-" + context.getRequiredTestMethod().getName());
      } catch (RuntimeException screenshotFailed) {
        failure.addSuppressed(screenshotFailed);
      }
    }
    throw failure;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    quit();
  }

  /** Null when both programs are there, else what is missing and how to get it. */
  public static String missing() {
    List<String> absent = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(path))
        .map(Path::toString).toList();
    if (absent.isEmpty()) {
      return null;
    }
    return String.join(" and ", absent) + " not found. Install Debian's "
        + "'chromium chromium-driver', or point -Dkapcare.browser.chromium / -Dkapcare.browser.chromedriver at them";
  }

  private static ChromeDriverService driverService() {
    return new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        // Form dates are typed and shown in the browser's zone; UTC makes the stored values predictable.
        // The browser is the person's own machine: it keeps the real clock when the suite runs as if at
        // another time (.ci/at's libfaketime, under which chromedriver dies at start).
        .withEnvironment(Map.of("TZ", "UTC", "LD_PRELOAD", ""))
        .build();
  }

  private static ChromeOptions options() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--window-size=1440,900",
        // CI runs as root, where Chromium's sandbox cannot start; containers have a tiny /dev/shm.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        // The machine's network is closed: no update, sync or other background calls to time out on.
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // The webapps pick their language and date formats (mm/dd/yyyy) from the browser.
        "--lang=en-US");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
    return options;
  }

  private void deleteOldScreenshots() throws IOException {
    if (Files.isDirectory(shots)) {
      try (Stream<Path> old = Files.walk(shots)) {
        old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  // --- what tests do ---------------------------------------------------------------------

  /** Opens a path of the app, e.g. {@code /camunda/app/cockpit/default/}. */
  public void open(String path) {
    driver.get(baseUrl + path);
  }

  /**
   * Signs in to a Camunda webapp ({@code tasklist}, {@code cockpit}, {@code admin}) through its own
   * login form, as a demo user, and waits until the app has let the user in.
   */
  public void logIn(String webapp, String user) {
    open("/camunda/app/" + webapp + "/default/");
    By form = By.cssSelector("form[name=signinForm]");
    By name = By.cssSelector("form[name=signinForm] input[ng-model=username]");
    By password = By.cssSelector("form[name=signinForm] input[type=password]");
    By signIn = By.cssSelector("form[name=signinForm] button[type=submit]");
    // The button gets its words when the translations arrive; until then the page may still move
    // focus, and keys meant for the password land in the user name.
    until(driver -> !driver.findElement(signIn).getText().isBlank());
    until(driver -> {
      if (!hasValue(name, user) || !hasValue(password, "demo")) {
        driver.findElement(name).clear();
        driver.findElement(name).sendKeys(user);
        driver.findElement(password).clear();
        driver.findElement(password).sendKeys("demo");
      }
      return hasValue(name, user) && hasValue(password, "demo");
    });
    screenshot("login-" + webapp);
    click(signIn);
    // A refused login keeps the form and shows an alert: report that rather than time out.
    By refused = By.cssSelector(".form-signin .notifications .alert-danger");
    until(ExpectedConditions.or(ExpectedConditions.invisibilityOfElementLocated(form),
        ExpectedConditions.visibilityOfElementLocated(refused)));
    List<WebElement> alerts = driver.findElements(refused);
    if (!alerts.isEmpty() && alerts.get(0).isDisplayed()) {
      throw new AssertionError(user + " could not log in to " + webapp + ": " + alerts.get(0).getText());
    }
  }

  private boolean hasValue(By field, String value) {
    return value.equals(driver.findElement(field).getDomProperty("value"));
  }

  /** Waits until the condition holds, failing the test after the timeout. */
  public <T> T until(ExpectedCondition<T> condition) {
    return wait.until(condition);
  }

  public WebElement visible(By locator) {
    return until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Clicks as a person would: the element scrolled into the middle of its list first, clear of Tasklist's footer. */
  public void click(By locator) {
    WebElement element = until(ExpectedConditions.elementToBeClickable(locator));
    ((ChromeDriver) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
    element.click();
  }

  public void type(By locator, CharSequence... keys) {
    until(ExpectedConditions.elementToBeClickable(locator)).sendKeys(keys);
  }

  /** Brings an element into the window, e.g. before a screenshot of it. */
  public void scrollTo(WebElement element) {
    ((ChromeDriver) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})", element);
  }

  /** Saves the page as the next numbered step of this test class. */
  public Path screenshot(String name) {
    Path file = shots.resolve(String.format("%02d-%s.png", ++step, name.replaceAll("[^A-Za-z0-9-]+", "-")));
    try {
      Files.createDirectories(shots);
      Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save screenshot " + file, e);
    }
    return file;
  }

  /** For what the helpers above do not cover. */
  public WebDriver driver() {
    return driver;
  }
}
