package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** {@code GET /api/tasks/{taskId}} over real HTTP: whose task and how urgent, for those who see the task only. */
@WebAppTest
class TaskApiTest {

  private final ObjectMapper json = new ObjectMapper();
  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;

  private ResponseEntity<String> get(String user, String path) {
    return (user == null ? http : http.withBasicAuth(user, "demo")).getForEntity(path, String.class);
  }

  @Test
  void aTaskNamesItsPatientAndItsPriorityInWordsToThoseWhoSeeIt() throws Exception {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "T-4001", Answers.referral("T-4001"));
    String booking = tasks.createTaskQuery().processInstanceBusinessKey("T-4001").singleResult().getId();

    JsonNode card = json.readTree(get("coordinator", "/api/tasks/" + booking).getBody());
    assertThat(card.get("patientId").asText()).isEqualTo("T-4001");
    assertThat(card.get("priority").asText()).isEqualTo("normal");

    assertThat(get("nurse", "/api/tasks/" + booking).getStatusCode()).as("not a nurse's task").isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("nurse", "/api/tasks/no-such-task").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(json.readTree(get("nurse", "/api/tasks/no-such-task").getBody()).get("error").asText())
        .isEqualTo("No open task of yours has this id");
    assertThat(get(null, "/api/tasks/" + booking).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aTaskOutsideAnyJourneyBelongsToNoPatient() throws Exception {
    Task loose = tasks.newTask();
    loose.setName("Order gloves");
    loose.setAssignee("nurse");
    tasks.saveTask(loose);
    try {
      ResponseEntity<String> refused = get("nurse", "/api/tasks/" + loose.getId());
      assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(json.readTree(refused.getBody()).get("error").asText()).isEqualTo("This task belongs to no patient's journey");
    } finally {
      tasks.deleteTask(loose.getId(), true);
    }
  }

  @Test
  void anUrgentSafetyReviewReadsUrgent() throws Exception {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "T-4002", Answers.referral("T-4002"));
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey("T-4002").singleResult().getId(),
        Map.of("consultationAt", Answers.daysAhead(2)));
    Map<String, Object> selfHarmThoughts = Answers.consultation();
    selfHarmThoughts.put("phq9_9", "1");
    tasks.complete(tasks.createTaskQuery().processInstanceBusinessKey("T-4002").singleResult().getId(), selfHarmThoughts);
    management.executeJob(management.createJobQuery().processInstanceId(
        runtime.createProcessInstanceQuery().processInstanceBusinessKey("T-4002").singleResult().getId())
        .activityId("sendSafetyAlert").singleResult().getId());
    String review = tasks.createTaskQuery().processInstanceBusinessKey("T-4002").taskDefinitionKey("urgentSafetyReview")
        .singleResult().getId();

    assertThat(json.readTree(get("prescriber", "/api/tasks/" + review).getBody()).get("priority").asText()).isEqualTo("urgent");
  }

  /** The words the cards make from each task's number: the clinic's thresholds, highest first, for every member of staff. */
  @Test
  void theWordsForPriorityNumbersAreTheClinicsThresholds() throws Exception {
    JsonNode words = json.readTree(get("therapist", "/api/tasks/priorities").getBody());
    assertThat(words.findValuesAsText("word")).containsExactly("urgent", "high", "normal");
    assertThat(words.get(0).get("from").asInt()).isEqualTo(90);
    assertThat(words.get(1).get("from").asInt()).isEqualTo(70);
    assertThat(get(null, "/api/tasks/priorities").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
