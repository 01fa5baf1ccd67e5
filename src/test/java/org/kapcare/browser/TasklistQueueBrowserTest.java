package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  /** Sixteen consultations due over the next days, a consent with no due date, and an urgent safety review. */
  private String prescribersWork() {
    for (int i = 0; i < 16; i++) {
      ProcessInstance journey = refer();
      Instant at = EngineClock.now().plus(Duration.ofDays(2).plusHours(i)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
      complete(journey, "scheduleConsultation", "consultationAt", iso(at));
    }
    ProcessInstance undated = historyTaken(Answers.medicalHistory());
    Map<String, Object> selfHarmThoughts = Answers.consultation();
    selfHarmThoughts.put("phq9_9", "1");
    ProcessInstance flagged = consulted(selfHarmThoughts);
    executeJob(flagged, "sendSafetyAlert");
    return undated.getBusinessKey();
  }

  @Test
  void urgentWorkComesFirstAndEveryPageCanBeReached() {
    String undated = prescribersWork();

    browser.logIn("tasklist", "prescriber");
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Prescriber queue')]"));
    browser.until(ExpectedConditions.numberOfElementsToBe(CARD_TITLES, 15));
    List<String> first = titles();
    assertThat(first.get(0)).startsWith("Urgent safety review");
    assertThat(first.subList(1, 15)).allSatisfy(title -> assertThat(title).startsWith("Consultation and baseline scales"));
    WebElement urgentCard = browser.visible(By.cssSelector(".tasks-list li.task"));
    assertThat(browser.visible(By.cssSelector(".tasks-list li.task .kapcare-priority")).getText()).isEqualToIgnoringCase("urgent");
    assertThat(urgentCard.getText()).as("the engine's number is not shown").doesNotContain("100");
    browser.screenshot("urgent-first");

    By pageTwo = By.xpath("//ul[contains(@class,'pagination')]//a[normalize-space()='2']");
    browser.scrollTo(browser.visible(pageTwo));
    browser.click(pageTwo);
    browser.until(ExpectedConditions.numberOfElementsToBe(CARD_TITLES, 3));
    List<String> second = titles();
    assertThat(second).doesNotContainAnyElementsOf(first);
    assertThat(second.get(second.size() - 1)).isEqualTo("Informed consent — " + undated);
    browser.screenshot("page-two");
  }

  private List<String> titles() {
    return browser.driver().findElements(CARD_TITLES).stream().map(WebElement::getText).map(String::trim).toList();
  }
}
