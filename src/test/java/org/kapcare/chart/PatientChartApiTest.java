package org.kapcare.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * {@code /api/patients} over real HTTP, for each group: what the chart shows and withholds, who may
 * open whose chart, the search, and the access-log row each opening leaves.
 */
@WebAppTest
class PatientChartApiTest extends JourneyDriver {

  private final ObjectMapper json = new ObjectMapper();
  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;

  /**
   * A patient at their maintenance dose: baseline PHQ-9 19 and GAD-7 14, two preparation sessions
   * (the first with notes), one dose given and observed, its integration session held in time with
   * notes, a follow-up at PHQ-9 8, and the maintenance dose waiting to be booked.
   */
  private ProcessInstance patientAtMaintenance() {
    Map<String, Object> consultation = Answers.consultation();
    ProcessInstance journey = consulted(consultation);
    complete(journey, "medicalHistory", Answers.medicalHistory());
    complete(journey, "informedConsent", "consentGiven", true, "consentFormVersion", "2026-03");
    // Time passes as in a clinic: each session is held when it was booked for.
    moveClockTo(bookPreparationSession(journey));
    complete(journey, "preparationSession", "preparationReadiness", "ready", "intentionsSet", true,
        "safetyPlanReviewed", true, "preparationMinutes", 60, "preparationNotes", "Fears losing control; practised breathing");
    moveClockTo(bookPreparationSession(journey));
    holdPreparationSession(journey, "ready");
    ProcessInstance dose = administer(journey, Answers.administerDose());
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(EngineClock.now())));
    complete(dose, "scheduleIntegration", "integrationAt", iso(EngineClock.now().plus(Duration.ofHours(24))));
    complete(dose, "integrationSession", "integrationFormat", "in-person", "integrationMinutes", 60, "followUpNeeded", false,
        "integrationNotes", "Saw his father's face; wants to call him");
    moveClockTo(EngineClock.now().plus(Duration.ofDays(30)));
    followUp(journey, 8, "maintenance", "maintenanceDoses", 1);
    return journey;
  }

  private ResponseEntity<String> get(String user, String path) {
    return (user == null ? http : http.withBasicAuth(user, "demo")).getForEntity(path, String.class);
  }

  private JsonNode chart(String user, String patientId) throws Exception {
    ResponseEntity<String> response = get(user, "/api/patients/" + patientId);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    return json.readTree(response.getBody());
  }

  /** Two check-ins: one answered with PHQ-9 12 the day before dose 1, one left to expire. */
  @Test
  void everyCheckInIsOnTheChartAndItsScoresOnTheScoreChartButCoordinatorsSeeOnlyWhichWereAnswered() throws Exception {
    ProcessInstance journey = atDosing();
    ProcessInstance answered = checkInBeforeTheDose(journey);
    runtime.createMessageCorrelation(Journeys.CHECK_IN_SUBMITTED).processInstanceId(answered.getId())
        .setVariables(Answers.checkIn(12, 0)).correlate();
    executeJob(answered, "shareCheckIn");
    moveClockTo(EngineClock.now().plus(Duration.ofDays(7)));
    executeJob(journey, "weeklyCheckInDue");
    executeJob(journey, "sendWeeklyCheckIn");
    ProcessInstance expired = checkInOf(journey);
    executeJob(expired, "sendCheckIn");
    executeJob(expired, "checkInLinkExpired");

    JsonNode chart = chart("prescriber", journey.getBusinessKey());
    assertThat(chart.get("scores").get(0).get("measures")).extracting(m -> m.get("when").asText() + " " + m.get("score").asInt())
        .containsExactly("baseline 19", "check-in 12");
    assertThat(chart.get("scores").get(1).get("measures")).extracting(m -> m.get("when").asText() + " " + m.get("score").asInt())
        .containsExactly("baseline 14", "check-in 7");
    assertThat(chart.get("checkIns")).hasSize(2);
    JsonNode first = chart.get("checkIns").get(0);
    assertThat(first.get("purpose").asText()).isEqualTo("before-dose");
    assertThat(first.get("dose").asInt()).isEqualTo(1);
    assertThat(first.get("status").asText()).isEqualTo("answered");
    assertThat(first.get("phq9").asInt()).isEqualTo(12);
    assertThat(first.get("phq9Severity").asText()).isEqualTo("moderate");
    assertThat(first.get("phq9Rise").asInt()).isEqualTo(-7);
    assertThat(first.get("selfHarmThoughts").asBoolean()).isFalse();
    assertThat(chart.get("checkIns").get(1).get("status").asText()).isEqualTo("not answered");
    assertThat(chart.get("checkIns").get(1).get("purpose").asText()).isEqualTo("between-doses");

    JsonNode logistics = chart("coordinator", journey.getBusinessKey());
    assertThat(logistics.get("checkIns")).extracting(c -> c.get("status").asText()).containsExactly("answered", "not answered");
    assertThat(logistics.get("checkIns").get(0).has("phq9")).isFalse();
    assertThat(logistics.get("checkIns").get(0).has("selfHarmThoughts")).isFalse();
    assertThat(logistics.has("scores")).isFalse();
  }

  @Test
  void aNurseReadsTheWholeChartOfAPatientInCare() throws Exception {
    String patientId = patientAtMaintenance().getBusinessKey();

    JsonNode chart = chart("nurse", patientId);

    assertThat(chart.get("timeZone").asText()).isEqualTo("UTC");
    JsonNode patient = chart.get("patient");
    assertThat(patient.get("name").asText()).isEqualTo("Alex Example");
    assertThat(patient.get("primaryCondition").asText()).isEqualTo("TRD");
    assertThat(patient.get("route").asText()).isEqualTo("IV");
    assertThat(patient.get("stage").asText()).isEqualTo("Dosing: dose 2 (maintenance)");
    assertThat(patient.get("inCare").asBoolean()).isTrue();
    assertThat(chart.has("nextSession")).as("the maintenance dose is not booked yet").isFalse();
    assertThat(chart.get("openTasks")).singleElement().satisfies(task -> {
      assertThat(task.get("name").asText()).isEqualTo("Book dosing session");
      assertThat(task.get("group").asText()).isEqualTo("Care coordinators");
      assertThat(task.get("priority").asText()).isEqualTo("normal");
    });

    JsonNode baseline = chart.get("baseline");
    assertThat(baseline.get("vitals").get("systolic").asInt()).isEqualTo(128);
    assertThat(baseline.get("vitals").get("heartRate").asInt()).isEqualTo(72);
    assertThat(baseline.get("weightKg").asDouble()).isEqualTo(70.0);
    assertThat(baseline.get("currentMedications").asText()).isEqualTo("sertraline 100 mg");

    JsonNode safety = chart.get("safety");
    assertThat(safety.get("openSafetyReviews").asInt()).isZero();
    assertThat(safety.get("cssrsRisk").asText()).isEqualTo("none");
    assertThat(safety.get("phq9Item9Positive").asBoolean()).isFalse();
    assertThat(safety.get("eligibility").asText()).isEqualTo("eligible");

    JsonNode phq9 = chart.get("scores").get(0);
    assertThat(phq9.get("scale").asText()).isEqualTo("PHQ-9");
    assertThat(phq9.get("max").asInt()).isEqualTo(27);
    assertThat(phq9.get("bands")).hasSize(5);
    assertThat(phq9.get("measures")).extracting(m -> m.get("when").asText() + " " + m.get("score").asInt() + " "
        + m.get("severity").asText()).containsExactly("baseline 19 moderately-severe", "follow-up 8 mild");
    assertThat(chart.get("scores").get(1).get("scale").asText()).isEqualTo("GAD-7");
    assertThat(chart.get("outcome").get("response").asBoolean()).isTrue();
    assertThat(chart.get("outcome").get("remission").asBoolean()).isFalse();

    assertThat(chart.get("doses")).hasSize(2);
    JsonNode given = chart.get("doses").get(0);
    assertThat(given.get("status").asText()).isEqualTo("given");
    assertThat(given.get("orderedMgPerKg").asDouble()).isEqualTo(0.5);
    assertThat(given.get("givenMg").asDouble()).isEqualTo(35.0);
    assertThat(given.get("givenMgPerKg").asDouble()).isEqualTo(0.5);
    assertThat(given.get("before").get("systolic").asInt()).isEqualTo(126);
    assertThat(given.get("before").get("spo2").asInt()).isEqualTo(98);
    assertThat(given.get("at40Minutes").get("systolic").asInt()).isEqualTo(136);
    assertThat(given.get("atDischarge").get("heartRate").asInt()).isEqualTo(72);
    assertThat(given.get("minutesMonitored").asInt()).isEqualTo(75);
    assertThat(chart.get("doses").get(1).get("status").asText()).isEqualTo("waiting: Book dosing session");

    assertThat(chart.get("sessions")).extracting(s -> s.get("kind").asText() + " | " + s.path("timing").asText("-")
        + " | " + s.path("notes").asText("-")).containsExactly(
            "Preparation session | - | Fears losing control; practised breathing",
            "Preparation session | - | -",
            "Integration session | in time | Saw his father's face; wants to call him");
  }

  @Test
  void anOpenSafetyReviewAndAPrescribersOverrideShowWithWhoAndWhy() throws Exception {
    ProcessInstance flagged = withUrgentSafetyReview();

    JsonNode chart = chart("nurse", flagged.getBusinessKey());
    assertThat(chart.get("safety").get("openSafetyReviews").asInt()).isEqualTo(1);
    assertThat(chart.get("safety").get("phq9Item9Positive").asBoolean()).isTrue();
    assertThat(chart.get("safety").get("reviews")).singleElement()
        .satisfies(review -> assertThat(review.has("doneAt") || review.has("outcome")).isFalse());
    assertThat(chart.get("openTasks")).singleElement().satisfies(task -> {
      assertThat(task.get("name").asText()).isEqualTo("Urgent safety review");
      assertThat(task.get("priority").asText()).isEqualTo("urgent");
    });
    assertThat(chart("coordinator", flagged.getBusinessKey()).get("openTasks")).as("a review tells a clinical story").isEmpty();

    Map<String, Object> psychosis = Answers.medicalHistory();
    psychosis.put("psychosis", true);
    ProcessInstance ruledOut = historyTaken(psychosis);
    signIn("prescriber", "prescribers");
    complete(ruledOut, "reviewIneligibility", "reviewIneligibilityOverride", true,
        "reviewIneligibilityOverrideReason", "Single episode 12 years ago; psychiatrist agrees");
    signOut();

    JsonNode safety = chart("prescriber", ruledOut.getBusinessKey()).get("safety");
    assertThat(safety.get("eligibility").asText()).isEqualTo("ineligible");
    assertThat(safety.get("eligibilityReasons").asText()).containsIgnoringCase("psychosis");
    assertThat(safety.get("overrides")).singleElement().satisfies(override -> {
      assertThat(override.get("step").asText()).isEqualTo("Review ineligibility");
      assertThat(override.get("by").asText()).isEqualTo("prescriber");
      assertThat(override.get("reason").asText()).isEqualTo("Single episode 12 years ago; psychiatrist agrees");
    });
  }

  @Test
  void aCoordinatorReadsContactAndLogisticsOnly() throws Exception {
    String patientId = patientAtMaintenance().getBusinessKey();

    JsonNode chart = chart("coordinator", patientId);

    assertThat(chart.get("patient").get("email").asText()).isEqualTo("alex@example.org");
    assertThat(chart.get("patient").has("primaryCondition")).isFalse();
    assertThat(chart.has("safety")).isFalse();
    assertThat(chart.has("baseline")).isFalse();
    assertThat(chart.has("scores")).isFalse();
    assertThat(chart.has("outcome")).isFalse();
    assertThat(chart.get("doses")).allSatisfy(dose -> assertThat(dose.has("givenMg") || dose.has("before")
        || dose.has("adverseEvents") || dose.has("minutesMonitored") || dose.has("lotNumber")).isFalse());
    assertThat(chart.get("doses").get(1).get("status").asText()).isEqualTo("in progress");
    assertThat(chart.get("sessions")).allSatisfy(session -> assertThat(session.has("notes")).isFalse());
    assertThat(chart.toString()).doesNotContain("father", "breathing", "PHQ", "TRD", "sertraline");
  }

  @Test
  void everyOpeningIsInTheAccessLogAndARefusalLeavesNone() throws Exception {
    String patientId = patientAtMaintenance().getBusinessKey();

    chart("therapist", patientId);
    chart("coordinator", patientId);
    assertThat(get(null, "/api/patients/" + patientId).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    JsonNode rows = json.readTree(get("manager", "/api/access-log?patientId=" + patientId).getBody());
    List<String> logged = new ArrayList<>();
    rows.forEach(row -> logged.add(row.get("userId").asText() + " " + row.get("action").asText() + " " + row.get("what").asText()));
    assertThat(logged).containsExactly("coordinator read chart", "therapist read chart");
  }

  @Test
  void anEndedJourneyIsForManagersOnly() throws Exception {
    String patientId = nextPatientId("C");
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, patientId, Answers.referral(patientId));
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(patientId).singleResult().getId(),
        Map.of("consultationAt", Answers.daysAhead(3)));
    runtime.createMessageCorrelation(Journeys.PATIENT_WITHDREW).processInstanceBusinessKey(patientId).correlate();
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey(patientId).singleResult().getId(),
        Map.of("withdrawalReason", "moved", "closeCaseNote", ""));

    for (String user : List.of("nurse", "prescriber", "therapist", "coordinator")) {
      ResponseEntity<String> refused = get(user, "/api/patients/" + patientId);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(json.readTree(refused.getBody()).get("error").asText()).isEqualTo("No patient " + patientId + " is in care");
    }
    JsonNode chart = chart("manager", patientId);
    assertThat(chart.get("patient").get("inCare").asBoolean()).isFalse();
    assertThat(chart.get("patient").get("stage").asText()).isEqualTo("Withdrawn");
    assertThat(chart.get("openTasks")).isEmpty();
    assertThat(chart("admin", patientId).get("patient").get("endedAt").asText()).isNotBlank();
  }

  @Test
  void someoneInNoClinicGroupOpensNoChartAndAnUnknownPatientIsAPlainNotFound() throws Exception {
    String patientId = patientAtMaintenance().getBusinessKey();
    User visitor = identity.newUser("chart-visitor");
    visitor.setPassword("Visitor-Password-2026!");
    identity.saveUser(visitor);
    try {
      ResponseEntity<String> refused = http.withBasicAuth("chart-visitor", "Visitor-Password-2026!")
          .getForEntity("/api/patients/" + patientId, String.class);
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).doesNotContain("Alex");
    } finally {
      identity.deleteUser("chart-visitor");
    }
    ResponseEntity<String> unknown = get("nurse", "/api/patients/K-0000");
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(json.readTree(unknown.getBody()).get("error").asText()).isEqualTo("No patient K-0000 is in care");
  }

  @Test
  void theSearchFindsPatientsByAnyPartOfNameOrIdAndWildcardsAreLetters() throws Exception {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "Q-7001", referral("Q-7001", "Zephyrine Quillfeather"));
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "Q-7002", referral("Q-7002", "Bartholomew Quillon"));

    assertThat(found("nurse", "quill")).containsExactlyInAnyOrder("Q-7001 Zephyrine Quillfeather", "Q-7002 Bartholomew Quillon");
    assertThat(found("coordinator", "Q-7002")).containsExactly("Q-7002 Bartholomew Quillon");
    assertThat(found("therapist", "ZEPHYR")).containsExactly("Q-7001 Zephyrine Quillfeather");
    assertThat(found("nurse", "%%")).as("% is a letter, not any text").isEmpty();
    assertThat(found("nurse", "Q_7001")).as("_ is a letter, not any one").isEmpty();
    ResponseEntity<String> expression = http.withBasicAuth("nurse", "demo").getForEntity(URI.create(http.getRootUri()
        + "/api/patients?q=" + URLEncoder.encode("${'x'.toUpperCase()}", StandardCharsets.UTF_8)), String.class);
    assertThat(expression.getStatusCode()).as("an expression in the search").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(expression.getBody()).doesNotContain("X", "Exception", "org.");
    for (String tooShortOrLong : new String[] {"%", " a ", "x".repeat(101)}) {
      ResponseEntity<String> refused = get("nurse", "/api/patients?q=" + tooShortOrLong);
      assertThat(refused.getStatusCode()).as(tooShortOrLong).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(json.readTree(refused.getBody()).get("message").asText())
          .isEqualTo("Type 2 to 100 letters of the patient's name or id");
    }
  }

  private List<String> found(String user, String query) throws Exception {
    ResponseEntity<String> response = get(user, "/api/patients?q=" + query);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
    List<String> found = new ArrayList<>();
    json.readTree(response.getBody()).forEach(p -> found.add(p.get("id").asText() + " " + p.get("name").asText()));
    return found;
  }

  private static Map<String, Object> referral(String patientId, String name) {
    Map<String, Object> referral = Answers.referral(patientId);
    referral.put("patientName", name);
    return referral;
  }
}
