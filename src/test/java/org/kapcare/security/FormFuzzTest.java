package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Malformed values for every field of every task's form, sent as the task's own group would over
 * REST, and malformed calls of every {@code /api} endpoint: none answers 5xx, no answer names a
 * class or an engine code, and after each refusal the task is open with its journey's variables
 * exactly as before. CI runs it on H2 and on PostgreSQL.
 */
@WebAppTest
class FormFuzzTest {

  private static final String NUL = "\u0000";
  private static final String LEAK = "(?s).*(Exception|ENGINE-\\d|org\\.camunda|java\\.|\\bat [a-z]+\\.).*";
  private static final Map<String, String> USER_OF_GROUP = Map.of("care-coordinators", "coordinator",
      "nurses", "nurse", "prescribers", "prescriber", "therapists", "therapist", "managers", "manager");

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  RepositoryService repository;
  @Autowired
  FormService forms;

  private final ObjectMapper json = new ObjectMapper();
  private final List<String> findings = new ArrayList<>();
  private int sent;
  private static int patients;

  @Test
  void noMalformedValueOnAnyFormAnswers5xxOrChangesTheJourney() throws Exception {
    for (String processKey : List.of(Journeys.CARE_JOURNEY, Journeys.DOSING_SESSION)) {
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
          .latestVersion().singleResult();
      for (UserTask step : repository.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)) {
        if (step.getCamundaFormRef() != null) {
          fuzz(processKey, step);
        }
      }
    }

    System.out.printf("FormFuzzTest: %d malformed submissions over every task's form%n", sent);
    assertThat(sent).as("malformed submissions sent").isGreaterThanOrEqualTo(500);
    assertThat(findings).isEmpty();
  }

  @Test
  void noMalformedCallOfTheApiAnswers5xx() {
    String[] gets = {"/api/notifications?status=BAD", "/api/notifications?limit=-1", "/api/notifications?limit=abc",
        "/api/notifications?limit=99999999999", "/api/notifications?limit=1e3", "/api/notifications?patientId=%00",
        "/api/notifications?patientId=" + "x".repeat(5000), "/api/notifications?status=%00",
        "/api/insight/heatmap?from=2026-13-01", "/api/insight/heatmap?to=abc", "/api/insight/heatmap?from=2026-02-30",
        "/api/insight/heatmap?processDefinitionKey=%00", "/api/insight/heatmap?processDefinitionKey=../../etc",
        "/api/insight/heatmap?from=2026-12-01&to=2026-01-01", "/api/insight/heatmap?from=-999999999-01-01",
        "/api/insight/kpis?from=%C3%28", "/api/insight/kpis?to=2026-12-01T10:00Z", "/api/insight/kpis?from=99999-01-01",
        "/api/insight/nothing", "/api/journeys/K-1/withdrawal"};
    for (String path : gets) {
      check("manager GET " + path, exchange("manager", HttpMethod.GET, path, null));
    }
    String[] withdrawals = {"/api/journeys/%00/withdrawal", "/api/journeys/" + "K".repeat(3000) + "/withdrawal",
        "/api/journeys/K-NOBODY/withdrawal", "/api/journeys/../withdrawal", "/api/journeys/%24%7B1%7D/withdrawal"};
    for (String path : withdrawals) {
      for (String body : new String[] {null, "{", "[]", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", NUL}) {
        check("coordinator POST " + path, exchange("coordinator", HttpMethod.POST, path, body));
      }
    }
    assertThat(findings).isEmpty();
  }

  private void fuzz(String processKey, UserTask step) throws Exception {
    Task task = openTask(processKey, step.getId());
    String user = USER_OF_GROUP.get(step.getCamundaCandidateGroups().split(",")[0].trim());
    Map<String, Object> before = runtime.getVariables(task.getProcessInstanceId());
    JsonNode form;
    try (InputStream deployed = forms.getDeployedTaskForm(task.getId())) {
      form = json.readTree(deployed);
    }
    List<JsonNode> fields = new ArrayList<>();
    collect(form.path("components"), fields);

    List<String> bodies = new ArrayList<>();
    for (JsonNode field : fields) {
      String key = field.get("key").asText();
      for (String value : malformed(field.path("type").asText())) {
        bodies.add("{\"variables\":{\"" + key + "\":" + value + "}}");
      }
    }
    bodies.add("{\"variables\":{\"patientIdX\":{\"value\":\"K-1\"}}}");
    bodies.add("{\"variables\":{\"" + "v".repeat(300) + "\":{\"value\":1}}}");
    bodies.add("{\"variables\":[1,2]}");
    bodies.add("{\"variables\":" + "{\"a\":".repeat(60) + "1" + "}".repeat(60) + "}");
    bodies.add("{\"variables\":{}, \"skipCustomListeners\":true}");
    bodies.add("{");
    bodies.add("[]");
    bodies.add("\"" + NUL + "\"");

    for (String body : bodies) {
      String what = user + " completing " + step.getId() + " with " + abbreviate(body);
      ResponseEntity<String> answer = exchange(user, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/complete", body);
      check(what, answer);
      if (answer.getStatusCode().is2xxSuccessful()) {
        findings.add(what + ": accepted");
        return;
      }
      if (tasks.createTaskQuery().taskId(task.getId()).count() != 1) {
        findings.add(what + ": the task is no longer open");
        return;
      }
      if (!runtime.getVariables(task.getProcessInstanceId()).equals(before)) {
        findings.add(what + ": the journey's variables changed");
        return;
      }
    }
  }

  private static void collect(JsonNode components, List<JsonNode> fields) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        fields.add(component);
      }
      collect(component.path("components"), fields);
    }
  }

  /** Values no field of {@code type} takes, as the {@code {"value", "type"}} of a REST variable. */
  private static List<String> malformed(String type) {
    List<String> values = new ArrayList<>(List.of(
        "{\"value\":\"" + NUL + "\"}",
        "{\"value\":\"x" + NUL + "y\"}",
        "{\"value\":\"" + "x".repeat(25_000) + "\"}",
        "{\"value\":{\"nested\":true}}",
        "{\"value\":[1,2,3]}",
        "{\"value\":\"{}\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.util.HashMap\","
            + "\"serializationDataFormat\":\"application/json\"}}",
        "{\"value\":\"<a/>\",\"type\":\"Xml\"}",
        "{\"value\":\"{}\",\"type\":\"Json\"}",
        "{\"value\":\"AAAA\",\"type\":\"Bytes\"}",
        "{\"value\":\"x\",\"type\":\"NoSuchType\"}",
        "{\"value\":\"x\",\"type\":\"String\",\"valueInfo\":{\"transient\":true}}"));
    switch (type) {
      case "number" -> values.addAll(List.of("{\"value\":\"NaN\",\"type\":\"Double\"}", "{\"value\":\"Infinity\"}",
          "{\"value\":1e999}", "{\"value\":\"0x10\"}", "{\"value\":\"12abc\"}", "{\"value\":-1e308}",
          "{\"value\":\"70d\"}", "{\"value\":true}", "{\"value\":\"9\",\"type\":\"Date\"}"));
      case "datetime" -> values.addAll(List.of("{\"value\":\"not-a-date\"}", "{\"value\":\"2026-13-45T99:99:99\"}",
          "{\"value\":\"2026-02-30T10:00Z\"}", "{\"value\":\"2026-12-07T10:00\"}", "{\"value\":12345}",
          "{\"value\":\"2026-12-07T10:00:00.000+9999\"}", "{\"value\":\"x\",\"type\":\"Date\"}"));
      case "checkbox" -> values.addAll(List.of("{\"value\":\"maybe\"}", "{\"value\":2}", "{\"value\":\"x\",\"type\":\"Boolean\"}"));
      case "radio", "select" -> values.addAll(List.of("{\"value\":\"NOT-AN-OPTION\"}", "{\"value\":99}"));
      default -> values.addAll(List.of("{\"value\":12,\"type\":\"Integer\",\"valueInfo\":{\"x\":1}}", "{\"value\":\"a\",\"type\":\"Long\"}"));
    }
    return values;
  }

  private ResponseEntity<String> exchange(String user, HttpMethod method, String path, String body) {
    sent++;
    return StaffRest.send(http, user, method, path, body);
  }

  private void check(String what, ResponseEntity<String> answer) {
    if (answer.getStatusCode().is5xxServerError()) {
      findings.add(what + ": " + answer.getStatusCode() + " " + abbreviate(String.valueOf(answer.getBody())));
    } else if (answer.getBody() != null && answer.getBody().matches(LEAK)) {
      findings.add(what + ": the answer names the engine's insides: " + abbreviate(answer.getBody()));
    }
  }

  private static String abbreviate(String text) {
    String printable = text.replace(NUL, "\\0");
    return printable.length() > 160 ? printable.substring(0, 160) + "…" : printable;
  }

  /** A new patient's journey waiting at {@code activity}, with what the steps before it would have written. */
  private Task openTask(String processKey, String activity) {
    String patientId = "K-7" + (100 + ++patients);
    Map<String, Object> variables = new LinkedHashMap<>(Answers.referral(patientId));
    variables.putAll(Answers.map("consultationAt", "2026-11-23T10:00Z", "preparationAt", "2026-11-23T14:00Z", "dosingAt", "2026-11-24T10:00Z", "integrationAt", "2026-11-25T10:00Z",
        "followUpAt", "2026-12-20T10:00Z", "integrationDeadline", "2026-11-26T10:00Z", "integrationReminderAt", "2026-11-25T10:00Z", "remsFormDue", "2026-12-01T10:00Z",
        "route", "IV", "weightKg", 70.0, "doseNumber", 1, "plannedDoses", 1, "preparationSessions", 2, "seriesDoses", 1,
        "seriousAdverseEvent", false, "confirmPostponementOverride", false, "reviewIneligibilityOverride", false));
    String instance = runtime.createProcessInstanceByKey(processKey).businessKey(patientId).setVariables(variables)
        .startBeforeActivity(activity).execute().getId();
    return tasks.createTaskQuery().processInstanceId(instance).singleResult();
  }
}
