package org.kapcare.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kapcare.KapCareApplication;
import org.kapcare.PackagedApp;
import org.kapcare.browser.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 21's browser figures: a care coordinator in Tasklist, in Debian's headless Chromium, on the
 * demo clinic (its 40 running journeys), opening their queue and then one task after another: the
 * time from the click to the queue's tasks and count on screen, and from the click on a task to its
 * form's fields. Baseline, in the same run on the same database: Camunda's starter alone
 * ({@link BareCamunda}: Tasklist without anything of KAP Care's) started on the demo clinic's H2
 * file after KAP Care stopped, the two taking turns.
 */
final class TasklistOpening {

  private static final Path FOLDER = Path.of("target", "bench", "tasklist").toAbsolutePath();
  private static final Duration START_UP = Duration.ofMinutes(4);
  private static final String QUEUE = "Care coordination queue";
  private static final By QUEUE_COUNTER = By.xpath("//h4[contains(., '" + QUEUE + "')]//span[contains(@class,'counter')]");
  private static final By MY_TASKS_COUNTER = By.xpath("//h4[contains(., 'My tasks')]//span[contains(@class,'counter')]");
  private static final By CARDS = By.cssSelector(".tasks-list li.task h4 a");
  private static final By FORM_FIELDS = By.cssSelector(".fjs-form .fjs-form-field");

  private final int rounds;
  private final int opens;

  /** {@code rounds} turns of each app, {@code opens} queue openings and task openings in each after one to warm up. */
  TasklistOpening(int rounds, int opens) {
    this.rounds = rounds;
    this.opens = opens;
  }

  private record Kind(String label, String classPath, String mainClass, List<String> settings) {}

  void run(BenchReport report) throws Exception {
    BenchReport.Section section = report.section("Tasklist in Chromium on the demo clinic: opening the coordinators' "
        + "queue and its tasks");
    Bench.deleteRecursively(FOLDER);
    Path clinic = FOLDER.resolve("clinic");
    Files.createDirectories(clinic);
    if (Browser.missing() != null) {
      BenchReport.note(section, "skipped: " + Browser.missing());
      return;
    }
    Kind kapCare = new Kind("KAP Care", System.getProperty("java.class.path"), KapCareApplication.class.getName(),
        List.of("--spring.profiles.active=demo"));
    Kind bare = new Kind("Camunda alone", BareCamunda.classPath(), BareCamunda.class.getName(), bareOn(clinic));
    // The demo writes its running journeys at the first start; stopped before its six months of history.
    try (PackagedApp first = PackagedApp.startMain(FOLDER.resolve("demo-first-start.log"), clinic, Map.of(),
        kapCare.classPath(), kapCare.mainClass(), kapCare.settings().toArray(String[]::new))) {
      first.awaitLogLine("running journeys wait in the queues", START_UP);
    }
    Map<Kind, List<Long>> queue = new LinkedHashMap<>();
    Map<Kind, List<Long>> task = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Kind kind : List.of(kapCare, bare)) {
        String name = (kind == kapCare ? "kapcare-" : "bare-") + round;
        try (PackagedApp app = PackagedApp.startMain(FOLDER.resolve(name + ".log"), clinic, Map.of(), kind.classPath(),
            kind.mainClass(), kind.settings().toArray(String[]::new))) {
          app.awaitLogLine("Started ", START_UP);
          Browser browser = Browser.standalone(app.baseUrl(), FOLDER.resolve(name));
          try {
            browser.logIn("tasklist", "coordinator");
            measure(browser, queue.computeIfAbsent(kind, k -> new ArrayList<>()),
                task.computeIfAbsent(kind, k -> new ArrayList<>()));
            browser.screenshot("queue-and-task");
          } finally {
            browser.quit();
          }
        }
      }
    }
    for (Kind kind : List.of(kapCare, bare)) {
      BenchReport.add(section, kind.label() + ": queue, click to its tasks and count, p50 / p95 / max",
          BenchReport.spread(sorted(queue.get(kind))), "ms");
      BenchReport.add(section, kind.label() + ": task, click to its form's fields, p50 / p95 / max",
          BenchReport.spread(sorted(task.get(kind))), "ms");
    }
    BenchReport.add(section, "KAP Care / Camunda alone: queue p50; task p50", String.format("%.2f; %.2f",
        BenchReport.percentile(sorted(queue.get(kapCare)), 50) / (double) BenchReport.percentile(sorted(queue.get(bare)), 50),
        BenchReport.percentile(sorted(task.get(kapCare)), 50) / (double) BenchReport.percentile(sorted(task.get(bare)), 50)),
        "x");
    BenchReport.note(section, String.format("Headless Chromium 1440×900 on this machine, signed in as the demo's "
        + "coordinator; %d round(s), each app started in its turn on the same H2 file (the demo clinic's 40 running "
        + "journeys, written at a first start), %d openings of each after one to warm up. Queue: from the click on "
        + "\"%s\" (with \"My tasks\" open) until its count and its first page are drawn. Task: from the click on the "
        + "next card of the queue until that task's form shows its fields (the previous form taken off the page "
        + "first). Polled every 10 ms. Camunda alone: the starter with its webapps, on the same file, no KAP Care "
        + "(no plugins, guards or queue SQL), job executor off. Logs and screenshots: %s.", rounds, opens, QUEUE, FOLDER));
  }

  /** One warm-up and {@code opens} measured openings of the queue and of tasks, adding milliseconds to each list. */
  private void measure(Browser browser, List<Long> queueTimes, List<Long> taskTimes) {
    WebDriverWait fine = new WebDriverWait(browser.driver(), Duration.ofSeconds(30), Duration.ofMillis(10));
    fine.ignoring(StaleElementReferenceException.class);
    for (int open = -1; open < opens; open++) {
      browser.click(By.partialLinkText("My tasks"));
      fine.until(driver -> !driver.findElements(MY_TASKS_COUNTER).isEmpty()
          && driver.findElement(MY_TASKS_COUNTER).isDisplayed());
      long clicked = System.nanoTime();
      browser.driver().findElement(By.partialLinkText(QUEUE)).click();
      fine.until(driver -> {
        List<WebElement> counter = driver.findElements(QUEUE_COUNTER);
        if (counter.isEmpty() || !counter.get(0).isDisplayed() || counter.get(0).getText().isBlank()) {
          return false;
        }
        int count = Integer.parseInt(counter.get(0).getText().strip());
        return driver.findElements(CARDS).size() == Math.min(15, count);
      });
      long queueShown = System.nanoTime();

      WebElement card = browser.driver().findElements(CARDS).get(Math.max(0, open) % 15);
      // In the middle of the list, clear of Tasklist's footer, as a person scrolls to it before clicking.
      ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});"
          + "document.querySelectorAll('.fjs-form').forEach(form => form.remove())", card);
      long taskClicked = System.nanoTime();
      card.click();
      fine.until(driver -> !driver.findElements(FORM_FIELDS).isEmpty());
      long formShown = System.nanoTime();
      if (open >= 0) {
        queueTimes.add(queueShown - clicked);
        taskTimes.add(formShown - taskClicked);
      }
    }
  }

  /** Camunda's starter alone on the demo clinic's H2 file: its tables, users, filters and forms, nothing of KAP Care's. */
  private static List<String> bareOn(Path clinic) {
    return List.of(
        "--spring.config.name=bare-camunda",
        "--spring.datasource.url=jdbc:h2:file:" + clinic.resolve("data").resolve("kapcare")
            + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256;DEFAULT_NULL_ORDERING=HIGH",
        "--spring.datasource.username=sa",
        "--spring.flyway.enabled=false",
        "--camunda.bpm.database.schema-update=false",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--camunda.bpm.history-level=full",
        "--camunda.bpm.authorization.enabled=true",
        // KAP Care's jobs need KAP Care's beans; Camunda alone would turn each into an incident.
        "--camunda.bpm.job-execution.enabled=false");
  }

  private static long[] sorted(List<Long> nanos) {
    return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
  }
}
