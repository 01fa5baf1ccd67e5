package org.kapcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;

/** A process driver that knows the journey's common path: referral, consultation, history, consent, preparation, doses. */
public abstract class JourneyDriver extends ProcessDriver {

  private static int patients;

  /** Two days after the engine's clock, to the minute: a booking is never for a day that has passed. */
  protected static Instant consultationAt() {
    return EngineClock.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
  }

  /** A patient id not used before in this run, e.g. K-1001. */
  protected static String nextPatientId(String prefix) {
    return prefix + "-" + (1000 + ++patients);
  }

  protected ProcessInstance refer() {
    String patientId = nextPatientId("K");
    ProcessInstance journey = engine.getRuntimeService().startProcessInstanceByKey(Journeys.CARE_JOURNEY, Answers.referral(patientId));
    assertThat(journey).hasBusinessKey(patientId).isWaitingAt("scheduleConsultation");
    return journey;
  }

  protected ProcessInstance consulted(Map<String, Object> consultation) {
    ProcessInstance journey = refer();
    assertThat(task()).hasCandidateGroup("care-coordinators").hasName("Book consultation — " + journey.getBusinessKey());
    Instant consultationAt = consultationAt();
    complete(journey, "scheduleConsultation", "consultationAt", iso(consultationAt));
    assertThat(task()).hasCandidateGroup("prescribers").hasDueDate(Date.from(consultationAt));
    complete(journey, "consultation", consultation);
    return journey;
  }

  /** A patient who answered PHQ-9 item 9 above 0 at the consultation: the prescribers' urgent safety review is open. */
  protected ProcessInstance withUrgentSafetyReview() {
    Map<String, Object> selfHarmThoughts = Answers.consultation();
    selfHarmThoughts.put("phq9_9", "1");
    ProcessInstance journey = consulted(selfHarmThoughts);
    executeJob(journey, "sendSafetyAlert");
    return journey;
  }

  protected ProcessInstance historyTaken(Map<String, Object> medicalHistory) {
    ProcessInstance journey = consulted(Answers.consultation());
    assertThat(journey).isWaitingAt("medicalHistory");
    assertThat(task()).hasCandidateGroup("nurses");
    complete(journey, "medicalHistory", medicalHistory);
    return journey;
  }

  protected ProcessInstance consented() {
    ProcessInstance journey = historyTaken(Answers.medicalHistory());
    complete(journey, "informedConsent", "consentGiven", true, "consentFormVersion", "2026-03");
    bookPreparationSession(journey);
    return journey;
  }

  /** Books the next preparation session a week after the engine's clock; returns when it is. */
  protected Instant bookPreparationSession(ProcessInstance journey) {
    Instant at = EngineClock.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MINUTES);
    complete(journey, "schedulePreparation", "preparationAt", iso(at));
    return at;
  }

  /** Holds the session and, when another is planned, books it: the journey then waits at it, as after the first booking. */
  protected void holdPreparationSession(ProcessInstance journey, String readiness) {
    assertThat(task("preparationSession", journey)).hasCandidateGroup("therapists");
    complete(journey, "preparationSession", "preparationReadiness", readiness, "intentionsSet", true,
        "safetyPlanReviewed", true, "preparationMinutes", 60);
    if (engine.getTaskService().createTaskQuery().processInstanceId(journey.getId()).taskDefinitionKey("schedulePreparation").count() > 0) {
      bookPreparationSession(journey);
    }
  }

  protected ProcessInstance atDosing() {
    ProcessInstance journey = consented();
    holdPreparationSession(journey, "ready");
    holdPreparationSession(journey, "ready");
    assertThat(journey).isWaitingAt("dosingSeries");
    return journey;
  }

  /** Books, checks and gives the current dose; returns the dose, waiting at its discharge check. */
  protected ProcessInstance administer(ProcessInstance journey, Map<String, Object> administered) {
    ProcessInstance dose = currentDose(journey);
    assertThat(dose).hasBusinessKey(journey.getBusinessKey());
    complete(dose, "scheduleDosing", "dosingAt", iso(EngineClock.now().plus(Duration.ofDays(1))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    complete(dose, "preDoseCheck", Answers.preDoseCheck());
    complete(dose, "orderDose", Answers.orderDose());
    complete(dose, "administerDose", administered);
    observe(dose);
    return dose;
  }

  /** One whole dose with the integration session held the day after discharge. */
  protected void giveDose(ProcessInstance journey) {
    ProcessInstance dose = administer(journey, Answers.administerDose());
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(EngineClock.now())));
    complete(dose, "scheduleIntegration", "integrationAt", iso(EngineClock.now().plus(Duration.ofHours(24))));
    complete(dose, "integrationSession", "integrationFormat", "in-person", "integrationMinutes", 60, "followUpNeeded", false);
    assertThat(dose).isEnded();
  }

  protected void followUp(ProcessInstance journey, int phq9Total, String nextStep, Object... more) {
    Instant followUpAt = EngineClock.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
    complete(journey, "scheduleFollowUp", "followUpAt", iso(followUpAt));
    assertThat(task("followUpAssessment", journey)).hasCandidateGroup("prescribers")
        .hasDueDate(Date.from(followUpAt));
    Map<String, Object> answers = Answers.followUp(phq9Total, nextStep);
    answers.putAll(Answers.map(more));
    complete(journey, "followUpAssessment", answers);
  }

  /** A journey at its first dose, booked two days ahead; the day-before check-in has gone out. */
  protected ProcessInstance checkInBeforeTheDose(ProcessInstance journey) {
    checkInRequestedForTheDose(journey);
    ProcessInstance checkIn = checkInOf(journey);
    assertThat(checkIn).isWaitingAt("sendCheckIn");
    executeJob(checkIn, "sendCheckIn");
    assertThat(checkIn).isWaitingAt("awaitCheckIn");
    return checkIn;
  }

  /**
   * The journey's first dose booked two days ahead; the day before it, the dose asks for the
   * check-in and prompts its nurse until the answers come. Returns the dose.
   */
  protected ProcessInstance checkInRequestedForTheDose(ProcessInstance journey) {
    ProcessInstance dose = currentDose(journey);
    Instant dosingAt = EngineClock.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
    complete(dose, "scheduleDosing", "dosingAt", iso(dosingAt), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    Job due = job(dose, "preDoseCheckInDue");
    assertThat(due.getDuedate()).isEqualTo(Date.from(dosingAt.minus(Duration.ofDays(1))));
    moveClockTo(dosingAt.minus(Duration.ofDays(1)));
    execute(due);
    executeJob(dose, "sendPreDoseCheckIn");
    assertThat(engine.getRuntimeService().getVariable(dose.getId(), "checkInUnanswered")).isEqualTo(true);
    return dose;
  }

  protected ProcessInstance checkInOf(ProcessInstance journey) {
    List<ProcessInstance> open = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(Journeys.PATIENT_CHECK_IN).processInstanceBusinessKey(journey.getBusinessKey()).list();
    assertThat(open).as("open check-ins of " + journey.getBusinessKey()).hasSize(1);
    return open.get(0);
  }

  protected Job job(ProcessInstance instance, String activityId) {
    return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).activityId(activityId)
        .singleResult();
  }
}
