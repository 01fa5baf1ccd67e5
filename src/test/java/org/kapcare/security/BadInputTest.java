package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Bad input through {@code /engine-rest} is refused with 400 and a JSON body naming the field and
 * what is allowed, and the task stays open with nothing of the submission kept.
 */
@WebAppTest
class BadInputTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;

  private static int patients;

  @ParameterizedTest(name = "{0}: {1}={2}")
  @CsvSource(delimiter = '|', textBlock = """
      nurse      | systolicBp       | 400   | preDoseCheck     | Systolic blood pressure must be from 60 to 260, was 400
      nurse      | diastolicBp      | 20    | preDoseCheck     | must be from 30 to 160, was 20
      nurse      | heartRate        |       | preDoseCheck     | is required
      nurse      | doseMg           | -5    | administerDose   | must be from 0.1 to 1000, was -5
      prescriber | phq9_4           | 7     | consultation     | must be one of [0, 1, 2, 3], was 7
      prescriber | gad7_2           |       | consultation     | is required
      prescriber | plannedDoses     | 13    | consultation     | must be from 1 to 12, was 13
      prescriber | route            | ORAL  | consultation     | must be one of [IV, IM, SUBLINGUAL, ESKETAMINE_NASAL], was ORAL
      """)
  void isRefusedWith400NamingTheFieldAndTheTaskStaysOpen(String user, String field, String value, String activity,
      String message) {
    Task task = openTask(activity);
    Map<String, Object> answers = answersFor(activity);
    answers.put(field, value == null ? null : value.matches("-?\\d+") ? (Object) Integer.valueOf(value) : value);

    ResponseEntity<Map> response = http.withBasicAuth(user, "demo").postForEntity("/engine-rest/task/" + task.getId() + "/complete",
        Map.of("variables", rest(answers)), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).containsEntry("field", field);
    assertThat((String) response.getBody().get("error")).contains(message);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("task still open").isOne();
    assertThat(runtime.getVariables(task.getProcessInstanceId()).keySet()).as("nothing of the submission kept")
        .doesNotContainAnyElementsOf(answers.keySet());
  }

  @ParameterizedTest(name = "{1}={2}")
  @CsvSource(delimiter = '|', textBlock = """
      prescriber | plannedDoses   | NaN                 | consultation   | must be a number, was NaN
      prescriber | plannedDoses   | Infinity            | consultation   | must be a number, was Infinity
      nurse      | systolicBp     | 0x1p7               | preDoseCheck   | must be a number, was 0x1p7
      coordinator | dosingAt      | not-a-date          | scheduleDosing | Dosing date must be a date and time such as 2026-11-23T10:00Z
      coordinator | dosingAt      | 2026-13-45T99:99:99 | scheduleDosing | Dosing date must be a date and time such as 2026-11-23T10:00Z
      """)
  void aStringThatIsNoNumberOrDateIsRefusedWith400(String user, String field, String value, String activity,
      String message) {
    isRefusedWith400NamingTheFieldAndTheTaskStaysOpen(user, field, value, activity, message);
  }

  /** Camunda's own REST date format passes the form and every later step reads it: no incident. */
  @Test
  void aDosingBookedInCamundasRestFormatIsKeptInOneForm() {
    Task booking = openTask("scheduleDosing");
    String day = Answers.daysAhead(1).substring(0, 10);

    ResponseEntity<String> completed = http.withBasicAuth("coordinator", "demo").postForEntity(
        "/engine-rest/task/" + booking.getId() + "/complete",
        Map.of("variables", rest(Map.of("dosingAt", day + "T10:00:00.000+0000", "rideHomeArranged", true))),
        String.class);

    assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(runtime.getVariable(booking.getProcessInstanceId(), "dosingAt")).as("kept as ISO-8601")
        .isEqualTo(day + "T10:00:00Z");
    Job instructions = management.createJobQuery().processInstanceId(booking.getProcessInstanceId()).singleResult();
    management.executeJob(instructions.getId());
    assertThat(management.createJobQuery().processInstanceId(booking.getProcessInstanceId()).activityId("sendPreDoseInstructions")
        .count()).as("the pre-dose instructions were queued").isZero();
    assertThat(runtime.createIncidentQuery().processInstanceId(booking.getProcessInstanceId()).count()).as("no incident").isZero();
  }

  @ParameterizedTest(name = "referral {0}={1}")
  @CsvSource(delimiter = '|', textBlock = """
      patientName      |               | Patient name is required
      patientEmail     | not-an-email  | Patient email 'not-an-email' is not a valid email
      patientPhone     | 020 7946 0958 | Patient phone '020 7946 0958' is not a valid phone: International format
      primaryCondition | FLU           | must be one of [TRD, PTSD, GAD, OTHER], was FLU
      patientId        | K 1           | does not have the expected form: 3–40 letters, digits or dashes
      """)
  void aReferralStartedOverRestIsHeldToTheReferralForm(String field, String value, String message) {
    Map<String, Object> referral = new HashMap<>(Answers.referral("K-9" + (500 + ++patients)));
    referral.put(field, value);
    long startedBefore = runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY).count();

    ResponseEntity<Map> response = http.withBasicAuth("coordinator", "demo").postForEntity(
        "/engine-rest/process-definition/key/care-journey/start", Map.of("variables", rest(referral)), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getBody()).containsEntry("field", field);
    assertThat((String) response.getBody().get("error")).contains(message);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY).count())
        .as("no journey started").isEqualTo(startedBefore);
  }

  /** A task at {@code activity}, reached by the engine directly, for a new patient. */
  private Task openTask(String activity) {
    String patientId = "K-9" + (100 + ++patients);
    ProcessInstance instance = activity.equals("consultation")
        ? runtime.createProcessInstanceByKey(Journeys.CARE_JOURNEY).setVariables(Answers.referral(patientId))
            .setVariable("consultationAt", "2026-11-23T10:00Z")
            .startBeforeActivity("consultation").execute()
        : runtime.createProcessInstanceByKey(Journeys.DOSING_SESSION).businessKey(patientId)
            .setVariables(Answers.map("patientId", patientId, "patientName", "Alex Example", "route", "IV", "weightKg", 70.0,
                "doseNumber", 1))
            // A dose not yet booked has no dosing time; the other steps come after the booking.
            .setVariables(activity.equals("scheduleDosing") ? Map.of() : Map.of("dosingAt", "2026-11-23T10:00Z"))
            .startBeforeActivity(activity).execute();
    return tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
  }

  private static Map<String, Object> answersFor(String activity) {
    return new HashMap<>(switch (activity) {
      case "consultation" -> Answers.consultation();
      case "administerDose" -> Answers.administerDose();
      case "scheduleDosing" -> Answers.map("dosingAt", Answers.daysAhead(1), "rideHomeArranged", true);
      default -> Answers.preDoseCheck();
    });
  }

  private static Map<String, Object> rest(Map<String, Object> values) {
    return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
      Map<String, Object> value = new HashMap<>();
      value.put("value", e.getValue());
      return value;
    }));
  }
}
