package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.ClinicGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A group's queue answered by KAP Care's own SQL ({@link GroupQueueCalls}) shows and counts exactly
 * what the engine's own filter query shows the same person: every group, several orders and pages,
 * a task whose grant was taken away, tasks readable through a process definition, a revoke. The
 * engine's answer is read through its Java API as the same user, at the same moment.
 */
@WebAppTest
class GroupQueueCallsTest {

  private static final String PROCESS = "queue-calls-test";
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> made = new ArrayList<>();
  private final List<String> grants = new ArrayList<>();
  @Autowired
  TestRestTemplate http;
  @Autowired
  TaskService tasks;
  @Autowired
  FilterService filters;
  @Autowired
  IdentityService identity;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  MeterRegistry meters;
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  GroupQueueQuery queueQuery;

  /** Tasks of every group: due and undated, urgent and not, assigned and not, named to sort, some sharing a second. */
  @BeforeEach
  void queues() {
    Instant now = Instant.parse("2026-11-23T09:00:00Z");
    int i = 0;
    for (ClinicGroup group : ClinicGroup.values()) {
      for (int n = 0; n < 22; n++, i++) {
        ClockUtil.setCurrentTime(Date.from(now.plusSeconds(i / 3)));
        Task task = tasks.newTask("queue-calls-" + group.id() + "-" + n);
        task.setName(List.of("Book consultation", "book dose", "Urgent safety review", "Pre-dose check").get(n % 4));
        task.setPriority(List.of(50, 100, 50, 0).get(n % 4));
        task.setDueDate(n % 5 == 0 ? null : Date.from(now.plus(n % 7, ChronoUnit.HOURS)));
        task.setAssignee(n % 6 == 0 ? List.of("coordinator", "nurse", "therapist").get(n % 3) : null);
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), group.id());
        made.add(task.getId());
      }
    }
    ClockUtil.reset();
  }

  @AfterEach
  void remove() {
    ClockUtil.reset();
    identity.clearAuthentication();
    grants.forEach(authorizations::deleteAuthorization);
    made.forEach(id -> tasks.deleteTask(id, true));
    repository.createDeploymentQuery().deploymentName(PROCESS).list()
        .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
  }

  @Test
  void everyGroupsPagesAndCountsAreTheEnginesInEveryOrderTasklistOffers() throws Exception {
    double before = answeredHere();
    // Each person's page and count: two calls.
    Map<String, ClinicGroup> people = Map.of("coordinator", ClinicGroup.CARE_COORDINATORS, "nurse", ClinicGroup.NURSES,
        "therapist", ClinicGroup.THERAPISTS, "prescriber", ClinicGroup.PRESCRIBERS, "manager", ClinicGroup.MANAGERS);
    int calls = 0;
    for (Map.Entry<String, ClinicGroup> person : people.entrySet()) {
      for (String sorting : List.of("created:desc", "dueDate:asc", "name:asc,assignee:desc", "priority:asc",
          "nameCaseInsensitive:desc", "followUpDate:asc,created:asc", "description:desc")) {
        for (int first : List.of(0, 15, 30)) {
          assertSameAsTheEngine(person.getKey(), person.getValue(), sorting, first);
          calls += 2;
        }
      }
    }
    assertThat(answeredHere() - before).as("calls answered by the queue's own SQL").isEqualTo(calls);
  }

  /** Without its group's grant a task is hidden, unless the person holds a grant of their own on it. */
  @Test
  void aTaskWhoseGroupGrantWasTakenAwayIsShownOnlyToWhoeverHoldsAGrantOfTheirOwn() throws Exception {
    String taken = made.get(1);
    String ownGrant = made.get(2);
    for (String task : List.of(taken, ownGrant)) {
      Authorization grant = authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task)
          .groupIdIn(ClinicGroup.CARE_COORDINATORS.id()).singleResult();
      authorizations.deleteAuthorization(grant.getId());
    }
    authorize(Authorization.AUTH_TYPE_GRANT, "coordinator", Resources.TASK, ownGrant, Permissions.READ);
    List<String> shown = new ArrayList<>();
    for (int first = 0; first < 60; first += 15) {
      shown.addAll(assertSameAsTheEngine("coordinator", ClinicGroup.CARE_COORDINATORS, "created:desc", first));
    }
    assertThat(shown).doesNotContain(taken).contains(ownGrant);
  }

  /** READ_TASK on a process definition shows its tasks to someone who holds no grant on the tasks themselves. */
  @Test
  void tasksReadableThroughTheirProcessDefinitionAreShownAndCounted() throws Exception {
    repository.createDeployment().name(PROCESS).addModelInstance(PROCESS + ".bpmn", Bpmn.createExecutableProcess(PROCESS)
        .camundaHistoryTimeToLive(1).startEvent().userTask("work").name("Read through the process")
        .camundaCandidateGroups(ClinicGroup.NURSES.id()).endEvent().done()).deploy();
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(runtime.startProcessInstanceByKey(PROCESS).getId());
    }
    List<String> processTasks = tasks.createTaskQuery().processDefinitionKey(PROCESS).list().stream().map(Task::getId).toList();
    processTasks.forEach(task -> authorizations.createAuthorizationQuery().resourceType(Resources.TASK).resourceId(task)
        .list().forEach(grant -> authorizations.deleteAuthorization(grant.getId())));
    authorize(Authorization.AUTH_TYPE_GRANT, "nurse", Resources.PROCESS_DEFINITION, PROCESS,
        ProcessDefinitionPermissions.READ_TASK);
    try {
      List<String> shown = new ArrayList<>();
      for (int first = 0; first < 45; first += 15) {
        shown.addAll(assertSameAsTheEngine("nurse", ClinicGroup.NURSES, "created:desc", first));
      }
      assertThat(shown).containsAll(processTasks);
    } finally {
      started.forEach(id -> runtime.deleteProcessInstance(id, "test over"));
    }
  }

  /** A revoke is the engine's to weigh: the call goes to it, and the task stays hidden. */
  @Test
  void aRevokedTaskStaysHiddenBecauseTheEngineAnswers() throws Exception {
    String revoked = made.get(1);
    authorize(Authorization.AUTH_TYPE_REVOKE, "coordinator", Resources.TASK, revoked, Permissions.READ);
    double before = answeredHere();
    assertThat(assertSameAsTheEngine("coordinator", ClinicGroup.CARE_COORDINATORS, "created:desc", 0))
        .doesNotContain(revoked);
    assertThat(answeredHere()).as("not answered by the queue's own SQL").isEqualTo(before);
  }

  /** A clinic with tenants is the engine's to answer: its check reads the caller's tenants too. */
  @Test
  void withTenantsTheEngineAnswers() throws Exception {
    identity.saveTenant(identity.newTenant("secondSite"));
    try {
      double before = answeredHere();
      assertSameAsTheEngine("coordinator", ClinicGroup.CARE_COORDINATORS, "created:desc", 0);
      assertThat(answeredHere()).as("not answered by the queue's own SQL").isEqualTo(before);
    } finally {
      identity.deleteTenant("secondSite");
    }
  }

  /**
   * The queue's own SQL failing (here: a database without the engine's tables) leaves the call to
   * the engine as it came, body and all, and counts it as the engine's; the same call with the
   * clinic's database is the queue's own, so it is the failure that sent it on.
   */
  @Test
  void whenTheQueuesOwnSqlFailsTheEngineAnswersTheCallAsItCame() throws Exception {
    GroupQueueQuery failing = new GroupQueueQuery(new DriverManagerDataSource("jdbc:h2:mem:no-engine-tables"), Duration.ZERO);
    identity.setAuthentication("coordinator", List.of(ClinicGroup.CARE_COORDINATORS.id()));
    String plain = body("created:desc", 0);

    SimpleMeterRegistry counted = new SimpleMeterRegistry();
    MockFilterChain engine = countThroughFilter(new GroupQueueCalls(failing, identity, tasks, jdbc, counted), plain);
    assertThat(new String(engine.getRequest().getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(plain);
    assertThat(counted.counter(GroupQueueCalls.METER, "answered", "engine").count()).isEqualTo(1);
    assertThat(counted.counter(GroupQueueCalls.METER, "answered", "group-queue").count()).isZero();

    SimpleMeterRegistry working = new SimpleMeterRegistry();
    countThroughFilter(new GroupQueueCalls(queueQuery, identity, tasks, jdbc, working), plain);
    assertThat(working.counter(GroupQueueCalls.METER, "answered", "group-queue").count()).as("the same call, database up")
        .isEqualTo(1);
  }

  /** Tasklist's count call for the coordinators' queue through {@code calls}; answers what was passed on to the engine. */
  private MockFilterChain countThroughFilter(GroupQueueCalls calls, String body) throws Exception {
    String path = "/filter/" + queue(ClinicGroup.CARE_COORDINATORS) + "/count";
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/engine-rest" + path);
    request.setServletPath("/engine-rest");
    request.setPathInfo(path);
    request.setContent(body.getBytes(StandardCharsets.UTF_8));
    MockFilterChain engine = new MockFilterChain();
    calls.doFilter(request, new MockHttpServletResponse(), engine);
    return engine;
  }

  /**
   * What an attacker sends instead of Tasklist's call: crafted filter ids, sort keys and directions,
   * paging, smuggled criteria, another group's queue. None is answered by the queue's own SQL, none
   * fails with a server error, and another group's queue tells its count to nobody.
   */
  @Test
  void callsThatAreNotPlainlyTasklistsGoToTheEngine() throws Exception {
    String coordinators = "/engine-rest/filter/" + queue(ClinicGroup.CARE_COORDINATORS);
    String plain = body("created:desc", 0);
    List<Map.Entry<String, String>> hostile = new ArrayList<>();
    hostile.add(Map.entry("/engine-rest/filter/x' OR '1'='1/list?firstResult=0&maxResults=15", plain));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0&maxResults=15", plain.replace("\"created\"", "\"T.ID_; DROP TABLE ACT_RU_TASK\"")));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0&maxResults=15", plain.replace("\"desc\"", "\"desc, (SELECT 1)\"")));
    hostile.add(Map.entry(coordinators + "/list?firstResult=-1&maxResults=15", plain));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0&maxResults=abc", plain));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0&maxResults=1000000", plain));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0", plain));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0&maxResults=15", "[" + plain + "]"));
    hostile.add(Map.entry(coordinators + "/list?firstResult=0&maxResults=15", "{\"taskIdIn\":[\"" + made.get(30) + "\"]}"));
    hostile.add(Map.entry(coordinators + "/count", "{\"nameLike\":\"%\",\"active\":true}"));
    hostile.add(Map.entry(coordinators + "/count", "{\"active\":false}"));
    hostile.add(Map.entry(coordinators + "/count", "{\"sorting\":{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}}"));
    hostile.add(Map.entry(coordinators + "/count", "{\"sorting\":[{\"sortBy\":\"processVariable\",\"sortOrder\":\"asc\","
        + "\"parameters\":{\"variable\":\"patientId\",\"type\":\"String\"}}]}"));
    double before = answeredHere();
    for (Map.Entry<String, String> call : hostile) {
      ResponseEntity<String> answer = raw("coordinator", call.getKey(), call.getValue());
      assertThat(answer.getStatusCode().is5xxServerError()).as(call.getKey() + " " + call.getValue()).isFalse();
    }
    // Not JSON, and not declared JSON, so the guard hands it on: the engine refuses it.
    HttpHeaders text = new HttpHeaders();
    text.setContentType(MediaType.TEXT_PLAIN);
    ResponseEntity<String> notJson = http.withBasicAuth("coordinator", "demo")
        .postForEntity(coordinators + "/count", new HttpEntity<>("{\"sorting\":", text), String.class);
    assertThat(notJson.getStatusCode().is4xxClientError()).as(notJson.getBody()).isTrue();
    ResponseEntity<String> large = raw("coordinator", coordinators + "/count", "{\"sorting\":[],\"x\":\""
        + "a".repeat(2 << 20) + "\"}");
    assertThat(large.getStatusCode().value()).isEqualTo(400);
    assertThat(large.getBody()).contains("larger than 1024 kB");
    assertThat(answeredHere()).as("answered by the queue's own SQL").isEqualTo(before);

    ResponseEntity<String> otherGroup = raw("nurse", coordinators + "/list?firstResult=0&maxResults=15", plain);
    assertThat(otherGroup.getStatusCode().value()).isEqualTo(403);
    assertThat(otherGroup.getBody()).doesNotContain("count");
    ResponseEntity<String> otherCount = raw("nurse", coordinators + "/count", plain);
    assertThat(otherCount.getStatusCode().value()).isEqualTo(403);
    assertThat(otherCount.getBody()).doesNotContain("count");
  }

  /**
   * One page as Tasklist asks for it, and the count alone, compared with the engine's filter query
   * as the same user. Answers the page's task ids.
   */
  private List<String> assertSameAsTheEngine(String user, ClinicGroup group, String sorting, int first) throws Exception {
    String filterId = queue(group);
    JsonNode page = post(user, "/engine-rest/filter/" + filterId + "/list?firstResult=" + first + "&maxResults=15",
        MediaType.valueOf("application/hal+json"), body(sorting, first));
    List<String> shown = new ArrayList<>();
    page.path("_embedded").path("task").forEach(task -> shown.add(task.get("id").asText()));
    long count = post(user, "/engine-rest/filter/" + filterId + "/count", MediaType.APPLICATION_JSON,
        body(sorting, first)).get("count").asLong();

    identity.setAuthentication(user, List.of(group.id()));
    try {
      List<Task> page15 = filters.listPage(filterId, engineOrder(sorting), first, 15);
      List<String> expected = page15.stream().map(Task::getId).toList();
      long expectedCount = filters.count(filterId, tasks.createTaskQuery().active());
      String what = user + ", " + sorting + ", from " + first;
      assertThat(shown).as(what).isEqualTo(expected);
      assertThat(page.get("count").asLong()).as("count in the page, " + what).isEqualTo(expectedCount);
      assertThat(count).as("count, " + what).isEqualTo(expectedCount);
      page.path("_embedded").path("task").forEach(task -> assertThat(task.path("_embedded").path("variable").isArray())
          .as("the filter's variables embedded").isTrue());
    } finally {
      identity.clearAuthentication();
    }
    return shown;
  }

  /** The same order through the engine's Java API: Tasklist's keys, then the task id as StablePages adds. */
  private TaskQuery engineOrder(String sorting) {
    TaskQuery query = tasks.createTaskQuery().active();
    for (String key : sorting.split(",")) {
      String[] parts = key.split(":");
      query = switch (parts[0]) {
        case "created" -> query.orderByTaskCreateTime();
        case "dueDate" -> query.orderByDueDate();
        case "name" -> query.orderByTaskName();
        case "nameCaseInsensitive" -> query.orderByTaskNameCaseInsensitive();
        case "assignee" -> query.orderByTaskAssignee();
        case "priority" -> query.orderByTaskPriority();
        case "followUpDate" -> query.orderByFollowUpDate();
        case "description" -> query.orderByTaskDescription();
        default -> throw new IllegalArgumentException(parts[0]);
      };
      query = "desc".equals(parts[1]) ? query.desc() : query.asc();
    }
    return query.orderByTaskId().asc();
  }

  /** Tasklist's body: empty search, paging, its sorting, active tasks only. */
  private static String body(String sorting, int first) {
    List<String> keys = new ArrayList<>();
    for (String key : sorting.split(",")) {
      String[] parts = key.split(":");
      keys.add("{\"sortBy\":\"" + parts[0] + "\",\"sortOrder\":\"" + parts[1] + "\"}");
    }
    return "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],\"firstResult\":" + first
        + ",\"maxResults\":15,\"sorting\":[" + String.join(",", keys) + "],\"active\":true}";
  }

  private JsonNode post(String user, String path, MediaType accept, String body) throws Exception {
    ResponseEntity<String> answer = raw(user, path, accept, body);
    assertThat(answer.getStatusCode().value()).as(path + ": " + answer.getBody()).isEqualTo(200);
    return json.readTree(answer.getBody());
  }

  /** A call as Tasklist sends it: a list asks for HAL, a count for JSON. */
  private ResponseEntity<String> raw(String user, String path, String body) {
    return raw(user, path, path.endsWith("/count") ? MediaType.APPLICATION_JSON : MediaType.valueOf("application/hal+json"), body);
  }

  private ResponseEntity<String> raw(String user, String path, MediaType accept, String body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.setAccept(List.of(accept));
    return http.withBasicAuth(user, "demo").postForEntity(path, new HttpEntity<>(body, headers), String.class);
  }

  /** A grant of {@code permission} to {@code user}, or for a revoke its removal, taken away after the test. */
  private void authorize(int type, String user, Resources resource, String resourceId, Permission permission) {
    Authorization authorization = authorizations.createNewAuthorization(type);
    authorization.setUserId(user);
    authorization.setResource(resource);
    authorization.setResourceId(resourceId);
    if (type == Authorization.AUTH_TYPE_REVOKE) {
      authorization.removePermission(permission);
    } else {
      authorization.addPermission(permission);
    }
    grants.add(authorizations.saveAuthorization(authorization).getId());
  }

  private String queue(ClinicGroup group) {
    Filter filter = filters.createTaskFilterQuery().filterName(group.queueName()).singleResult();
    return filter.getId();
  }

  private double answeredHere() {
    return meters.counter(GroupQueueCalls.METER, "answered", "group-queue").count();
  }
}
