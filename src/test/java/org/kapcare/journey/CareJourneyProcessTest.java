package org.kapcare.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.ProcessTest;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.kapcare.forms.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every path of {@code care-journey}, from referral to its five ends. Doses run through the real dosing-session. */
@ProcessTest
class CareJourneyProcessTest extends JourneyDriver {

  @Autowired
  JdbcTemplate jdbc;

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties careJourneyCoverage() {
      return ProcessEngineCoverageProperties.builder()
          .excludeProcessDefinitionKeys(Journeys.DOSING_SESSION, Journeys.PATIENT_CHECK_IN)
          .assertClassCoverageAtLeast(0.9)
          .build();
    }
  }

  @Test
  void referralToDischarge() {
    ProcessInstance journey = atDosing();
    assertThat(journey).variables().containsEntry("phq9Score", 19).containsEntry("phq9Severity", "moderately-severe")
        .containsEntry("gad7Score", 14).containsEntry("gad7Severity", "moderate").containsEntry("cssrsRisk", "none")
        .containsEntry("eligibility", "eligible").containsEntry("preparationSessionsHeld", 2).containsEntry("seriesDoses", 1);

    giveDose(journey);
    followUp(journey, 4, "discharge");

    assertThat(journey).variables().containsEntry("followUpPhq9Score", 4).containsEntry("phq9Change", -15)
        .containsEntry("response", true).containsEntry("remission", true);
    complete(journey, "dischargeSummary", "dischargeDisposition", "primary-care", "dischargeNote", "");
    assertThat(journey).isEnded().hasPassed("journeyCompleted").hasNotPassed("urgentSafetyReview");
  }

  @Test
  void bookingsAreDueWithinTwoWorkingDays() {
    // Referred on Monday 23 November (UTC clinic): the consultation is to be booked by Wednesday's end.
    ProcessInstance journey = refer();
    assertThat(taskAt(journey, "scheduleConsultation").getDueDate())
        .isEqualTo(Date.from(Instant.parse("2026-11-25T23:59:00Z")));
  }

  @ParameterizedTest(name = "PCL-5 {0}: probable PTSD {1}")
  @CsvSource({"32,false", "33,true"})
  void ptsdReferralsAreScreenedWithThePcl5(int total, boolean probablePtsd) {
    Map<String, Object> consultation = Answers.consultation();
    for (int i = 1; i <= 20; i++) {
      consultation.put("pcl5_" + i, String.valueOf(Math.min(4, Math.max(0, total - 4 * (i - 1)))));
    }
    String patientId = nextPatientId("P");
    Map<String, Object> referral = Answers.referral(patientId);
    referral.put("primaryCondition", "PTSD");
    ProcessInstance journey = engine.getRuntimeService().startProcessInstanceByKey(Journeys.CARE_JOURNEY, referral);
    complete(journey, "scheduleConsultation", "consultationAt", iso(consultationAt()));
    complete(journey, "consultation", consultation);

    assertThat(journey).variables().containsEntry("pcl5Score", total).containsEntry("probablePtsd", probablePtsd);
  }

  @Test
  void ineligiblePatientIsToldAndReferredOut() {
    Map<String, Object> history = Answers.medicalHistory();
    history.putAll(Answers.map("pregnant", true, "cardiacDisease", true));
    ProcessInstance journey = historyTaken(history);

    // The table's rows stay with the check: a serialized list in the journey would be read on every task.
    assertThat(journey).variables().containsEntry("eligibility", "ineligible")
        .containsEntry("eligibilityReasons", "Pregnant; Cardiac disease (angina, arrhythmia)")
        .doesNotContainKey("eligibilityFindings");
    assertThat(task()).hasCandidateGroup("prescribers").hasName("Review ineligibility — " + journey.getBusinessKey());
    complete(journey, "reviewIneligibility", Answers.map());
    executeJob(journey, "notifyNotEligible");
    assertThat(task()).hasCandidateGroup("care-coordinators");
    complete(journey, "referOut", "referredTo", "Perinatal mental health team", "referOutNote", "");
    assertThat(journey).isEnded().hasPassed("notEligible").hasNotPassed("medicalClearance");
  }

  @Test
  void clearanceGrantedLeadsToConsent() {
    Map<String, Object> history = Answers.medicalHistory();
    history.put("baselineSystolicBp", 144);
    ProcessInstance journey = historyTaken(history);

    assertThat(journey).isWaitingAt("medicalClearance").variables()
        .containsEntry("eligibility", "needs-clearance")
        .containsEntry("eligibilityReasons", "Systolic blood pressure at intake 140 or above");
    assertThat(task()).hasCandidateGroup("care-coordinators");
    complete(journey, "medicalClearance", "medicalClearanceOutcome", "granted", "clearedBy", "Dr Rowe, cardiology");
    assertThat(journey).isWaitingAt("informedConsent");
  }

  @Test
  void clearanceRefusedEndsNotEligible() {
    Map<String, Object> history = Answers.medicalHistory();
    history.put("hepaticImpairment", true);
    ProcessInstance journey = historyTaken(history);

    complete(journey, "medicalClearance", "medicalClearanceOutcome", "refused", "clearedBy", "Dr Rowe, hepatology");
    complete(journey, "reviewIneligibility", Answers.map());
    executeJob(journey, "notifyNotEligible");
    complete(journey, "referOut", "referredTo", "Hepatology", "referOutNote", "");
    assertThat(journey).isEnded().hasPassed("medicalClearance", "notEligible");
  }

  @Test
  void aPrescriberMayOverrideIneligibilityWithAReason() {
    Map<String, Object> history = Answers.medicalHistory();
    history.put("psychosis", true);
    ProcessInstance journey = historyTaken(history);

    signIn("prescriber", "prescribers");
    complete(journey, "reviewIneligibility", "reviewIneligibilityOverride", true,
        "reviewIneligibilityOverrideReason", "Single drug-induced episode in 2019, psychiatrist letter on file");
    signOut();

    assertThat(journey).isWaitingAt("informedConsent").hasNotPassed("notifyNotEligible");
    assertThat(historicVariable(journey, "reviewIneligibilityOverrideBy")).isEqualTo("prescriber");
  }

  @Test
  void consentIsRequiredBeforePreparation() {
    ProcessInstance journey = historyTaken(Answers.medicalHistory());

    assertRefused(journey, "informedConsent", Answers.map("consentGiven", false, "consentFormVersion", "2026-03"),
        "consentGiven", "must be ticked");
  }

  /** Each booked session reminds the patient the day before: a timer on the session's task, gone once it is held. */
  @ParameterizedTest
  @ValueSource(strings = {"consultation", "preparationSession", "followUpAssessment"})
  void aBookedSessionRemindsThePatientTheDayBefore(String session) {
    ProcessInstance journey;
    Instant at = consultationAt();
    switch (session) {
      case "consultation" -> {
        journey = refer();
        complete(journey, "scheduleConsultation", "consultationAt", iso(at));
      }
      case "preparationSession" -> {
        journey = historyTaken(Answers.medicalHistory());
        complete(journey, "informedConsent", "consentGiven", true, "consentFormVersion", "2026-03");
        at = bookPreparationSession(journey);
      }
      default -> {
        journey = atDosing();
        giveDose(journey);
        complete(journey, "scheduleFollowUp", "followUpAt", iso(at));
      }
    }
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(journey.getId())
        .activityId(session + "ReminderDue").singleResult().getDuedate()).isEqualTo(Date.from(at.minus(Duration.ofDays(1))));

    executeJob(journey, session + "ReminderDue");
    executeJob(journey, "remind" + Character.toUpperCase(session.charAt(0)) + session.substring(1));
    assertThat(journey).hasPassed(session + "Reminded").isWaitingAt(session);
  }

  /** The therapist's notes of each session stay with it; the next session starts a page of its own. */
  @Test
  void eachPreparationSessionKeepsItsTherapistsNotes() {
    ProcessInstance journey = consented();
    complete(journey, "preparationSession", "preparationReadiness", "ready", "intentionsSet", true, "safetyPlanReviewed", true,
        "preparationMinutes", 60, "preparationNotes", "Intention: reconnect with music.\nWorried about nausea.");
    bookPreparationSession(journey);

    assertThat(engine.getFormService().getTaskFormVariables(taskAt(journey, "preparationSession").getId()))
        .doesNotContainKey("preparationNotes");
    assertThat(engine.getHistoryService().createHistoricDetailQuery().processInstanceId(journey.getId()).variableUpdates().list())
        .extracting(detail -> ((HistoricVariableUpdate) detail).getVariableName() + "=" + ((HistoricVariableUpdate) detail).getValue())
        .contains("preparationNotes=Intention: reconnect with music.\nWorried about nausea.");
  }

  @Test
  void patientNotYetReadyGetsOneMorePreparationSession() {
    ProcessInstance journey = consented();
    holdPreparationSession(journey, "ready");
    holdPreparationSession(journey, "not-yet-ready");

    assertThat(journey).isWaitingAt("preparationSession").hasPassed("schedulePreparation").variables()
        .containsEntry("preparationSessions", 3).containsEntry("preparationSessionsHeld", 2);
    assertThat(taskAt(journey, "preparationSession").getDueDate()).as("the added session is booked and due then")
        .isEqualTo(Date.from(EngineClock.now().plus(Duration.ofDays(7))));
    assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(journey.getId())
        .taskDefinitionKey("schedulePreparation").count()).as("a booking for each session").isEqualTo(3);
    holdPreparationSession(journey, "ready");
    assertThat(journey).isWaitingAt("dosingSeries");
  }

  @Test
  void maintenanceRunsAnotherSeriesThenDischarges() {
    ProcessInstance journey = atDosing();
    giveDose(journey);
    followUp(journey, 12, "maintenance", "maintenanceDoses", 1);

    assertThat(journey).variables().containsEntry("response", false).containsEntry("remission", false)
        .containsEntry("seriesDoses", 1);
    assertThat(journey).isWaitingAt("dosingSeries");
    assertThat(currentDose(journey)).as("numbered on from the series").variables().containsEntry("doseNumber", 2L);
    giveDose(journey);
    followUp(journey, 6, "discharge");
    complete(journey, "dischargeSummary", "dischargeDisposition", "continued-therapy", "dischargeNote", "");
    assertThat(journey).isEnded().hasPassed("journeyCompleted");
  }

  @Test
  void maintenanceNeedsItsNumberOfDosesWithinTheProtocol() {
    ProcessInstance journey = atDosing();
    giveDose(journey);
    complete(journey, "scheduleFollowUp", "followUpAt", iso(NOW.plus(Duration.ofDays(30))));

    assertRefused(journey, "followUpAssessment", Answers.followUp(12, "maintenance"), "maintenanceDoses",
        "Number of maintenance doses is required");
    Map<String, Object> none = Answers.followUp(12, "maintenance");
    none.put("maintenanceDoses", 0);
    assertRefused(journey, "followUpAssessment", none, "maintenanceDoses", "must be from 1 to 12, was 0");
  }

  @ParameterizedTest(name = "withdrawal while {0}")
  @ValueSource(strings = {"scheduleConsultation", "preparationSession", "dosingSeries"})
  void patientMayWithdrawAtAnyStage(String stage) {
    ProcessInstance journey = switch (stage) {
      case "scheduleConsultation" -> refer();
      case "preparationSession" -> consented();
      default -> atDosing();
    };
    assertThat(journey).isWaitingAt(stage);

    engine.getRuntimeService().createMessageCorrelation(Journeys.PATIENT_WITHDREW)
        .processInstanceBusinessKey(journey.getBusinessKey()).correlate();

    assertThat(journey).isWaitingAt("closeCase");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(journey.getId()).count()).isZero();
    assertThat(task()).hasCandidateGroup("care-coordinators");
    complete(journey, "closeCase", "withdrawalReason", "patient-choice", "closeCaseNote", "");
    assertThat(journey).isEnded().hasPassed("withdrawn");
  }

  @Test
  void suicideRiskAtBaselineWaitsForAPrescribersReview() {
    Map<String, Object> consultation = Answers.consultation();
    consultation.putAll(Answers.map("cssrs_1", "yes", "cssrs_2", "yes", "cssrs_3", "yes", "cssrs_4", "yes", "cssrs_5", "no"));
    ProcessInstance journey = consulted(consultation);

    assertThat(journey).variables().containsEntry("cssrsRisk", "high").containsEntry("suicidalIdeation", true);
    assertThat(journey).isWaitingAt("safetyReviewCleared", "sendSafetyAlert");
    executeJob(journey, "safetyReviewCleared");
    executeJob(journey, "sendSafetyAlert");
    assertThat(journey).isWaitingAt("safetyReviewCleared", "urgentSafetyReview");
    Task review = taskAt(journey, "urgentSafetyReview");
    assertThat(review.getPriority()).isEqualTo(100);
    assertThat(review.getDueDate()).isEqualTo(Date.from(Instant.parse("2026-11-23T23:59:00Z")));
    assertThat(task("urgentSafetyReview", journey)).hasCandidateGroup("prescribers");
    assertThat(journey).hasNotPassed("medicalHistory");

    // A real safety plan has several parts on lines of their own, longer than the 500 characters once allowed.
    String plan = String.join("\n", "Warning signs: not sleeping, withdrawing from friends.",
        "Coping: walk the dog, call sister Ana.", "Crisis line 988; clinic on-call +15550100.", "Means: medication locked away by partner.")
        + "\n" + "Reviewed weekly. ".repeat(40);
    complete(journey, "urgentSafetyReview", "safetyReviewOutcome", "continue", "safetyPlan", plan);
    assertThat(journey).hasPassed("safetyReviewed", "safetyReviewCleared").isWaitingAt("medicalHistory");
    assertThat(journey).variables().containsEntry("safetyPlan", plan);
  }

  @Test
  void itemNineAloneAlsoNeedsAReviewAndMayEndTheJourneyInHigherCare() {
    Map<String, Object> consultation = Answers.consultation();
    consultation.put("phq9_9", "1");
    ProcessInstance journey = consulted(consultation);

    assertThat(journey).variables().containsEntry("cssrsRisk", "none").containsEntry("phq9Item9Positive", true);
    executeJob(journey, "safetyReviewCleared");
    executeJob(journey, "sendSafetyAlert");
    complete(journey, "urgentSafetyReview", "safetyReviewOutcome", "refer-to-higher-care", "safetyPlan", "Admitted to crisis unit");

    assertThat(journey).isEnded().hasPassed("referredToHigherCare").hasNotPassed("medicalHistory");
  }

  @Test
  void safetyConcernDuringPreparationHoldsTheFirstDoseUntilReviewed() {
    ProcessInstance journey = consented();
    engine.getRuntimeService().createMessageCorrelation(Journeys.SAFETY_CONCERN_RAISED)
        .processInstanceBusinessKey(journey.getBusinessKey()).correlate();

    assertThat(journey).hasPassed("safetyConcernForwarded").isWaitingAt("preparationSession", "sendSafetyAlert");
    executeJob(journey, "sendSafetyAlert");
    holdPreparationSession(journey, "ready");
    holdPreparationSession(journey, "ready");
    assertThat(journey).isWaitingAt("noOpenSafetyReview", "urgentSafetyReview").hasNotPassed("dosingSeries");

    complete(journey, "urgentSafetyReview", "safetyReviewOutcome", "continue", "safetyPlan", "Reviewed, plan updated");
    assertThat(journey).isWaitingAt("dosingSeries").variables().containsEntry("openSafetyReviews", 0);
  }

  @Test
  void twoOpenReviewsBothHaveToBeClosed() {
    Map<String, Object> consultation = Answers.consultation();
    consultation.put("phq9_9", "2");
    ProcessInstance journey = consulted(consultation);
    engine.getRuntimeService().createMessageCorrelation(Journeys.SAFETY_CONCERN_RAISED)
        .processInstanceBusinessKey(journey.getBusinessKey()).correlate();
    engine.getManagementService().createJobQuery().processInstanceId(journey.getId()).list()
        .forEach(job -> engine.getManagementService().executeJob(job.getId()));

    List<Task> reviews = engine.getTaskService().createTaskQuery().processInstanceId(journey.getId())
        .taskDefinitionKey("urgentSafetyReview").list();
    assertThat(reviews).hasSize(2);
    engine.getTaskService().complete(reviews.get(0).getId(), Answers.map("safetyReviewOutcome", "continue", "safetyPlan", "Plan A"));
    assertThat(journey).isWaitingAt("safetyReviewCleared", "urgentSafetyReview").variables().containsEntry("openSafetyReviews", 1);

    complete(journey, "urgentSafetyReview", "safetyReviewOutcome", "continue", "safetyPlan", "Plan B");
    assertThat(journey).isWaitingAt("medicalHistory");
  }

  @Test
  void seriousAdverseEventInADoseReachesTheJourneysSafetyReview() {
    ProcessInstance journey = atDosing();
    Map<String, Object> administered = Answers.administerDose();
    administered.put("seriousAdverseEvent", true);
    ProcessInstance dose = administer(journey, administered);

    assertThat(journey).isWaitingAt("dosingSeries", "sendSafetyAlert");
    assertThat(dose).isWaitingAt("dischargeCheck");
  }

  @Test
  void missedIntegrationWindowReachesTheManagersWhileTheSessionCanStillBeHeld() {
    ProcessInstance journey = atDosing();
    ProcessInstance dose = administer(journey, Answers.administerDose());
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(NOW)));

    moveClockTo(NOW.plus(Duration.ofHours(49)));
    executeJob(dose, "integrationDeadlinePassed");
    executeJob(dose, "alertMissedIntegration");

    assertThat(journey).isWaitingAt("dosingSeries", "reviewMissedIntegration");
    assertThat(task("reviewMissedIntegration", journey)).hasCandidateGroup("managers")
        .hasName("Review missed integration window — " + journey.getBusinessKey());
    complete(journey, "reviewMissedIntegration", "missedWindowCause", "scheduling", "missedWindowAction", "Book before discharge");
    assertThat(journey).hasPassed("missedIntegrationReviewed");

    complete(dose, "scheduleIntegration", "integrationAt", iso(NOW.plus(Duration.ofHours(50))));
    complete(dose, "integrationSession", "integrationFormat", "video", "integrationMinutes", 45, "followUpNeeded", true);
    assertThat(journey).isWaitingAt("scheduleFollowUp").variables().containsEntry("lastIntegrationWindowMissed", true);
  }

  @Test
  void aMissedWindowEarlyInTheSeriesAddsNoDose() {
    Map<String, Object> twoDoses = Answers.consultation();
    twoDoses.put("plannedDoses", 2);
    ProcessInstance journey = consulted(twoDoses);
    complete(journey, "medicalHistory", Answers.medicalHistory());
    complete(journey, "informedConsent", "consentGiven", true, "consentFormVersion", "2026-03");
    complete(journey, "schedulePreparation", "preparationAt", iso(NOW.plus(Duration.ofDays(7))));
    holdPreparationSession(journey, "ready");
    holdPreparationSession(journey, "ready");
    ProcessInstance first = administer(journey, Answers.administerDose());
    complete(first, "dischargeCheck", Answers.dischargeCheck(iso(NOW)));
    moveClockTo(NOW.plus(Duration.ofHours(49)));
    executeJob(first, "integrationDeadlinePassed");
    executeJob(first, "alertMissedIntegration");
    complete(first, "scheduleIntegration", "integrationAt", iso(NOW.plus(Duration.ofHours(50))));
    complete(first, "integrationSession", "integrationFormat", "video", "integrationMinutes", 45, "followUpNeeded", false);
    // The manager reviews the missed window while the next dose is already under way.
    complete(journey, "reviewMissedIntegration", "missedWindowCause", "scheduling", "missedWindowAction", "Book earlier");

    giveDose(journey);

    assertThat(journey).isWaitingAt("scheduleFollowUp");
    assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().superProcessInstanceId(journey.getId()).count())
        .isEqualTo(2);
  }

  @Test
  void aDoseWritesToThePatientAtTheAddressGivenAtReferral() {
    ProcessInstance journey = atDosing();
    ProcessInstance dose = administer(journey, Answers.administerDose());

    assertThat(dose).variables().doesNotContainKey("patientEmail");
    assertThat(jdbc.queryForList("SELECT recipient || ' ' || address FROM kapcare_notification WHERE patient_id = ?",
        String.class, journey.getBusinessKey())).containsExactly("patient alex@example.org");
  }

  @Test
  void aPatientHasOneRunningJourneyAndAValidId() {
    ProcessInstance journey = refer();

    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(Journeys.CARE_JOURNEY,
        Answers.referral(journey.getBusinessKey())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Patient " + journey.getBusinessKey()
            + " already has a care journey in progress: open it with Find patient instead of starting another (field patientId)");
    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(Journeys.CARE_JOURNEY,
        Answers.referral("K 42")))
        .hasMessageStartingWith("Patient ID 'K 42' does not have the expected form: 3–40 letters, digits or dashes")
        .hasMessageEndingWith("(field patientId)");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY)
        .processInstanceBusinessKey(journey.getBusinessKey()).count()).isEqualTo(1);
  }

  /** Check-ins go weekly during the series and the day before the follow-up; their answers stay with the journey. */
  @Test
  void checkInsGoDuringTheSeriesAndBeforeTheFollowUpAndTheirAnswersStayWithTheJourney() {
    ProcessInstance journey = atDosing();
    moveClockTo(EngineClock.now().plus(Duration.ofDays(7)));
    executeJob(journey, "weeklyCheckInDue");
    executeJob(journey, "sendWeeklyCheckIn");
    assertThat(journey).hasPassed("weeklyCheckInSent");
    giveDose(journey);
    complete(journey, "scheduleFollowUp", "followUpAt", Answers.daysAhead(10));
    executeJob(journey, "followUpCheckInDue");
    executeJob(journey, "sendFollowUpCheckIn");
    assertThat(journey).hasPassed("followUpCheckInSent").isWaitingAt("followUpAssessment");
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .processInstanceBusinessKey(journey.getBusinessKey()).count()).isEqualTo(2);

    engine.getRuntimeService().createMessageCorrelation(Journeys.CHECK_IN_ANSWERED).processInstanceId(journey.getId())
        .setVariable("checkInPhq9Rise", 3).correlate();
    assertThat(journey).hasPassed("checkInAnswersKept").isWaitingAt("followUpAssessment");
    assertThat(engine.getRuntimeService().getVariable(journey.getId(), "checkInPhq9Rise")).isEqualTo(3);
  }
}
