package org.kapcare.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.WebappSession;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/journeys/{patientId}/withdrawal} and {@code …/safety-concern} over real HTTP, with Basic and with Tasklist's session. */
@WebAppTest
class JourneyApiTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;

  @Test
  void aCoordinatorRecordsAWithdrawalAndGetsACloseCaseTask() {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, Answers.referral("K-8001"));

    ResponseEntity<String> response = http.withBasicAuth("coordinator", "demo")
        .postForEntity("/api/journeys/K-8001/withdrawal", null, String.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey("K-8001").singleResult().getTaskDefinitionKey())
        .isEqualTo("closeCase");
  }

  @Test
  void anUnknownPatientIsNotFoundWithAJsonError() {
    ResponseEntity<Map> response = http.withBasicAuth("coordinator", "demo")
        .postForEntity("/api/journeys/K-0000/withdrawal", null, Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(response.getBody()).containsEntry("error", "No running care journey for patient K-0000")
        .containsEntry("field", "patientId");
  }

  @Test
  void onlyGroupsThatMayUpdateJourneysCanWithdrawAndNobodyAnonymously() {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, Answers.referral("K-8002"));

    assertThat(http.postForEntity("/api/journeys/K-8002/withdrawal", null, String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    ResponseEntity<Map> refused = http.withBasicAuth("therapist", "demo")
        .postForEntity("/api/journeys/K-8002/withdrawal", null, Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(refused.getBody()).containsOnlyKeys("error");
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey("K-8002").singleResult().getTaskDefinitionKey())
        .isEqualTo("scheduleConsultation");
  }

  private ResponseEntity<Map> concern(String user, String patientId, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return (user == null ? http : http.withBasicAuth(user, "demo"))
        .postForEntity("/api/journeys/" + patientId + "/safety-concern", new HttpEntity<>(body, headers), Map.class);
  }

  @Test
  void aClinicianRaisesASafetyConcernAndPrescribersGetAnUrgentReviewThatShowsIt() {
    String journey = runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "K-8003", Answers.referral("K-8003")).getId();

    assertThat(concern("therapist", "K-8003", "{\"whatHappened\":\"  Said he has a plan to end his life  \"}").getStatusCode())
        .isEqualTo(HttpStatus.ACCEPTED);

    management.executeJob(management.createJobQuery().processInstanceId(journey).activityId("sendSafetyAlert").singleResult().getId());
    Task review = tasks.createTaskQuery().processInstanceId(journey).taskDefinitionKey("urgentSafetyReview").singleResult();
    assertThat(review.getPriority()).isEqualTo(100);
    Map<String, Object> shown = http.withBasicAuth("prescriber", "demo")
        .getForObject("/engine-rest/task/" + review.getId() + "/form-variables", Map.class);
    assertThat(shown).containsKeys("safetyConcern", "safetyConcernRaisedBy");
    assertThat(((Map<?, ?>) shown.get("safetyConcern")).get("value")).isEqualTo("Said he has a plan to end his life");
    assertThat(((Map<?, ?>) shown.get("safetyConcernRaisedBy")).get("value")).isEqualTo("Theo Therapist");
  }

  @Test
  void aSafetyConcernIsForCliniciansWithWordsAndARunningJourney() {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "K-8004", Answers.referral("K-8004"));

    assertThat(concern(null, "K-8004", "{\"whatHappened\":\"x\"}").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String notAClinician : new String[] {"coordinator", "manager"}) {
      ResponseEntity<Map> refused = concern(notAClinician, "K-8004", "{\"whatHappened\":\"Worried\"}");
      assertThat(refused.getStatusCode()).as(notAClinician).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).containsOnlyKeys("error");
    }
    for (String empty : new String[] {"{\"whatHappened\":\"   \"}", "{}", "{\"whatHappened\":\"" + "x".repeat(4001) + "\"}"}) {
      ResponseEntity<Map> refused = concern("nurse", "K-8004", empty);
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody()).containsEntry("field", "whatHappened")
          .containsEntry("message", "Say what happened, in at most 4000 characters");
    }
    assertThat(concern("nurse", "K-0000", "{\"whatHappened\":\"Worried\"}").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("K-8004").singleResult())
        .as("nothing was raised").satisfies(journey -> assertThat(runtime.getVariable(journey.getId(), "openSafetyReviews"))
            .isNull());
  }

  /** Tasklist's Patient tab sends its actions with the webapp's session: only with the session's CSRF token. */
  @Test
  void withTasklistsSessionAChangeNeedsTheSessionsCsrfToken() {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "K-8005", Answers.referral("K-8005"));
    WebappSession coordinator = WebappSession.signIn(http, "tasklist", "coordinator", "demo");

    HttpHeaders forged = coordinator.headers();
    forged.remove("X-XSRF-TOKEN");
    assertThat(http.exchange("/api/journeys/K-8005/withdrawal", HttpMethod.POST, new HttpEntity<>(forged), String.class)
        .getStatusCode()).as("the session cookie alone, as a foreign page sends it").isEqualTo(HttpStatus.UNAUTHORIZED);
    HttpHeaders wrongToken = coordinator.headers();
    wrongToken.set("X-XSRF-TOKEN", "guessed");
    assertThat(http.exchange("/api/journeys/K-8005/withdrawal", HttpMethod.POST, new HttpEntity<>(wrongToken), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey("K-8005").singleResult().getTaskDefinitionKey())
        .isEqualTo("scheduleConsultation");

    assertThat(http.exchange("/api/journeys/K-8005/withdrawal", HttpMethod.POST, new HttpEntity<>(coordinator.headers()),
        String.class).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey("K-8005").singleResult().getTaskDefinitionKey())
        .isEqualTo("closeCase");
  }
}
