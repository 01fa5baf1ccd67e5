package org.kapcare.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code POST /api/journeys/{patientId}/withdrawal} over real HTTP. */
@WebAppTest
class JourneyApiTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

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
}
