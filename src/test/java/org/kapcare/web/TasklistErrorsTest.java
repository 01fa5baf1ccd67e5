package org.kapcare.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.WebappSession;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What Tasklist shows a clinician when a call of theirs is refused: Tasklist and Cockpit show the
 * {@code message} of a failed call's body (camunda-bpm-sdk-js), so the webapps' own API answers
 * with a message in the clinic's words, never an engine code, a class name or an id.
 */
@WebAppTest
class TasklistErrorsTest {

  private static final String ENGINE = "/camunda/api/engine/engine/default";
  private static int patients;

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      the form check refuses a missing booking | POST | /task/{task}/submit-form | {"variables":{}}                                                      | 400 | consultation
      a field the form never asked            | POST | /task/{task}/submit-form | {"variables":{"eligibility":{"value":"eligible"}}}                    | 400 | eligibility
      a date that is no date                  | POST | /task/{task}/submit-form | {"variables":{"consultationAt":{"value":"not-a-date","type":"String"}}} | 400 | consultation
      a write only administrators make        | POST | /task/{task}/variables   | {"modifications":{"patientName":{"value":"X"}}}                       | 403 | administrator
      a task that is not there                | GET  | /task/no-such-task/form-variables |                                                               | 404 |
      """)
  void aRefusalShowsAPlainMessage(String what, String method, String path, String json, int status, String says) {
    String patientId = "TE-" + (++patients);
    String journey = runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, patientId, Answers.referral(patientId)).getId();
    String booking = tasks.createTaskQuery().processInstanceId(journey).singleResult().getId();
    HttpHeaders headers = WebappSession.signIn(http, "tasklist", "coordinator", "demo").headers();
    headers.setContentType(MediaType.APPLICATION_JSON);

    ResponseEntity<String> refused = http.exchange(ENGINE + path.replace("{task}", booking), HttpMethod.valueOf(method),
        new HttpEntity<>(json, headers), String.class);

    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(status);
    assertThat(refused.getBody()).as("what Tasklist shows").containsPattern("\"message\":\"[A-Z][^\"]+\"")
        .doesNotContainPattern("Exception|ENGINE-\\d|org\\.camunda|java\\.|\"type\"|\"code\"")
        .doesNotContain(booking, journey);
    if (says != null) {
      assertThat(refused.getBody()).containsIgnoringCase(says);
    }
  }
}
