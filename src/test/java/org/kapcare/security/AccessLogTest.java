package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The access log (HIPAA §164.312(b)): each read or change of a patient's data by a person, with
 * who, which patient, what and from where, listed by patient and by user for managers and
 * administrators; a refused call leaves no row.
 */
@WebAppTest
class AccessLogTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  private final ObjectMapper json = new ObjectMapper();

  private ResponseEntity<String> send(String user, HttpMethod method, String path, String json) {
    return StaffRest.send(http, user, method, path, json);
  }

  private List<JsonNode> log(String query) throws Exception {
    ResponseEntity<String> listed = send("manager", HttpMethod.GET, "/api/access-log?" + query, null);
    assertThat(listed.getStatusCode()).as(listed.getBody()).isEqualTo(HttpStatus.OK);
    List<JsonNode> rows = new ArrayList<>();
    json.readTree(listed.getBody()).forEach(rows::add);
    return rows;
  }

  @Test
  void everyReadAndChangeOfAPatientsDataIsLoggedWithWhoWhatAndFromWhere() throws Exception {
    String patientId = "K-6101";
    String journey = runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, patientId, Answers.referral(patientId)).getId();
    String booking = tasks.createTaskQuery().processInstanceId(journey).singleResult().getId();

    assertThat(send("coordinator", HttpMethod.GET, "/engine-rest/task/" + booking + "/form-variables", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(send("nurse", HttpMethod.GET, "/engine-rest/task/" + booking + "/form-variables", null)
        .getStatusCode().is2xxSuccessful()).as("a nurse may not read a coordinator's task").isFalse();
    assertThat(send("coordinator", HttpMethod.POST, "/engine-rest/task/" + booking + "/complete",
        "{\"variables\":{\"consultationAt\":{\"value\":\"" + Answers.daysAhead(14) + "\"}}}").getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(send("manager", HttpMethod.GET, "/engine-rest/process-instance/" + journey + "/variables", null)
        .getStatusCode()).isEqualTo(HttpStatus.OK);

    List<JsonNode> rows = log("patientId=" + patientId);
    assertThat(rows).extracting(row -> row.get("userId").asText() + " " + row.get("action").asText() + " "
        + row.get("what").asText()).containsExactly(
            "manager read variables of the journey",
            "coordinator change completed Book consultation — " + patientId,
            "coordinator read form of Book consultation — " + patientId);
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.get("source").asText()).isEqualTo("127.0.0.1");
      assertThat(row.get("patientId").asText()).isEqualTo(patientId);
      assertThat(row.get("at").asText()).isNotBlank();
    });
    assertThat(log("patientId=" + patientId + "&userId=coordinator")).hasSize(2);
    assertThat(log("patientId=" + patientId + "&userId=nurse")).as("a refused read leaves no row").isEmpty();
  }

  @Test
  void aWithdrawalThroughTheApiIsLoggedAsAChange() throws Exception {
    String patientId = "K-6102";
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, patientId, Answers.referral(patientId));

    assertThat(send("coordinator", HttpMethod.POST, "/api/journeys/" + patientId + "/withdrawal", null)
        .getStatusCode().is2xxSuccessful()).isTrue();

    assertThat(log("patientId=" + patientId)).singleElement()
        .satisfies(row -> assertThat(row.get("what").asText()).isEqualTo("recorded a withdrawal"));
  }

  @Test
  void aPatientIdLongerThanAnyIsCutNotFatal() throws Exception {
    String longId = "K-" + "9".repeat(5000);

    assertThat(send("manager", HttpMethod.GET, "/api/notifications?patientId=" + longId, null).getStatusCode())
        .isEqualTo(HttpStatus.OK);

    assertThat(log("patientId=" + longId.substring(0, 64))).singleElement()
        .satisfies(row -> assertThat(row.get("what").asText()).isEqualTo("notifications"));
  }

  @Test
  void onlyManagersAndAdministratorsReadTheLog() {
    for (String user : new String[] {"coordinator", "nurse", "prescriber", "therapist"}) {
      assertThat(send(user, HttpMethod.GET, "/api/access-log", null).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(send("admin", HttpMethod.GET, "/api/access-log", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(send("manager", HttpMethod.GET, "/api/access-log?limit=abc", null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(http.getForEntity("/api/access-log", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }
}
