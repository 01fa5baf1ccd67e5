package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.EngineClock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A queue in Tasklist puts urgent work first, then what is due soonest, undated work last, on every page. */
@WebAppTest
class TasklistQueueBrowserTest extends JourneyDriver {

  @RegisterExtension
  static final Browser browser = new Browser();

  private static final By CARD_TITLES = By.cssSelector(".tasks-list li.task h4 a");

  /** This test's patients: the consultations in the order they are due, then the consent's, then the review's. */
  private final List<String> ourPatients = new ArrayList<>();

  /** Sixteen consultations due over the next days, a consent with no due date, and an urgent safety review. */
  private String prescribersWork() {
    for (int i = 0; i < 16; i++) {
      ProcessInstance journey = refer();
      ourPatients.add(journey.getBusinessKey());
      Instant at = EngineClock.now().plus(Duration.ofDays(2).plusHours(i)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      complete(journey, "scheduleConsultation", "consultationAt", iso(at));
    }
    ProcessInstance undated = historyTaken(Answers.medicalHistory());
    ourPatients.add(undated.getBusinessKey());
    ourPatients.add(withUrgentSafetyReview().getBusinessKey());
    return undated.getBusinessKey();
  }

  /**
   * The queue is shared with other tests' patients: what is checked is where this test's own tasks
   * stand among all of them, on every page.
   */
  @Test
  void urgentWorkComesFirstAndEveryPageCanBeReached() {
    String undated = prescribersWork();

    browser.logIn("tasklist", "prescriber");
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Prescriber queue')]"));
    browser.until(ExpectedConditions.numberOfElementsToBe(CARD_TITLES, 15));
    List<String> first = titles();
    assertThat(first.get(0)).startsWith("Urgent safety review");
    assertThat(browser.visible(By.cssSelector(".tasks-list li.task .cells-wrapper .kapcare-priority")).getText())
        .as("the first card's priority, where Tasklist showed its number").isEqualToIgnoringCase("urgent");
    assertThat(browser.driver().findElement(By.cssSelector(".tasks-list li.task .priority")).isDisplayed())
        .as("the engine's number is not shown").isFalse();
    browser.screenshot("urgent-first");

    List<String> all = new ArrayList<>(first);
    // More than a page: the pager is drawn once the count arrives.
    browser.visible(By.xpath("//ul[contains(@class,'pagination')]//a[normalize-space()='2']"));
    for (int page = 2; ; page++) {
      By next = By.xpath("//ul[contains(@class,'pagination')]//a[normalize-space()='" + page + "']");
      if (browser.driver().findElements(next).isEmpty()) {
        break;
      }
      List<String> before = titles();
      browser.click(next);
      browser.until(driver -> !titles().equals(before));
      List<String> shown = titles();
      assertThat(shown).as("page " + page).doesNotContainAnyElementsOf(all);
      all.addAll(shown);
      browser.screenshot("page-" + page);
    }
    List<String> ours = all.stream().filter(title -> ourPatients.stream().anyMatch(title::endsWith)).toList();
    assertThat(ours).as("every one of this test's tasks, once").hasSize(ourPatients.size());
    assertThat(ours.get(0)).startsWith("Urgent safety review");
    assertThat(ours.subList(1, 17)).allSatisfy(title -> assertThat(title).startsWith("Consultation and baseline scales"))
        .isEqualTo(ourPatients.subList(0, 16).stream().map(id -> "Consultation and baseline scales — " + id).toList());
    assertThat(ours.get(17)).as("undated last").isEqualTo("Informed consent — " + undated);
  }

  private List<String> titles() {
    // The text as written: a long title wraps in the narrow list, and the rendered text may break it.
    return browser.driver().findElements(CARD_TITLES).stream()
        .map(title -> title.getDomProperty("textContent").replaceAll("\\s+", " ").trim()).toList();
  }

  @Test
  void onlyAnAdministratorIsOfferedToCreateATaskOrComment() {
    refer();

    browser.logIn("tasklist", "coordinator");
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Care coordination queue')]"));
    browser.click(CARD_TITLES);
    browser.visible(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Patient']"));
    assertThat(browser.driver().findElements(By.cssSelector("a.createCommentLink"))).as("Add Comment")
        .isNotEmpty().noneMatch(WebElement::isDisplayed);
    assertThat(browser.driver().findElement(By.cssSelector("li.create-task-action")).isDisplayed()).isFalse();
    assertThat(browser.visible(By.cssSelector("li.start-process-action")).isDisplayed()).as("coordinators start journeys").isTrue();

    browser.driver().manage().deleteAllCookies();
    browser.logIn("tasklist", "admin");
    browser.until(driver -> driver.findElement(By.cssSelector("li.create-task-action")).isDisplayed());
  }
}
