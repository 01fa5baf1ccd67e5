package org.kapcare.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.ProcessTest;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.kapcare.clinic.PatientLinks;
import org.kapcare.notification.OutboxDispatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every path of {@code patient-check-in}, driven from real journeys: each schedule point sends one
 * check-in, answers are scored and act at once (item 9, worsening), an unanswered one prompts the
 * nurse and never blocks the dose, and the answers before the follow-up prefill its form.
 */
@ProcessTest
@ExtendWith(OutputCaptureExtension.class)
class PatientCheckInProcessTest extends JourneyDriver {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties checkInCoverage() {
      return ProcessEngineCoverageProperties.builder()
          .excludeProcessDefinitionKeys(Journeys.CARE_JOURNEY, Journeys.DOSING_SESSION)
          .assertClassCoverageAtLeast(1.0)
          .build();
    }
  }

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  OutboxDispatcher dispatcher;

  private void answer(ProcessInstance checkIn, Map<String, Object> answers) {
    engine.getRuntimeService().createMessageCorrelation(Journeys.CHECK_IN_SUBMITTED).processInstanceId(checkIn.getId())
        .setVariables(answers).correlate();
  }

  private long mailsOf(ProcessInstance checkIn) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM kapcare_notification WHERE process_instance_id = ? AND template = 'check-in'",
        Long.class, checkIn.getId());
  }

  @Test
  void theDayBeforeADoseThePatientIsMailedOneCheckInWithNothingClinicalAndNoLinkKept() {
    ProcessInstance journey = atDosing();
    ProcessInstance checkIn = checkInBeforeTheDose(journey);

    assertThat(engine.getRuntimeService().getVariables(checkIn.getId())).containsEntry("purpose", "before-dose")
        .containsEntry("doseNumber", 1L).containsEntry("baselinePhq9", 19).containsEntry("journeyId", journey.getId());
    Map<String, Object> mail = jdbc.queryForMap("SELECT recipient, address, subject, body_text, body_html FROM kapcare_notification"
        + " WHERE process_instance_id = ?", checkIn.getId());
    assertThat(mail).containsEntry("RECIPIENT", "patient").containsEntry("ADDRESS", "alex@example.org");
    assertThat((String) mail.get("BODY_TEXT")).contains(PatientLinks.PLACEHOLDER).doesNotContain("PHQ", "ketamine", "Alex",
        journey.getBusinessKey());
    assertThat((String) mail.get("BODY_HTML")).contains("href=\"" + PatientLinks.PLACEHOLDER + "\"");
  }

  /** The demo profile (these tests run in it) writes a link to the log when no mail server carries it. */
  @Test
  void withoutAMailServerTheDemoWritesTheLinkToTheLogAndKeepsOnlyItsHash(CapturedOutput log) {
    ProcessInstance checkIn = checkInBeforeTheDose(atDosing());
    dispatcher.dispatchDue();

    Matcher link = Pattern.compile("the patient's link: http://localhost:8080/check-in/([A-Za-z0-9_-]{43})").matcher(log.getOut());
    assertThat(link.find()).isTrue();
    assertThat(jdbc.queryForList("SELECT token_hash FROM kapcare_check_in_link WHERE check_in_id = ?", String.class,
        checkIn.getId())).containsExactly(CheckInLinks.hash(link.group(1)));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM kapcare_notification WHERE body_text LIKE ? OR body_html LIKE ?",
        Long.class, "%" + link.group(1) + "%", "%" + link.group(1) + "%")).isZero();
  }

  @Test
  void aFailedSendingLeavesNoMailAndItsRetrySendsExactlyOne() {
    ProcessInstance journey = atDosing();
    checkInRequestedForTheDose(journey);
    ProcessInstance checkIn = checkInOf(journey);
    // The link's expiry is what the waiting step's timer needs: without it, the step fails after queuing the mail.
    engine.getRuntimeService().removeVariable(checkIn.getId(), "checkInExpiresAt");
    Job sending = job(checkIn, "sendCheckIn");
    assertThatThrownBy(() -> engine.getManagementService().executeJob(sending.getId()));
    assertThat(mailsOf(checkIn)).as("the failed attempt's mail rolled back with it").isZero();

    engine.getRuntimeService().setVariable(checkIn.getId(), "checkInExpiresAt", Date.from(EngineClock.now().plus(Duration.ofDays(3))));
    engine.getManagementService().executeJob(sending.getId());
    assertThat(checkIn).isWaitingAt("awaitCheckIn");
    assertThat(mailsOf(checkIn)).isEqualTo(1);
  }

  @Test
  void thoughtsOfSelfHarmPutAnUrgentSafetyReviewDueTodayAtTheTopOfThePrescribersQueue() {
    ProcessInstance journey = atDosing();
    ProcessInstance checkIn = checkInBeforeTheDose(journey);
    answer(checkIn, Answers.checkIn(12, 1));

    assertThat(checkIn).hasPassed("scoreCheckIn").isWaitingAt("alertCheckInSafetyConcern");
    assertThat(engine.getRuntimeService().getVariables(checkIn.getId())).containsEntry("phq9Score", 12)
        .containsEntry("phq9Severity", "moderate").containsEntry("gad7Score", 7).containsEntry("gad7Severity", "mild")
        .containsEntry("suicidalIdeation", true).containsEntry("phq9Rise", -7);
    executeJob(checkIn, "alertCheckInSafetyConcern");
    executeJob(journey, "sendSafetyAlert");

    Task review = engine.getTaskService().createTaskQuery().processInstanceId(journey.getId())
        .taskDefinitionKey("urgentSafetyReview").singleResult();
    assertThat(review.getPriority()).isEqualTo(100);
    assertThat(review.getDueDate()).as("the day the patient answered").isEqualTo(Date.from(Instant.parse("2026-11-24T23:59:00Z")));
    assertThat((String) engine.getTaskService().getVariable(review.getId(), "safetyConcern"))
        .contains("PHQ-9 item 9", "answered 1 of 3", "PHQ-9 total 12 (moderate)");
    assertThat(jdbc.queryForList("SELECT recipient FROM kapcare_notification WHERE process_instance_id = ?"
        + " AND template = 'safety-alert'", String.class, journey.getId())).as("the alert")
        .containsExactlyInAnyOrder("prescribers", "managers");

    executeJob(checkIn, "shareCheckIn");
    assertThat(checkIn).isEnded().hasPassed("checkInAnswered");
    assertThat(engine.getRuntimeService().getVariable(currentDose(journey).getId(), "checkInUnanswered")).isEqualTo(false);
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), "checkInPhq9Rise")).isEqualTo(-7);
  }

  @Test
  void aRiseOfFiveSinceBaselineSendsTheDoseToAPrescriberFirst() {
    ProcessInstance journey = atDosing();
    ProcessInstance checkIn = checkInBeforeTheDose(journey);
    answer(checkIn, Answers.checkIn(24, 0));
    assertThat(checkIn).hasPassed("scoreCheckIn").hasNotPassed("alertCheckInSafetyConcern");
    executeJob(checkIn, "shareCheckIn");

    ProcessInstance dose = currentDose(journey);
    complete(dose, "preDoseCheck", Answers.preDoseCheck());
    assertThat(dose).isWaitingAt("prescriberReview");
    assertThat(engine.getRuntimeService().getVariable(dose.getId(), "preDoseSafetyReasons"))
        .isEqualTo("Check-in PHQ-9 up 5 or more since baseline");
  }

  @Test
  void aRiseOfFourDoesNotHoldTheDose() {
    ProcessInstance journey = atDosing();
    ProcessInstance checkIn = checkInBeforeTheDose(journey);
    answer(checkIn, Answers.checkIn(23, 0));
    executeJob(checkIn, "shareCheckIn");

    ProcessInstance dose = currentDose(journey);
    complete(dose, "preDoseCheck", Answers.preDoseCheck());
    assertThat(dose).isWaitingAt("orderDose");
  }

  @Test
  void anUnansweredCheckInClosesWithItsLinkPromptsTheNurseAndNeverBlocksTheDose() {
    ProcessInstance journey = atDosing();
    ProcessInstance checkIn = checkInBeforeTheDose(journey);
    Job expiry = job(checkIn, "checkInLinkExpired");
    assertThat(expiry.getDuedate()).isEqualTo(Date.from(NOW.plus(Duration.ofDays(4))));
    execute(expiry);
    assertThat(checkIn).isEnded().hasPassed("checkInUnanswered");

    ProcessInstance dose = currentDose(journey);
    Task check = taskAt(dose, "preDoseCheck");
    assertThat(engine.getFormService().getTaskFormVariables(check.getId())).containsKey("checkInUnanswered");
    assertThat(engine.getTaskService().getVariable(check.getId(), "checkInUnanswered")).isEqualTo(true);
    complete(dose, "preDoseCheck", Answers.preDoseCheck());
    assertThat(dose).isWaitingAt("orderDose");
  }

  @Test
  void aPatientWithNoEmailAddressIsNotMailedButTheNurseIsPrompted() {
    ProcessInstance journey = atDosing();
    engine.getRuntimeService().removeVariable(journey.getId(), "patientEmail");
    checkInRequestedForTheDose(journey);

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .processInstanceBusinessKey(journey.getBusinessKey()).count()).isZero();
  }

  @Test
  void duringTheSeriesAWeeklyCheckInGoesUnlessOneWentOutInTheLastThreeDays() {
    ProcessInstance journey = atDosing();
    Job weekly = job(journey, "weeklyCheckInDue");
    assertThat(weekly.getDuedate()).isEqualTo(Date.from(EngineClock.now().plus(Duration.ofDays(7))));
    moveClockTo(EngineClock.now().plus(Duration.ofDays(7)));
    execute(weekly);
    executeJob(journey, "sendWeeklyCheckIn");
    ProcessInstance first = checkInOf(journey);
    assertThat(engine.getRuntimeService().getVariable(first.getId(), "purpose")).isEqualTo("between-doses");
    executeJob(first, "sendCheckIn");

    moveClockTo(EngineClock.now().plus(Duration.ofDays(2)));
    execute(job(journey, "weeklyCheckInDue"));
    executeJob(journey, "sendWeeklyCheckIn");
    assertThat(checkInOf(journey).getId()).as("no second check-in two days after the first").isEqualTo(first.getId());

    execute(job(first, "checkInLinkExpired"));
    moveClockTo(EngineClock.now().plus(Duration.ofDays(5)));
    execute(job(journey, "weeklyCheckInDue"));
    executeJob(journey, "sendWeeklyCheckIn");
    assertThat(checkInOf(journey).getId()).isNotEqualTo(first.getId());
  }

  @Test
  void theCheckInBeforeTheFollowUpPrefillsTheAssessmentWhichThePrescriberStillDecides() {
    ProcessInstance journey = atDosing();
    giveDose(journey);
    Instant followUpAt = EngineClock.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
    complete(journey, "scheduleFollowUp", "followUpAt", iso(followUpAt));
    Job due = job(journey, "followUpCheckInDue");
    assertThat(due.getDuedate()).isEqualTo(Date.from(followUpAt.minus(Duration.ofDays(1))));
    execute(due);
    executeJob(journey, "sendFollowUpCheckIn");
    ProcessInstance checkIn = checkInOf(journey);
    executeJob(checkIn, "sendCheckIn");
    answer(checkIn, Answers.checkIn(6, 0));
    executeJob(checkIn, "shareCheckIn");

    Map<String, Object> form = engine.getFormService().getTaskFormVariables(taskAt(journey, "followUpAssessment").getId());
    assertThat(form).containsEntry("followUpPhq9_1", "3").containsEntry("followUpPhq9_2", "3")
        .containsEntry("followUpPhq9_3", "0").containsEntry("followUpGad7_7", "1");

    complete(journey, "followUpAssessment", Answers.followUp(4, "discharge"));
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), "followUpPhq9Score"))
        .as("the prescriber's answers, not the prefill").isEqualTo(4);
  }
}
