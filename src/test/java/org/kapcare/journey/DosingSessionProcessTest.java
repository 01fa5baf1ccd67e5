package org.kapcare.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kapcare.Answers;
import org.kapcare.ProcessDriver;
import org.kapcare.ProcessTest;
import org.kapcare.clinic.Journeys;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Every path of {@code dosing-session}: one dose from booking to the end of its integration window. */
@ProcessTest
class DosingSessionProcessTest extends ProcessDriver {

  @TestConfiguration
  static class Coverage {
    @Bean
    @Primary
    ProcessEngineCoverageProperties dosingSessionCoverage() {
      return ProcessEngineCoverageProperties.builder()
          .excludeProcessDefinitionKeys(Journeys.CARE_JOURNEY, Journeys.PATIENT_CHECK_IN)
          .assertClassCoverageAtLeast(0.9)
          .build();
    }
  }

  private static final Instant DISCHARGED = NOW.plus(Duration.ofHours(3));

  /** Books the dose, sends the instructions and records the pre-dose check. */
  private ProcessInstance doseCheckedWith(String route, Map<String, Object> preDoseCheck) {
    ProcessInstance dose = startDose("K-0042", "alex@example.org", route);
    assertThat(dose).isWaitingAt("scheduleDosing");
    assertThat(task()).hasCandidateGroup("care-coordinators").hasName("Book dosing session — K-0042");
    complete(dose, "scheduleDosing", "dosingAt", iso(NOW.plus(Duration.ofHours(1))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    assertThat(task()).hasCandidateGroup("nurses").hasDueDate(Date.from(NOW.plus(Duration.ofHours(1))));
    complete(dose, "preDoseCheck", preDoseCheck);
    return dose;
  }

  /** Checked and ordered: waiting for the nurse to give the 35 mg ordered. */
  private ProcessInstance orderedDose(String route) {
    ProcessInstance dose = doseCheckedWith(route, Answers.preDoseCheck());
    assertThat(dose).hasPassed("preDoseSafety").isWaitingAt("orderDose");
    assertThat(task()).hasCandidateGroup("prescribers").hasDueDate(Date.from(NOW.plus(Duration.ofHours(1))));
    complete(dose, "orderDose", Answers.orderDose());
    return dose;
  }

  /** Ordered, given {@code minutesBefore} {@link #DISCHARGED}, observed with vitals every 15 minutes: waiting at the discharge check. */
  private ProcessInstance observedDose(String route, int minutesBefore) {
    ProcessInstance dose = orderedDose(route);
    moveClockTo(DISCHARGED);
    complete(dose, "administerDose", startedAt(DISCHARGED.minus(Duration.ofMinutes(minutesBefore))));
    observe(dose);
    return dose;
  }

  private static Map<String, Object> startedAt(Instant start) {
    Map<String, Object> administered = Answers.administerDose();
    administered.put("doseStartedAt", iso(start));
    return administered;
  }

  private ProcessInstance dischargedDose(String route, int minutesMonitored) {
    ProcessInstance dose = observedDose(route, minutesMonitored);
    assertThat(dose).variables().containsEntry("preDoseSafety", "proceed").containsEntry("preDoseSafetyReasons", "")
        .doesNotContainKey("preDoseSafetyFindings");
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)));
    return dose;
  }

  @Test
  void integrationHeldInTimeClosesTheWindowAndCancelsBothTimers() {
    ProcessInstance dose = dischargedDose("IV", 60);

    assertThat(dose).isWaitingAt("scheduleIntegration").hasNotPassed("submitRemsMonitoringForm");
    Date deadline = Date.from(DISCHARGED.plus(Duration.ofHours(48)));
    assertThat(dose).variables().containsEntry("integrationDeadline", deadline)
        .containsEntry("integrationDeadlineText", "Wed 25 Nov 2026, 12:00 (UTC)")
        .containsEntry("integrationReminderAt", Date.from(DISCHARGED.plus(Duration.ofHours(24))));
    assertThat(task()).hasCandidateGroup("care-coordinators").hasDueDate(deadline);
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(dose.getId()).timers().count()).isEqualTo(2);

    complete(dose, "scheduleIntegration", "integrationAt", iso(DISCHARGED.plus(Duration.ofHours(20))));
    assertThat(task()).hasCandidateGroup("therapists").hasDueDate(deadline).hasName("Integration session — K-0042");
    assertThat(task().getFollowUpDate()).as("the booked time; the due date stays the window's deadline, for the closing-windows queue")
        .isEqualTo(Date.from(DISCHARGED.plus(Duration.ofHours(20))));
    moveClockTo(DISCHARGED.plus(Duration.ofHours(20)));
    complete(dose, "integrationSession", "integrationFormat", "in-person", "integrationMinutes", 60, "followUpNeeded", false);

    assertThat(dose).isEnded().hasPassed("integrationHeld", "doseCompleted").hasNotPassed("integrationDeadlinePassed");
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(dose.getId()).count()).isZero();
    assertThat(historicVariable(dose, "integrationHeldLate")).isEqualTo(false);
    assertThat(historicVariable(dose, "integrationWindowMissed")).isEqualTo(false);
  }

  @Test
  void reminderAtHalfTheWindowLeavesTheSessionOpen() {
    ProcessInstance dose = dischargedDose("IV", 70);

    moveClockTo(DISCHARGED.plus(Duration.ofHours(24)));
    executeJob(dose, "integrationReminderDue");
    executeJob(dose, "sendIntegrationReminder");

    assertThat(dose).hasPassed("reminderSent").isWaitingAt("scheduleIntegration");
  }

  @Test
  void missedWindowEscalatesAndTheSessionCanStillBeHeldLate() {
    ProcessInstance dose = dischargedDose("IV", 70);
    complete(dose, "scheduleIntegration", "integrationAt", iso(DISCHARGED.plus(Duration.ofHours(40))));

    moveClockTo(DISCHARGED.plus(Duration.ofHours(48)).plusSeconds(1));
    executeJob(dose, "integrationDeadlinePassed");
    assertThat(dose).variables().containsEntry("integrationWindowMissed", true);
    executeJob(dose, "alertMissedIntegration");
    assertThat(dose).hasPassed("missedIntegrationEscalated").isWaitingAt("integrationSession");

    moveClockTo(DISCHARGED.plus(Duration.ofHours(50)));
    complete(dose, "integrationSession", "integrationFormat", "video", "integrationMinutes", 45, "followUpNeeded", true);
    assertThat(dose).isEnded();
    assertThat(historicVariable(dose, "integrationHeldLate")).isEqualTo(true);
  }

  @Test
  void afterAMissedWindowTheSessionIsBookedWhenItCanBeAndRecordedLate() {
    ProcessInstance dose = dischargedDose("IV", 70);
    moveClockTo(DISCHARGED.plus(Duration.ofHours(48)).plusSeconds(1));
    executeJob(dose, "integrationDeadlinePassed");
    executeJob(dose, "alertMissedIntegration");

    complete(dose, "scheduleIntegration", "integrationAt", iso(DISCHARGED.plus(Duration.ofHours(72))));
    moveClockTo(DISCHARGED.plus(Duration.ofHours(72)));
    complete(dose, "integrationSession", "integrationFormat", "in-person", "integrationMinutes", 60, "followUpNeeded", false);

    assertThat(dose).isEnded();
    assertThat(historicVariable(dose, "integrationHeldLate")).isEqualTo(true);
  }

  @Test
  void bookingAfterTheDeadlineIsRefusedWhileTheWindowIsOpen() {
    ProcessInstance dose = dischargedDose("IV", 70);

    assertRefused(dose, "scheduleIntegration", Answers.map("integrationAt", iso(DISCHARGED.plus(Duration.ofHours(49)))),
        "integrationAt", "before the window closes on Wed 25 Nov 2026, 12:00 (UTC); Wed 25 Nov 2026, 13:00 (UTC) is too late");
  }

  @Test
  void aDischargeTimeInTheFutureIsRefused() {
    ProcessInstance dose = observedDose("IV", 70);

    assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED.plus(Duration.ofMinutes(30)))), "dischargedAt",
        "cannot be in the future");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sedationResolved", "dissociationResolved", "respiratoryDepressionResolved", "escortPresent"})
  void noDischargeUntilEffectsHaveResolvedAndSomeoneTakesThePatientHome(String readiness) {
    ProcessInstance dose = observedDose("IV", 70);
    Map<String, Object> notReady = Answers.dischargeCheck(iso(DISCHARGED));
    notReady.put(readiness, false);

    assertRefused(dose, "dischargeCheck", notReady, readiness, "must be ticked");
  }

  private ProcessInstance postponedDose() {
    Map<String, Object> check = Answers.preDoseCheck();
    check.putAll(Answers.map("systolicBp", 165, "diastolicBp", 95, "hoursSinceFood", 1.0));
    ProcessInstance dose = doseCheckedWith("IV", check);
    assertThat(dose).isWaitingAt("confirmPostponement").variables().containsEntry("preDoseSafety", "postpone")
        .containsEntry("preDoseSafetyReasons", "Systolic above 160; Ate less than 2 hours ago; Diastolic 90 to 100");
    assertThat(task()).hasCandidateGroup("nurses").hasCandidateGroup("prescribers");
    return dose;
  }

  @Test
  void highBloodPressurePostponesTheDoseAndItIsBookedAgain() {
    ProcessInstance dose = postponedDose();

    signIn("nurse", "nurses");
    complete(dose, "confirmPostponement", Answers.map());
    signOut();
    executeJob(dose, "notifyDosePostponed");
    assertThat(dose).isWaitingAt("scheduleDosing").hasNotPassed("administerDose");
  }

  /**
   * Every mg/kg is computed from a weight no older than the clinic's limit (30 days by default); a
   * weight sent to a check that did not ask for it changes nothing.
   */
  @ParameterizedTest(name = "weighed {0} days ago -> asked again: {1}")
  @CsvSource({"31, true", "29, false"})
  void aWeightOlderThanTheLimitIsTakenAgainAtThePreDoseCheck(int daysAgo, boolean asked) {
    ProcessInstance dose = engine.getRuntimeService().startProcessInstanceByKey(Journeys.DOSING_SESSION, "K-0042", Answers.map(
        "patientId", "K-0042", "patientName", "Alex Example", "patientEmail", "alex@example.org", "route", "IV",
        "weightKg", 70.0, "weightRecordedAt", NOW.minus(Duration.ofDays(daysAgo)).toString(), "doseNumber", 1));
    complete(dose, "scheduleDosing", "dosingAt", iso(NOW.plus(Duration.ofHours(1))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    Map<String, Object> notWeighed = Answers.preDoseCheck();
    notWeighed.remove("weightTodayKg");

    assertThat(engine.getFormService().getTaskFormVariables(taskAt(dose, "preDoseCheck").getId())).containsEntry("weightDue", asked)
        .containsEntry("weightRecordedText", daysAgo == 31 ? "Fri 23 Oct 2026, 09:00 (UTC)" : "Sun 25 Oct 2026, 09:00 (UTC)");
    if (asked) {
      assertRefused(dose, "preDoseCheck", notWeighed, "weightTodayKg", "Weight today is required");
    }
    notWeighed.put("weightTodayKg", 80.0);
    complete(dose, "preDoseCheck", notWeighed);
    complete(dose, "orderDose", Answers.orderDose());

    assertThat(dose).variables().containsEntry("weightKg", asked ? 80.0 : 70.0).containsEntry("orderedDoseMg", asked ? 40.0 : 35.0);
  }

  /** A dosing booked yesterday sent the patient instructions for a dose three days ago. */
  @Test
  void aDosingBookedForADayThatHasPassedIsRefusedAndEarlierTodayIsNot() {
    ProcessInstance dose = startDose("K-0042", "alex@example.org", "IV");

    assertRefused(dose, "scheduleDosing", Answers.map("dosingAt", iso(NOW.minus(Duration.ofDays(1))), "rideHomeArranged", true),
        "dosingAt", "Dosing date cannot be before today; Sun 22 Nov 2026, 09:00 (UTC) has passed");
    complete(dose, "scheduleDosing", "dosingAt", iso(NOW.minus(Duration.ofHours(1))), "rideHomeArranged", true);
    assertThat(dose).isWaitingAt("sendPreDoseInstructions");
  }

  /** After a postponement for blood pressure, the next check opened with the first one's 165/95. */
  @Test
  void theCheckAfterAPostponementOpensEmptyAndTakesNoEarlierValue() {
    ProcessInstance dose = postponedDose();
    complete(dose, "confirmPostponement", Answers.map());
    executeJob(dose, "notifyDosePostponed");
    assertThat(engine.getFormService().getTaskFormVariables(taskAt(dose, "scheduleDosing").getId()))
        .as("the booking form").doesNotContainKey("dosingAt");
    complete(dose, "scheduleDosing", "dosingAt", iso(NOW.plus(Duration.ofDays(7))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");

    Task second = taskAt(dose, "preDoseCheck");
    assertThat(engine.getFormService().getTaskFormVariables(second.getId())).as("what the form opens with")
        .doesNotContainKeys("systolicBp", "diastolicBp", "hoursSinceFood", "rideHomeConfirmed");
    assertRefused(dose, "preDoseCheck", Answers.map(), "systolicBp", "Systolic");

    complete(dose, "preDoseCheck", Answers.preDoseCheck());
    assertThat(dose).isWaitingAt("orderDose");
    List<HistoricVariableUpdate> entered = engine.getHistoryService().createHistoricDetailQuery().processInstanceId(dose.getId())
        .variableUpdates().orderPartiallyByOccurrence().asc().list().stream().map(HistoricVariableUpdate.class::cast)
        .filter(update -> update.getVariableName().equals("systolicBp") && update.getValue() != null).toList();
    assertThat(entered).as("each check's entry, with its step").extracting(HistoricVariableUpdate::getValue).containsExactly(165, 126);
    assertThat(entered).extracting(HistoricDetail::getActivityInstanceId).doesNotHaveDuplicates();
  }

  @Test
  void onlyAPrescriberMayOverrideAPostponementAndTheHistoryShowsBoth() {
    ProcessInstance dose = postponedDose();
    Map<String, Object> override = Answers.map("confirmPostponementOverride", true,
        "confirmPostponementOverrideReason", "Anxious at the clinic; home readings 128/80 this week");

    signIn("nurse", "nurses");
    assertRefused(dose, "confirmPostponement", override, "confirmPostponementOverride", "Only a prescriber may override");
    signIn("prescriber", "prescribers");
    assertRefused(dose, "confirmPostponement", Answers.map("confirmPostponementOverride", true), "confirmPostponementOverrideReason",
        "Reason for the override is required");
    complete(dose, "confirmPostponement", override);
    signOut();

    assertThat(dose).isWaitingAt("orderDose").hasPassed("postponementOverridden");
    assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(dose.getId())
        .decisionDefinitionKey("pre-dose-safety").includeOutputs().singleResult().getOutputs())
        .anySatisfy(output -> assertThat(output.getValue()).isEqualTo("postpone"));
    assertThat(historicVariable(dose, "confirmPostponementOverrideBy")).isEqualTo("prescriber");
    assertThat(historicVariable(dose, "confirmPostponementOverrideReason")).asString().startsWith("Anxious");
  }

  @Test
  void aDoseAboveTheProtocolMaximumNeedsAPrescribersOverride() {
    ProcessInstance dose = orderedDose("IV");
    Map<String, Object> tooMuch = Answers.administerDose();
    tooMuch.put("doseMg", 84.0);

    refusedToTheNurseOverriddenByAPrescriber(dose, tooMuch,
        "84 mg for 70 kg is 1.20 mg/kg, above the protocol maximum of 1 mg/kg for IV. Tick \"Ask a prescriber\"", "Titration per protocol v3");

    assertThat(historicVariable(dose, "administerDoseOverrideBy")).isEqualTo("prescriber");
  }

  /** The nurse is refused the dose; a prescriber working the step records it with an override and a reason. */
  private void refusedToTheNurseOverriddenByAPrescriber(ProcessInstance dose, Map<String, Object> given, String refusal, String reason) {
    signIn("nurse", "nurses");
    assertRefused(dose, "administerDose", given, "doseMg", refusal);
    signOut();
    engine.getTaskService().setAssignee(taskAt(dose, "administerDose").getId(), "prescriber");
    signIn("prescriber", "prescribers");
    given.putAll(Answers.map("administerDoseOverride", true, "administerDoseOverrideReason", reason));
    complete(dose, "administerDose", given);
    signOut();
    assertThat(dose).isWaitingAt("recordVitals");
  }

  @ParameterizedTest(name = "{0} {1} {2} for 70 kg -> {3} mg")
  @CsvSource(delimiter = '|', textBlock = """
      IV               | mg/kg | 0.5  | 35.0
      IV               | mg/kg | 1.0  | 70.0
      IV               | mg    | 52.5 | 52.5
      IM               | mg/kg | 0.75 | 52.5
      ESKETAMINE_NASAL | mg    | 84   | 84.0
      """)
  void theOrderIsKeptInMgWhateverUnitThePrescriberOrdersIn(String route, String unit, double amount, double mg) {
    ProcessInstance dose = doseCheckedWith(route, Answers.preDoseCheck());
    complete(dose, "orderDose", "orderUnit", unit, "orderAmount", amount);

    assertThat(dose).isWaitingAt("administerDose").variables().containsEntry("orderedDoseMg", mg)
        .containsEntry("orderedDoseMgPerKg", Math.round(mg / 70 * 100) / 100.0);
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      IV               | mg/kg | 1.01 | An order of 70.7 mg for 70 kg is 1.01 mg/kg, above the protocol maximum of 1 mg/kg for IV
      IV               | mg    | 150  | An order of 150 mg for 70 kg is 2.14 mg/kg, above the protocol maximum of 1 mg/kg for IV
      ESKETAMINE_NASAL | mg    | 112  | An order of 112 mg is above the protocol maximum of 84 mg for esketamine
      """)
  void noOrderAboveTheProtocolMaximum(String route, String unit, double amount, String refusal) {
    ProcessInstance dose = doseCheckedWith(route, Answers.preDoseCheck());

    assertRefused(dose, "orderDose", Answers.map("orderUnit", unit, "orderAmount", amount), "orderAmount", refusal);
  }

  @Test
  void aDoseOtherThanTheOrderNeedsAPrescribersOverride() {
    ProcessInstance dose = orderedDose("IV");
    Map<String, Object> more = Answers.administerDose();
    more.put("doseMg", 42.0);

    refusedToTheNurseOverriddenByAPrescriber(dose, more, "42 mg is not the 35 mg ordered. Tick \"Ask a prescriber\"",
        "Second vial drawn up per the prescriber");

    assertThat(historicVariable(dose, "doseMgPerKg")).isEqualTo(0.6);
  }

  /**
   * The nurse who meets a block asks from the task itself: no user to find. The request reaches the
   * prescribers' queue at once, urgent; the answer comes back to the nurse's step and an approval
   * lifts its block for that completion only.
   */
  @Test
  void aNurseAsksAPrescriberFromTheBlockedDoseAndGivesItOnceApproved() {
    ProcessInstance dose = orderedDose("IV");
    Map<String, Object> more = Answers.administerDose();
    more.put("doseMg", 84.0);
    Map<String, Object> asking = new HashMap<>(more);
    asking.putAll(Answers.map("administerDoseAskPrescriber", true, "administerDoseAskReason", "Tolerated 1.2 mg/kg before"));
    asking.remove("doseStartedAt"); // asked before giving it: there is no start yet

    signIn("nurse", "nurses");
    complete(dose, "administerDose", asking);
    signOut();
    assertThat(dose).isWaitingAt("administerDosePrescriberAnswer");
    assertThat(task()).hasCandidateGroup("prescribers").hasName("Nurse asks: dose — K-0042");
    assertThat(task().getPriority()).isEqualTo(100);
    assertThat(engine.getFormService().getTaskFormVariables(task().getId()))
        .containsEntry("prescriberAskedBecause", "84 mg for 70 kg is 1.20 mg/kg, above the protocol maximum of 1 mg/kg for IV")
        .containsEntry("prescriberAskReason", "Tolerated 1.2 mg/kg before");
    assertRefused(dose, "administerDosePrescriberAnswer", Answers.map("prescriberAnswer", "approved", "prescriberAnswerReason", "x"),
        "prescriberAnswer", "Only a prescriber may answer this");

    signIn("prescriber", "prescribers");
    complete(dose, "administerDosePrescriberAnswer", "prescriberAnswer", "approved", "prescriberAnswerReason", "Titration per protocol v3");
    signOut();
    assertThat(dose).isWaitingAt("administerDose");
    assertThat(engine.getFormService().getTaskFormVariables(taskAt(dose, "administerDose").getId()))
        .as("the nurse's step again: fresh, with the answer").doesNotContainKeys("doseMg", "administerDoseAskPrescriber")
        .containsEntry("administerDosePrescriberAnswer", "approved").containsEntry("administerDosePrescriberAnswerBy", "prescriber");
    signIn("nurse", "nurses");
    Map<String, Object> larger = new HashMap<>(more);
    larger.put("doseMg", 140.0);
    assertRefused(dose, "administerDose", larger, "doseMg", "140 mg for 70 kg is 2.00 mg/kg, above the protocol maximum of 1 mg/kg "
        + "for IV. The prescriber approved this instead: 84 mg for 70 kg is 1.20 mg/kg");
    complete(dose, "administerDose", more);
    signOut();

    assertThat(dose).isWaitingAt("recordVitals");
    assertThat(historicVariable(dose, "administerDoseOverrideBy")).isEqualTo("prescriber");
    assertThat(historicVariable(dose, "administerDoseOverrideReason")).isEqualTo("Titration per protocol v3");
    assertThat(engine.getRuntimeService().getVariables(dose.getId())).as("the approval was for that completion only")
        .doesNotContainKey("administerDosePrescriberAnswer");
  }

  @Test
  void aDeclinedRequestLeavesTheBlockInPlace() {
    ProcessInstance dose = dischargedEarlyAndAsked("declined");

    assertThat(dose).isWaitingAt("dischargeCheck");
    assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)), "dischargedAt", "at least 60 minutes");
  }

  @Test
  void anApprovedEarlyDischargeGoesAheadOnce() {
    ProcessInstance dose = dischargedEarlyAndAsked("approved");

    // The prescriber took 7 minutes to answer: the patient leaves later than asked, observed longer.
    moveClockTo(DISCHARGED.plus(Duration.ofMinutes(7)));
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED.plus(Duration.ofMinutes(7)))));
    assertThat(dose).isWaitingAt("scheduleIntegration");
    assertThat(historicVariable(dose, "dischargeCheckOverrideBy")).isEqualTo("prescriber");
  }

  /** An early discharge approved at 45 minutes does not cover a new shortfall: 16 minutes without vitals by the time the patient leaves. */
  @Test
  void anApprovedEarlyDischargeDoesNotCoverAGapThatOpenedSince() {
    ProcessInstance dose = dischargedEarlyAndAsked("approved");

    moveClockTo(DISCHARGED.plus(Duration.ofMinutes(16)));
    assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED.plus(Duration.ofMinutes(16)))),
        "dischargedAt", "the longest time without a reading was 16 minutes. The prescriber approved this instead: "
            + "a discharge before the minimum observation");
  }

  private ProcessInstance dischargedEarlyAndAsked(String answer) {
    ProcessInstance dose = observedDose("IV", 45);
    Map<String, Object> early = Answers.dischargeCheck(iso(DISCHARGED));
    early.putAll(Answers.map("dischargeCheckAskPrescriber", true, "dischargeCheckAskReason", "Escort must leave; patient fully alert"));
    complete(dose, "dischargeCheck", early);
    assertThat(dose).isWaitingAt("dischargeCheckPrescriberAnswer").hasNotPassed("afterDischarge");
    signIn("prescriber", "prescribers");
    complete(dose, "dischargeCheckPrescriberAnswer", "prescriberAnswer", answer, "prescriberAnswerReason", "Seen at the bedside");
    signOut();
    return dose;
  }

  @Test
  void aNurseAsksAPrescriberAboutAPostponedDose() {
    ProcessInstance dose = postponedDose();

    complete(dose, "confirmPostponement", "confirmPostponementAskPrescriber", true, "confirmPostponementAskReason",
        "Anxious at the clinic; home readings 128/80 this week");
    assertThat(dose).isWaitingAt("confirmPostponementPrescriberAnswer");
    signIn("prescriber", "prescribers");
    complete(dose, "confirmPostponementPrescriberAnswer", "prescriberAnswer", "approved", "prescriberAnswerReason", "Recheck after rest");
    signOut();
    complete(dose, "confirmPostponement", Answers.map());

    assertThat(dose).isWaitingAt("orderDose").hasPassed("postponementOverridden").hasNotPassed("notifyDosePostponed");
    assertThat(historicVariable(dose, "confirmPostponementOverrideBy")).isEqualTo("prescriber");
  }

  /** The reported arithmetic: IV 150 mg for 70 kg passed as "0.5 mg/kg" typed by the nurse. */
  @Test
  void theMaximumAppliesToTheDosePerKgComputedFromTheWeightWhateverIsTyped() {
    ProcessInstance dose = orderedDose("IV");
    Map<String, Object> typed = Answers.administerDose();
    typed.putAll(Answers.map("doseMg", 150.0, "doseMgPerKg", 0.5));

    assertRefused(dose, "administerDose", typed, "doseMg", "150 mg for 70 kg is 2.14 mg/kg, above the protocol maximum");

    complete(dose, "administerDose", Answers.administerDose());
    assertThat(historicVariable(dose, "doseMgPerKg")).as("35 mg for 70 kg, computed").isEqualTo(0.5);
  }

  @Test
  void aFixedDoseLimitAppliesToEsketamine() {
    ProcessInstance dose = orderedDose("ESKETAMINE_NASAL");
    Map<String, Object> tooMuch = Answers.administerDose();
    tooMuch.put("doseMg", 112.0);

    assertRefused(dose, "administerDose", tooMuch, "doseMg", "112 mg is above the protocol maximum of 84 mg for esketamine");
  }

  @Test
  void aPrescriberMayDischargeBeforeTheMinimumObservationTime() {
    ProcessInstance dose = observedDose("IV", 59);
    Map<String, Object> early = Answers.dischargeCheck(iso(DISCHARGED));
    assertRefused(dose, "dischargeCheck", early, "dischargedAt", "at least 60 minutes before discharge; 59 since the dose started");

    engine.getTaskService().setAssignee(taskAt(dose, "dischargeCheck").getId(), "prescriber");
    signIn("prescriber", "prescribers");
    early.putAll(Answers.map("dischargeCheckOverride", true, "dischargeCheckOverrideReason", "Fully alert; transferred to ward"));
    complete(dose, "dischargeCheck", early);
    signOut();

    assertThat(dose).isWaitingAt("scheduleIntegration");
    assertThat(historicVariable(dose, "dischargeCheckOverrideBy")).isEqualTo("prescriber");
  }

  @Test
  void prescriberMayLetADoseGoAheadAfterReview() {
    Map<String, Object> check = Answers.preDoseCheck();
    check.put("sedativesToday", true);
    ProcessInstance dose = doseCheckedWith("IV", check);

    assertThat(dose).isWaitingAt("prescriberReview");
    assertThat(task()).hasCandidateGroup("prescribers");
    complete(dose, "prescriberReview", "prescriberDecision", "proceed", "prescriberReason", "Single dose of lorazepam 0.5 mg at 07:00");
    assertThat(dose).isWaitingAt("orderDose");
  }

  @Test
  void prescriberMayPostponeAfterReview() {
    Map<String, Object> check = Answers.preDoseCheck();
    check.put("heartRate", 118);
    ProcessInstance dose = doseCheckedWith("IV", check);

    complete(dose, "prescriberReview", "prescriberDecision", "postpone", "prescriberReason", "Tachycardic, recheck next week");
    executeJob(dose, "notifyDosePostponed");
    assertThat(dose).isWaitingAt("scheduleDosing");
  }

  @Test
  void seriousAdverseEventRaisesASafetyRiskAndTheDoseGoesOn() {
    ProcessInstance dose = orderedDose("IV");
    Map<String, Object> administered = Answers.administerDose();
    administered.putAll(Answers.map("seriousAdverseEvent", true, "adverseEvents", "Laryngospasm, resolved"));
    complete(dose, "administerDose", administered);

    assertThat(dose).hasPassed("raiseAdverseEventRisk").isWaitingAt("recordVitals");
  }

  @Test
  void esketamineNeedsTwoHoursOfObservationAndARemsForm() {
    ProcessInstance dose = observedDose("ESKETAMINE_NASAL", 119);

    assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)), "dischargedAt",
        "After an esketamine dose the patient must be observed for at least 120 minutes before discharge; 119 since");

    Instant twoHours = DISCHARGED.plus(Duration.ofMinutes(1));
    moveClockTo(twoHours);
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(twoHours)));
    assertThat(dose).isWaitingAt("scheduleIntegration", "submitRemsMonitoringForm");
    Task rems = taskAt(dose, "submitRemsMonitoringForm");
    assertThat(rems.getDueDate()).isEqualTo(Date.from(twoHours.plus(Duration.ofDays(7))));
    assertThat(task("submitRemsMonitoringForm", dose)).hasCandidateGroup("care-coordinators");

    complete(dose, "submitRemsMonitoringForm", "remsSubmittedAt", iso(DISCHARGED.plus(Duration.ofDays(1))), "remsConfirmation", "R-55102");
    complete(dose, "scheduleIntegration", "integrationAt", iso(DISCHARGED.plus(Duration.ofHours(20))));
    complete(dose, "integrationSession", "integrationFormat", "in-person", "integrationMinutes", 60, "followUpNeeded", false);
    assertThat(dose).isEnded().hasPassed("submitRemsMonitoringForm", "remsJoin", "doseFinished");
  }

  /** IV and IM: vitals every 15 minutes from the start of the dose; each reading task is due when the next set is. */
  @Test
  void vitalsAreDueEveryFifteenMinutesAfterAnIvDose() {
    ProcessInstance dose = orderedDose("IV");
    Instant start = NOW.minus(Duration.ofMinutes(20));
    complete(dose, "administerDose", startedAt(start));

    assertThat(dose).isWaitingAt("recordVitals");
    assertThat(task()).hasCandidateGroup("nurses").hasDueDate(Date.from(start.plus(Duration.ofMinutes(15))))
        .hasName("Record vitals during observation — K-0042");
    complete(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(14))), false));
    assertThat(task()).as("a fresh task for the next set").hasDueDate(Date.from(start.plus(Duration.ofMinutes(29))));
    assertThat(engine.getFormService().getTaskFormVariables(task().getId())).doesNotContainKeys("vitalsAt", "vitalsSpo2");
  }

  /** Esketamine has no interval: one reading at the blood pressure's peak, then at the end of the two hours. */
  @Test
  void esketamineVitalsAreDueAtFortyMinutesThenAtTheEndOfTheObservation() {
    ProcessInstance dose = orderedDose("ESKETAMINE_NASAL");
    Instant start = NOW.minus(Duration.ofMinutes(45));
    complete(dose, "administerDose", startedAt(start));

    assertThat(task()).hasDueDate(Date.from(start.plus(Duration.ofMinutes(40))));
    complete(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(41))), false));
    assertThat(task()).hasDueDate(Date.from(start.plus(Duration.ofMinutes(120))));
    assertThat(dose).variables().containsEntry("systolicBp40", 136.0).containsEntry("peakBpMinute", 41);
  }

  /** The longest time without vitals, the last set to the discharge included: 15 minutes passes, 16 needs a prescriber. */
  @ParameterizedTest(name = "a gap of {0} minutes")
  @CsvSource(delimiter = '|', textBlock = """
      15 | true
      16 | false
      """)
  void aGapInTheVitalsLongerThanTheIntervalNeedsAPrescriber(int gap, boolean discharged) {
    ProcessInstance dose = orderedDose("IV");
    moveClockTo(DISCHARGED);
    Instant start = DISCHARGED.minus(Duration.ofMinutes(45 + gap));
    complete(dose, "administerDose", startedAt(start));
    for (int minute : new int[] {15, 30, 45, 45 + gap}) {
      complete(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(minute))), minute == 45 + gap));
    }

    if (discharged) {
      complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)));
      assertThat(dose).isWaitingAt("scheduleIntegration");
      assertThat(historicVariable(dose, "minutesMonitored")).isEqualTo(45 + gap);
    } else {
      assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)), "dischargedAt",
          "Vitals are due every 15 minutes after an IV dose; the longest time without a reading was 16 minutes");
    }
  }

  /** Blood pressure peaks about 40 minutes after the start: a reading 30 to 50 minutes after stands for it, none outside. */
  @ParameterizedTest(name = "a reading {0} minutes after the start")
  @CsvSource(delimiter = '|', textBlock = """
      29 | false
      30 | true
      50 | true
      51 | false
      """)
  void theBloodPressureAtItsPeakIsRecorded(int minute, boolean counts) {
    ProcessInstance dose = orderedDose("ESKETAMINE_NASAL");
    moveClockTo(DISCHARGED);
    Instant start = DISCHARGED.minus(Duration.ofMinutes(130));
    complete(dose, "administerDose", startedAt(start));
    complete(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(minute))), false));
    complete(dose, "recordVitals", Answers.vitals(iso(DISCHARGED), true));

    if (counts) {
      complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)));
      assertThat(historicVariable(dose, "systolicBp40")).isEqualTo(136.0);
    } else {
      assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED)), "dischargedAt",
          "No blood pressure was recorded 30 to 50 minutes after the start of the dose, when it peaks");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      in the future                 | 80  | cannot be in the future
      before the dose started       | -1  | cannot be before the dose started
      """)
  void aReadingOutOfTimeIsRefused(String what, int minutesAfterStart, String refusal) {
    ProcessInstance dose = orderedDose("IV");
    Instant start = NOW.minus(Duration.ofMinutes(60));
    complete(dose, "administerDose", startedAt(start));

    assertRefused(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(minutesAfterStart))), false), "vitalsAt",
        refusal);
  }

  @Test
  void readingsAreKeptInOrder() {
    ProcessInstance dose = orderedDose("IV");
    Instant start = NOW.minus(Duration.ofMinutes(60));
    complete(dose, "administerDose", startedAt(start));
    complete(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(30))), false));

    assertRefused(dose, "recordVitals", Answers.vitals(iso(start.plus(Duration.ofMinutes(15))), false), "vitalsAt",
        "cannot be before the one recorded last");
  }

  @ParameterizedTest(name = "a start {0}")
  @CsvSource(delimiter = '|', textBlock = """
      in the future         | 10   | The dose cannot start in the future
      more than 12 hours ago | -721 | more than 12 hours ago
      """)
  void aDoseStartOutOfTimeIsRefused(String what, int minutesFromNow, String refusal) {
    ProcessInstance dose = orderedDose("IV");

    assertRefused(dose, "administerDose", startedAt(NOW.plus(Duration.ofMinutes(minutesFromNow))), "doseStartedAt", refusal);
  }

  @Test
  void readyToLeaveAfterTheDischargeIsRefused() {
    ProcessInstance dose = observedDose("ESKETAMINE_NASAL", 125);
    Map<String, Object> discharge = Answers.dischargeCheck(iso(DISCHARGED));
    discharge.put("readyToLeaveAt", iso(DISCHARGED.plus(Duration.ofMinutes(1))));

    assertRefused(dose, "dischargeCheck", discharge, "readyToLeaveAt", "cannot have been ready to leave after the discharge");
  }

  /** A nurse who finds the patient not ready sends the dose back to the observation, with nothing else to fill in. */
  @Test
  void aPatientNotReadyToLeaveIsObservedOn() {
    ProcessInstance dose = observedDose("IV", 45);

    complete(dose, "dischargeCheck", "continueObservation", true);
    assertThat(dose).isWaitingAt("recordVitals").hasNotPassed("afterDischarge");
    moveClockTo(DISCHARGED.plus(Duration.ofMinutes(15)));
    complete(dose, "recordVitals", Answers.vitals(iso(DISCHARGED.plus(Duration.ofMinutes(15))), true));
    assertThat(task()).as("a fresh discharge check").isNotNull();
    assertThat(engine.getFormService().getTaskFormVariables(task().getId())).doesNotContainKey("continueObservation");
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(DISCHARGED.plus(Duration.ofMinutes(15)))));
    assertThat(dose).isWaitingAt("scheduleIntegration");
    assertThat(historicVariable(dose, "minutesMonitored")).isEqualTo(60);
  }

  /** A dose an administrator moved straight to its discharge check has no observation to count: refused, not a server error. */
  @Test
  void aDischargeWithoutARecordedDoseIsRefused() {
    ProcessInstance dose = engine.getRuntimeService().createProcessInstanceByKey(Journeys.DOSING_SESSION).businessKey("K-0043")
        .setVariables(Answers.map("patientId", "K-0043", "patientName", "Sam Example", "route", "IV", "weightKg", 70.0, "doseNumber", 1))
        .startBeforeActivity("dischargeCheck").execute();

    assertRefused(dose, "dischargeCheck", Answers.dischargeCheck(iso(NOW)), "doseStartedAt", "This dose has no recorded start");
  }

  /** The REMS step opens with every value the Patient Monitoring Form asks, from the session's records. */
  @Test
  void theRemsFormOpensWithEveryValueThePatientMonitoringFormAsks() throws Exception {
    ProcessInstance dose = orderedDose("ESKETAMINE_NASAL");
    moveClockTo(DISCHARGED);
    Instant start = DISCHARGED.minus(Duration.ofMinutes(130));
    complete(dose, "administerDose", startedAt(start));
    Map<String, Object> sedated = Answers.vitals(iso(start.plus(Duration.ofMinutes(40))), false);
    sedated.putAll(Answers.map("sedationPresent", true, "vitalsSpo2", 93));
    complete(dose, "recordVitals", sedated);
    complete(dose, "recordVitals", Answers.vitals(iso(DISCHARGED.minus(Duration.ofMinutes(5))), true));
    Map<String, Object> discharge = Answers.dischargeCheck(iso(DISCHARGED));
    discharge.put("readyToLeaveAt", iso(DISCHARGED.minus(Duration.ofMinutes(5))));
    complete(dose, "dischargeCheck", discharge);

    Map<String, Object> shown = engine.getFormService().getTaskFormVariables(taskAt(dose, "submitRemsMonitoringForm").getId())
        .entrySet().stream().filter(variable -> variable.getValue() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    // What the REMS Patient Monitoring Form asks of an outpatient session (docs/clinical.md, "Esketamine: Spravato REMS monitoring").
    List<String> asked = List.of("sedativesToday", "opioidsOrBenzodiazepines", "doseStartedAt", "doseMg", "lotNumber",
        "minutesMonitored", "systolicBp", "diastolicBp", "systolicBp40", "diastolicBp40", "systolicBpDischarge",
        "diastolicBpDischarge", "lowestSpo2", "sedationObserved", "dissociationObserved", "respiratoryDepressionObserved",
        "sedationResolved", "dissociationResolved", "respiratoryDepressionResolved", "readyToLeaveAt");
    assertThat(readOnlyKeys("submitRemsMonitoringForm")).containsAll(asked);
    assertThat(shown).containsKeys(asked.stream().filter(key -> !key.equals("opioidsOrBenzodiazepines")).toArray(String[]::new))
        .containsEntry("minutesMonitored", 130).containsEntry("lowestSpo2", 93).containsEntry("sedationObserved", true)
        .containsEntry("dissociationObserved", false).containsEntry("readyToLeaveAt", DISCHARGED.minus(Duration.ofMinutes(5)).toString());
  }

  private static List<String> readOnlyKeys(String form) throws Exception {
    List<String> keys = new ArrayList<>();
    new ObjectMapper().readTree(Path.of("forms", form + ".form").toFile())
        .path("components").forEach(component -> {
          if (component.path("readonly").asBoolean()) {
            keys.add(component.path("key").asText());
          }
        });
    return keys;
  }


  /** The day before the dose a check-in goes; until its answers come, the nurse's check prompts for them. */
  @Test
  void theCheckInBeforeTheDosePromptsTheNurseUntilThePatientAnswers() {
    ProcessInstance dose = startDose("K-0043", "sam@example.org", "IV");
    complete(dose, "scheduleDosing", "dosingAt", Answers.daysAhead(2), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    executeJob(dose, "preDoseCheckInDue");
    executeJob(dose, "sendPreDoseCheckIn");
    assertThat(dose).hasPassed("preDoseCheckInSent").isWaitingAt("preDoseCheck");
    assertThat(engine.getRuntimeService().getVariable(dose.getId(), "checkInUnanswered")).isEqualTo(true);

    engine.getRuntimeService().createMessageCorrelation(Journeys.CHECK_IN_ANSWERED).processInstanceId(dose.getId())
        .setVariable("checkInUnanswered", false).correlate();
    assertThat(dose).hasPassed("preDoseCheckInNoted").isWaitingAt("preDoseCheck");
    assertThat(engine.getRuntimeService().getVariable(dose.getId(), "checkInUnanswered")).isEqualTo(false);
  }
}
