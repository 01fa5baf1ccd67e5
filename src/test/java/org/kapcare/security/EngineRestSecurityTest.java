package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /engine-rest} over real HTTP: Basic authentication required, and authorization decides by group. */
@WebAppTest
class EngineRestSecurityTest {

  @Autowired
  TestRestTemplate http;

  @Autowired
  TaskService tasks;

  @Autowired
  RuntimeService runtime;

  private TestRestTemplate as(String user) {
    return http.withBasicAuth(user, "demo");
  }

  @Autowired
  IdentityService identity;

  @Test
  void noCredentialsOrAWrongPasswordIsUnauthorized() {
    // A wrong password locks the user for a few seconds, so not one of the demo users other tests sign in as.
    User locum = identity.newUser("locum");
    locum.setPassword("right");
    identity.saveUser(locum);

    assertThat(http.getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("locum", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth("nobody", "demo").getForEntity("/engine-rest/task", String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void onlyTheTasksGroupMayCompleteIt() {
    ResponseEntity<Map> started = as("coordinator").postForEntity("/engine-rest/process-definition/key/care-journey/start",
        Map.of("variables", restVariables(Answers.referral("K-7001"))), Map.class);
    assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(started.getBody()).containsEntry("businessKey", "K-7001");
    String taskId = tasks.createTaskQuery().processInstanceBusinessKey("K-7001").singleResult().getId();

    ResponseEntity<List> nurseSees = as("nurse").getForEntity("/engine-rest/task?processInstanceBusinessKey=K-7001&maxResults=50", List.class);
    assertThat(nurseSees.getBody()).isEmpty();
    Map<String, Object> booking = Map.of("variables", restVariables(Map.of("consultationAt", Answers.daysAhead(7))));
    assertThat(as("nurse").postForEntity("/engine-rest/task/" + taskId + "/complete", booking, String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);

    ResponseEntity<List> coordinatorSees =
        as("coordinator").getForEntity("/engine-rest/task?processInstanceBusinessKey=K-7001&maxResults=50", List.class);
    assertThat(coordinatorSees.getBody()).hasSize(1);
    assertThat(as("coordinator").postForEntity("/engine-rest/task/" + taskId + "/complete", booking, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(tasks.createTaskQuery().processInstanceBusinessKey("K-7001").singleResult().getTaskDefinitionKey())
        .isEqualTo("consultation");
  }

  @Test
  void aTherapistMayNotStartAJourney() {
    ResponseEntity<String> refused = as("therapist").postForEntity("/engine-rest/process-definition/key/care-journey/start",
        Map.of("variables", restVariables(Answers.referral("K-7002"))), String.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
  }

  /** Load balancers and monitors ask without credentials; the counts behind the status are for administrators. */
  @Test
  void healthTellsAnybodyItsStatusAndAdministratorsItsDetails() {
    ResponseEntity<Map> anonymous = http.getForEntity("/actuator/health", Map.class);
    assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
    // Spring Boot names the probes' groups to anybody; nothing else is said.
    assertThat(anonymous.getBody()).containsOnlyKeys("status", "groups")
        .containsEntry("groups", List.of("liveness", "readiness"));
    assertThat(http.getForObject("/actuator/health/readiness", Map.class)).containsOnlyKeys("status");
    assertThat(as("manager").getForObject("/actuator/health", Map.class)).containsOnlyKeys("status", "groups");

    ResponseEntity<Map> admin = as("admin").getForEntity("/actuator/health", Map.class);
    assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat((Map<String, Object>) admin.getBody().get("components")).containsKeys("db", "outbox", "jobs");
  }

  /** Tasklist's own API answers neither anonymous callers nor Basic credentials, only its login session. */
  @Test
  void theWebappsKeepTheirOwnLogin() {
    // Paged, as Tasklist asks: an unbounded list is refused (query-max-results-limit).
    String tasks = "/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15";
    assertThat(http.getForEntity(tasks, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(as("coordinator").getForEntity(tasks, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    WebappSession signedIn = WebappSession.signIn(http, "tasklist", "coordinator", "demo");

    assertThat(http.exchange(tasks, HttpMethod.GET, new HttpEntity<>(signedIn.headers()), String.class).getStatusCode())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void noStaffGroupMayRewriteOrSkipAJourneyOverRest() {
    String journey = runtime.startProcessInstanceByKey("care-journey", Answers.referral("K-7101")).getId();
    HttpHeaders json = new HttpHeaders();
    json.setContentType(MediaType.APPLICATION_JSON);

    for (String user : List.of("coordinator", "prescriber", "nurse", "therapist", "manager")) {
      ResponseEntity<String> rewrite = as(user).exchange("/engine-rest/process-instance/" + journey + "/variables/cssrsRisk",
          HttpMethod.PUT, new HttpEntity<>(Map.of("value", "none"), json), String.class);
      assertThat(rewrite.getStatusCode()).as(user + " rewriting a result").isEqualTo(HttpStatus.FORBIDDEN);
      ResponseEntity<String> skip = as(user).postForEntity("/engine-rest/process-instance/" + journey + "/modification",
          new HttpEntity<>(Map.of("instructions", List.of(Map.of("type", "startBeforeActivity",
              "activityId", "informedConsent"))), json), String.class);
      assertThat(skip.getStatusCode()).as(user + " skipping to consent").isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(tasks.createTaskQuery().processInstanceId(journey).singleResult().getTaskDefinitionKey())
        .isEqualTo("scheduleConsultation");
  }

  @Test
  void aPatientsHistoryIsForManagersOnly() {
    String journey = runtime.startProcessInstanceByKey("care-journey", Answers.referral("K-7102")).getId();
    String history = "/engine-rest/history/variable-instance?maxResults=500&processInstanceId=" + journey;

    for (String user : List.of("coordinator", "prescriber", "nurse", "therapist")) {
      ResponseEntity<String> refused = as(user).getForEntity(history, String.class);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).as(user).doesNotContain("alex@example.org");
    }
    assertThat(as("manager").getForObject(history, List.class).toString()).contains("alex@example.org");
  }

  private static Map<String, Object> restVariables(Map<String, Object> values) {
    return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
        entry -> Map.of("value", entry.getValue())));
  }
}
