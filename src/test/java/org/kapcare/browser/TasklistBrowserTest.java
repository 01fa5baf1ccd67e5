package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** A care coordinator works the queue in Tasklist: claims a booking, is told what is missing, completes it. */
@WebAppTest
class TasklistBrowserTest {

  @RegisterExtension
  static final Browser browser = new Browser();

  private static final String PATIENT = "K-9101";
  private static final By DATE = By.cssSelector("input[id$='Field_consultationAt-date']");
  private static final By TIME = By.cssSelector("input[id$='Field_consultationAt-time']");
  private static final By FIELD_ERROR = By.cssSelector("[id$='Field_consultationAt-error-message']");
  private static final By COMPLETE = By.xpath("//button[normalize-space()='Complete']");

  @Autowired
  TestRestTemplate http;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;

  @Test
  void aCoordinatorClaimsABookingFromTheQueueAndCompletesItsForm() {
    referOverRest(PATIENT);
    String taskId = tasks.createTaskQuery().processInstanceBusinessKey(PATIENT).singleResult().getId();

    browser.logIn("tasklist", "coordinator");
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Care coordination queue')]"));
    By task = By.xpath("//li[contains(@class,'task')]//h4//a[contains(normalize-space(),'Book consultation — " + PATIENT + "')]");
    browser.click(task);
    browser.visible(DATE);
    browser.screenshot("queue-with-task");

    browser.click(By.cssSelector("button.claim"));
    browser.visible(By.xpath("//li[contains(@class,'assignee')]//*[contains(normalize-space(),'Casey Coordinator')]"));

    // A date without a time is no appointment: once the coordinator leaves the field, form-js marks
    // the whole field as missing and Tasklist will not complete. Tab opens the time field's list of
    // times over the buttons; a click on the form's heading leaves it, as a user would.
    // The picker greys out past days: a week ahead, whatever day the test runs.
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(7);
    browser.type(DATE, day.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")), Keys.TAB);
    browser.click(By.cssSelector(".fjs-form h1"));
    assertThat(browser.visible(FIELD_ERROR).getText()).isEqualTo("Field is required.");
    assertThat(browser.driver().findElement(COMPLETE).isEnabled()).as("Complete with the time missing").isFalse();
    browser.screenshot("form-with-error");
    assertThat(tasks.createTaskQuery().taskId(taskId).singleResult()).as("task still open after the refusal").isNotNull();

    browser.type(TIME, "10:00", Keys.TAB);
    browser.until(ExpectedConditions.invisibilityOfElementLocated(FIELD_ERROR));
    browser.click(COMPLETE);
    browser.until(ExpectedConditions.invisibilityOfElementLocated(task));
    browser.visible(By.xpath("//*[contains(normalize-space(),'Select a task in the list.')]"));
    browser.screenshot("completed");

    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    assertThat(done.getEndTime()).isNotNull();
    assertThat(done.getAssignee()).isEqualTo("coordinator");
    UserOperationLogEntry completion = history.createUserOperationLogQuery().taskId(taskId)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).singleResult();
    assertThat(completion.getUserId()).isEqualTo("coordinator");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(done.getProcessInstanceId())
        .variableName("consultationAt").singleResult().getValue()).isEqualTo(day + "T10:00Z");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey(PATIENT).singleResult().getTaskDefinitionKey())
        .isEqualTo("consultation");
  }

  /** The referral as the start form submits it, by a coordinator, so the journey is theirs from the start. */
  private void referOverRest(String patientId) {
    Map<String, Object> variables = new HashMap<>();
    Answers.referral(patientId).forEach((name, value) -> variables.put(name, Map.of("value", value)));
    assertThat(http.withBasicAuth("coordinator", "demo").postForEntity(
        "/engine-rest/process-definition/key/care-journey/submit-form", Map.of("variables", variables), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }
}
