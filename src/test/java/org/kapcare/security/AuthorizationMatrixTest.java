package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.WebappSession;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 16's authorization matrix over real HTTP: every REST resource family (tasks, variables,
 * process instances, history, jobs, deployments, users, groups, authorizations, filters, messages,
 * KAP Care's {@code /api}, the webapps' own API) asked by an anonymous caller and by each demo user.
 * What each may do is docs/security.md's "Who reads what" and "Who changes what"; each row here
 * writes that down for one request. The objects are real (journeys waiting at a task of each group,
 * a job, a deployment, a user, ...) and each request gets its own, so that no row depends on another
 * having run before it; what an administrator is allowed to change is a throwaway.
 *
 * <p>The expected answers, one per caller in the order of {@link #CALLERS}:
 * <ul>
 *   <li>{@code Y} allowed: 2xx;</li>
 *   <li>{@code E} allowed but nothing in it: 2xx with an empty list or a count of 0 (the engine's
 *       authorizations leave out what the caller may not read);</li>
 *   <li>{@code U} not signed in: 401;</li>
 *   <li>{@code F} refused: 403;</li>
 *   <li>{@code -} refused without saying whether it exists: 403 or 404;</li>
 *   <li>{@code N} not there: 404 (the demo has no password policy).</li>
 * </ul>
 * A refusal, on any door, also names no Java class and no engine code.
 */
@WebAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

  static final List<String> CALLERS = List.of("anonymous", "coordinator", "therapist", "prescriber", "nurse", "manager",
      "admin");
  private static final String ANONYMOUS = "anonymous";
  private static final Pattern LEAK = Pattern.compile("Exception|ENGINE-\\d|org\\.camunda|java\\.");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)\\}");
  private static final String THROWAWAY = "matrix-";
  /** A booking two weeks ahead of the day the test runs: bookings in the past are refused. */
  private static final String BOOKING = "{\"variables\":{\"consultationAt\":{\"value\":\"" + Answers.daysAhead(14) + "\"}}}";
  private static final String BOOKING_RETURNING_VARIABLES =
      "{\"variables\":{\"consultationAt\":{\"value\":\"" + Answers.daysAhead(14) + "\"}},\"withVariablesInReturn\":true}";
  private static final String REFERRAL = "{\"businessKey\":\"{newPatient}\",\"variables\":{referral}}";
  private static final String REFERRAL_RETURNING_VARIABLES =
      "{\"businessKey\":\"{newPatient}\",\"variables\":{referral},\"withVariablesInReturn\":true}";
  private static final String SEARCH_BY_ANSWER =
      "{\"processDefinitionId\":\"{definition}\",\"variables\":[{\"name\":\"cssrsRisk\",\"operator\":\"eq\",\"value\":\"HIGH\"}]}";
  private static final String THROWAWAY_BPMN = """
      <?xml version="1.0" encoding="UTF-8"?>
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="matrix" targetNamespace="https://kapcare.org/test">
        <bpmn:process id="matrix-throwaway" isExecutable="true" camunda:historyTimeToLive="1">
          <bpmn:startEvent id="start"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  /**
   * method | path | body | anonymous coordinator therapist prescriber nurse manager admin.
   * {@code {name}} is a real object made for the request ({@link Fixtures}); {@code @attachment} and
   * {@code @deployment} are multipart bodies.
   */
  private static final String MATRIX = """
      # Tasks: each group its own; managers read every task; the form is the only way to change a journey
      GET    | /engine-rest/task?maxResults=5                                   |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/task?maxResults=5                                   | {}                           | U Y Y Y Y Y Y
      GET    | /engine-rest/task/count                                          |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/task/{cTask}                                        |                              | U Y - - - Y Y
      GET    | /engine-rest/task/{pTask}                                        |                              | U - - Y - Y Y
      GET    | /engine-rest/task/{cTask}/form-variables                         |                              | U Y - - - Y Y
      GET    | /engine-rest/task/{tTask}/form-variables                         |                              | U - Y - - Y Y
      GET    | /engine-rest/task/{pTask}/form-variables                         |                              | U - - Y - Y Y
      GET    | /engine-rest/task/{nTask}/form-variables                         |                              | U - - - Y Y Y
      GET    | /engine-rest/task/{mTask}/form-variables                         |                              | U - - - - Y Y
      GET    | /engine-rest/task/{nTask}/variables/patientName                  |                              | U - - - Y Y Y
      GET    | /engine-rest/task/{cTask}/variables/phq9_9                       |                              | U F F F F F Y
      GET    | /engine-rest/task/{cTask}/variables                              |                              | U F F F F F Y
      GET    | /engine-rest/task/{cTask}/localVariables                         |                              | U F F F F F Y
      GET    | /engine-rest/task/{cTask}/identity-links                         |                              | U Y - - - Y Y
      GET    | /engine-rest/task?maxResults=5&processVariables=cssrsRisk_eq_HIGH |                             | U F F F F Y Y
      GET    | /engine-rest/task?maxResults=5&withTaskVariablesInReturn=true    |                              | U F F F F Y Y
      GET    | /engine-rest/task?maxResults=5&withTaskVariablesInReturn=false   |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/task?maxResults=5                                   | {"withTaskVariablesInReturn":true} | U F F F F Y Y
      POST   | /engine-rest/task?maxResults=5                                   | {"withTaskLocalVariablesInReturn":true} | U F F F F Y Y
      POST   | /engine-rest/task/{cTask}/complete                               | BOOKING                      | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/submit-form                            | BOOKING                      | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/complete                               | BOOKING_RETURNING_VARIABLES  | U F F F F F Y
      POST   | /engine-rest/task/{cTask}/complete                               | {"variables":{"consultationAt":{"value":"{twoWeeksAhead}"}},"withVariablesInReturn":false} | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/claim                                  | {"userId":"{me}"}            | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/unclaim                                |                              | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/assignee                               | {"userId":"{me}"}            | U Y - - - - Y
      PUT    | /engine-rest/task/{cTask}                                        | {cTaskWithNewDates}          | U Y - - - - Y
      PUT    | /engine-rest/task/{cTask}                                        | {cTaskRenamed}               | U F F F F F Y
      POST   | /engine-rest/task/{cTask}/identity-links                         | {"groupId":"therapists","type":"candidate"} | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/identity-links/delete                  | {"groupId":"care-coordinators","type":"candidate"} | U Y - - - - Y
      POST   | /engine-rest/task/{cTask}/delegate                               | {"userId":"therapist"}       | U F F F F F Y
      POST   | /engine-rest/task/{cTask}/comment/create                         | {"message":"Called the patient"} | U F F F F F Y
      POST   | /engine-rest/task/{cTask}/attachment/create                      | @attachment                  | U F F F F F Y
      PUT    | /engine-rest/task/{cTask}/variables/consultationAt               | {"value":"2026-12-21T10:00Z"} | U F F F F F Y
      POST   | /engine-rest/task/{cTask}/variables                              | {"modifications":{"patientName":{"value":"Mallory"}}} | U F F F F F Y
      PUT    | /engine-rest/task/{cTask}/localVariables/note                    | {"value":"x"}                | U F F F F F Y
      POST   | /engine-rest/task/create                                         | {"name":"matrix-throwaway"}  | U F F F F F Y
      # Starting a journey: coordinators, with the referral form's fields
      POST   | /engine-rest/process-definition/key/care-journey/start           | REFERRAL                     | U Y F F F F Y
      POST   | /engine-rest/process-definition/key/care-journey/submit-form     | REFERRAL                     | U Y F F F F Y
      # A check-in is started by its journey only: nobody sends a patient questions of their own
      POST   | /engine-rest/process-definition/key/patient-check-in/start       | {}                           | U F F F F F Y
      POST   | /engine-rest/process-definition/{definition}/start               | REFERRAL                     | U Y F F F F Y
      POST   | /engine-rest/process-definition/key/care-journey/start           | REFERRAL_RETURNING_VARIABLES | U F F F F F Y
      POST   | /engine-rest/process-definition/key/care-journey/submit-form     | REFERRAL_RETURNING_VARIABLES | U F F F F F Y
      # Process instances: names in lists; a journey's variables for managers; changes for administrators
      GET    | /engine-rest/process-instance?maxResults=5                       |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/process-instance?maxResults=5                       | {}                           | U Y Y Y Y Y Y
      GET    | /engine-rest/process-instance/{journey}                          |                              | U Y - - - Y Y
      GET    | /engine-rest/process-instance/{journey}/activity-instances       |                              | U Y - - - Y Y
      GET    | /engine-rest/process-instance/{journey}/variables                |                              | U F F F F Y Y
      GET    | /engine-rest/process-instance/{journey}/variables/cssrsRisk      |                              | U F F F F Y Y
      GET    | /engine-rest/process-instance?maxResults=5&variables=cssrsRisk_eq_HIGH |                        | U F F F F Y Y
      POST   | /engine-rest/process-instance?maxResults=5                       | {"variables":[{"name":"cssrsRisk","operator":"eq","value":"HIGH"}]} | U F F F F Y Y
      POST   | /engine-rest/process-instance/{journey}/variables                | {"modifications":{"cssrsRisk":{"value":"none"}}} | U F F F F F Y
      PUT    | /engine-rest/process-instance/{journey}/variables/cssrsRisk      | {"value":"none"}             | U F F F F F Y
      DELETE | /engine-rest/process-instance/{journey}/variables/cssrsRisk      |                              | U F F F F F Y
      POST   | /engine-rest/process-instance/{journey}/modification             | {"instructions":[{"type":"startBeforeActivity","activityId":"informedConsent"}]} | U F F F F F Y
      PUT    | /engine-rest/process-instance/{journey}/suspended                | {"suspended":true}           | U F F F F F Y
      DELETE | /engine-rest/process-instance/{journey}                          |                              | U F F F F F Y
      POST   | /engine-rest/process-instance/delete                             | {"processInstanceIds":["{journey}"],"deleteReason":"matrix"} | U F F F F F Y
      # Variables and executions outside a task: managers and administrators read, administrators write
      GET    | /engine-rest/variable-instance?maxResults=50&processInstanceIdIn={journey} |                              | U F F F F Y Y
      POST   | /engine-rest/variable-instance?maxResults=50                     | {"processInstanceIdIn":["{journey}"]} | U F F F F Y Y
      GET    | /engine-rest/variable-instance/count                             |                              | U F F F F Y Y
      GET    | /engine-rest/execution?maxResults=50&processInstanceId={journey} |                              | U Y E E E Y Y
      GET    | /engine-rest/execution/{journey}/localVariables                  |                              | U F F F F Y Y
      PUT    | /engine-rest/execution/{journey}/localVariables/cssrsRisk        | {"value":"none"}             | U F F F F F Y
      POST   | /engine-rest/execution/{journey}/create-incident                 | {"incidentType":"matrix","configuration":"matrix","message":"matrix"} | U F F F F F Y
      # History: managers and administrators
      GET    | /engine-rest/history/process-instance?maxResults=50&processInstanceId={journey} |                             | U E E E E Y Y
      POST   | /engine-rest/history/process-instance?maxResults=50              | {"processInstanceId":"{journey}"} | U E E E E Y Y
      GET    | /engine-rest/history/process-instance/{journey}                  |                              | U - - - - Y Y
      GET    | /engine-rest/history/task?maxResults=50&processInstanceId={journey} |                              | U E E E E Y Y
      GET    | /engine-rest/history/activity-instance?maxResults=50&processInstanceId={journey} |                            | U E E E E Y Y
      GET    | /engine-rest/history/variable-instance?maxResults=50&processInstanceId={journey} |                            | U F F F F Y Y
      POST   | /engine-rest/history/variable-instance?maxResults=50             | {"processInstanceId":"{journey}"} | U F F F F Y Y
      GET    | /engine-rest/history/detail?maxResults=50&processInstanceId={journey} |                              | U F F F F Y Y
      GET    | /engine-rest/history/user-operation?maxResults=5                 |                              | U E E E E Y Y
      GET    | /engine-rest/history/identity-link-log?maxResults=50             |                              | U E E E E Y Y
      DELETE | /engine-rest/history/process-instance/{endedJourney}             |                              | U F F F F F Y
      # Jobs, incidents, batches: administrators
      GET    | /engine-rest/job?maxResults=5                                    |                              | U Y Y Y Y Y Y
      PUT    | /engine-rest/job/{job}/retries                                   | {"retries":3}                | U F F F F F Y
      PUT    | /engine-rest/job/{job}/suspended                                 | {"suspended":true}           | U F F F F F Y
      PUT    | /engine-rest/job/{job}/duedate                                   | {"duedate":"2099-01-01T00:00:00.000+0000"} | U F F F F F Y
      POST   | /engine-rest/job/{job}/execute                                   |                              | U F F F F F Y
      DELETE | /engine-rest/job/{job}                                           |                              | U F F F F F Y
      PUT    | /engine-rest/job/{cleanupJob}/suspended                          | {"suspended":false}          | U F F F F F Y
      GET    | /engine-rest/job-definition?maxResults=5                         |                              | U Y Y Y Y Y Y
      PUT    | /engine-rest/job-definition/{jobDefinition}/jobPriority          | {"priority":null}            | U F F F F F Y
      GET    | /engine-rest/incident?maxResults=5                               |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/batch?maxResults=5                                  |                              | U Y Y Y Y Y Y
      DELETE | /engine-rest/batch/{batch}?cascade=true                          |                              | U F F F F F Y
      # Deployments and definitions: everyone reads the diagrams; administrators deploy
      GET    | /engine-rest/deployment?maxResults=5                             |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/deployment/create                                   | @deployment                  | U F F F F F Y
      DELETE | /engine-rest/deployment/{deployment}?cascade=true                |                              | U F F F F F Y
      GET    | /engine-rest/process-definition?maxResults=5                     |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/process-definition/key/care-journey/xml             |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/process-definition/key/care-journey/form-variables  |                              | U Y Y Y Y Y Y
      PUT    | /engine-rest/process-definition/{throwawayDefinition}/suspended  | {"suspended":true}           | U F F F F F Y
      DELETE | /engine-rest/process-definition/{throwawayDefinition}            |                              | U F F F F F Y
      GET    | /engine-rest/decision-definition?maxResults=5                    |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/decision-definition/key/eligibility/evaluate        | {"variables":{eligibility}}  | U F F F F F Y
      # Users, groups, authorizations: administrators; each person their own profile
      GET    | /engine-rest/user?maxResults=5                                   |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/user/{me}/profile                                   |                              | U Y Y Y Y Y Y
      PUT    | /engine-rest/user/{me}/profile                                   | {meProfile}                  | U Y Y Y Y Y Y
      POST   | /engine-rest/user/create                                         | {"profile":{"id":"{newUser}","firstName":"M","lastName":"X","email":"m@example.org"},"credentials":{"password":"Matrix-2026!"}} | U F F F F F Y
      PUT    | /engine-rest/user/{user}/profile                                 | {"id":"{user}","firstName":"Mallory","lastName":"X","email":"m@example.org"} | U - - - - - Y
      PUT    | /engine-rest/user/{user}/credentials                             | {"password":"Mallory-2026!","authenticatedUserPassword":"demo"} | U - - - - - Y
      DELETE | /engine-rest/user/{user}                                         |                              | U F F F F F Y
      GET    | /engine-rest/group?maxResults=5                                  |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/identity/groups?userId={me}                         |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/identity/verify                                     | {"username":"nurse","password":"demo"} | U F F F F F Y
      POST   | /engine-rest/group/create                                        | {"id":"{newGroup}","name":"Matrix","type":"WORKFLOW"} | U F F F F F Y
      PUT    | /engine-rest/group/{group}/members/{user}                        |                              | U F F F F F Y
      PUT    | /engine-rest/group/camunda-admin/members/{user}                  |                              | U F F F F F Y
      DELETE | /engine-rest/group/{group}                                       |                              | U F F F F F Y
      GET    | /engine-rest/authorization?maxResults=5                          |                              | U Y Y Y Y Y Y
      POST   | /engine-rest/authorization/create                                | {"type":1,"permissions":["ACCESS"],"userId":"{user}","resourceType":0,"resourceId":"cockpit"} | U F F F F F Y
      DELETE | /engine-rest/authorization/{authorization}                       |                              | U F F F F F Y
      # Filters: each group runs its queue; administrators make and change filters
      GET    | /engine-rest/filter?resourceType=Task&maxResults=50            |                              | U Y Y Y Y Y Y
      GET    | /engine-rest/filter/{queue}                                      |                              | U Y - - - - Y
      POST   | /engine-rest/filter/{queue}/list?maxResults=5                    | {}                           | U Y - - - - Y
      GET    | /engine-rest/filter/{queue}/count                                |                              | U Y - - - - Y
      POST   | /engine-rest/filter/{queue}/count                                | {"active":true}              | U Y - - - - Y
      POST   | /engine-rest/filter/create                                       | {"resourceType":"Task","name":"matrix-throwaway","owner":"{me}","query":{},"properties":{}} | U F F F F F Y
      PUT    | /engine-rest/filter/{filter}                                     | {"resourceType":"Task","name":"matrix-throwaway","query":{},"properties":{}} | U - - - - - Y
      DELETE | /engine-rest/filter/{filter}                                     |                              | U - - - - - Y
      # Messages and signals: administrators (a withdrawal goes through /api/journeys)
      POST   | /engine-rest/message                                             | {"messageName":"PatientWithdrew","businessKey":"{patient}"} | U F F F F F Y
      POST   | /engine-rest/signal                                              | {"name":"matrix-no-such-signal"} | U F F F F F Y
      # KAP Care's /api
      POST   | /api/journeys/{patient}/withdrawal                               |                              | U Y F F F F F
      POST   | /api/journeys/{patient}/safety-concern                           | {"whatHappened":"Matrix"}    | U F Y Y Y F F
      GET    | /api/patients/{patient}                                          |                              | U Y Y Y Y Y Y
      GET    | /api/patients?q={patient}                                        |                              | U Y Y Y Y Y Y
      GET    | /api/tasks/{cTask}                                               |                              | U Y - - - Y Y
      GET    | /api/tasks/priorities                                            |                              | U Y Y Y Y Y Y
      GET    | /camunda/api/tasklist/plugin/kapcare-queues/static/app/plugin.js |                              | Y Y Y Y Y Y Y
      GET    | /camunda/api/tasklist/plugin/kapcare-chart/static/app/plugin.js  |                              | Y Y Y Y Y Y Y
      GET    | /kapcare/ui.js                                                   |                              | Y Y Y Y Y Y Y
      GET    | /api/insight/kpis                                                |                              | U F F F F Y Y
      GET    | /api/insight/kpis/missed-windows.csv                             |                              | U F F F F Y Y
      GET    | /api/insight/kpis/missed-windows.csv?therapist=nobody            |                              | U F F F F Y Y
      GET    | /api/insight/missed-windows?status=not-held&page=1               |                              | U F F F F Y Y
      GET    | /api/insight/heatmap?processDefinitionKey=care-journey           |                              | U F F F F Y Y
      GET    | /api/notifications                                               |                              | U F F F F Y Y
      GET    | /api/notifications?patientId={patient}                           |                              | U F F F F Y Y
      GET    | /api/access-log                                                  |                              | U F F F F Y Y
      GET    | /api/access-log?patientId={patient}                              |                              | U F F F F Y Y
      # The webapps' own API, with the session and CSRF token Tasklist's login gives
      POST   | /camunda/api/engine/engine/default/filter/{queue}/list?firstResult=0&maxResults=15 | {"sorting":[{"sortBy":"created","sortOrder":"desc"}],"active":true} | U Y - - - - Y
      GET    | /camunda/api/engine/engine/default/task?firstResult=0&maxResults=15 |                           | U Y Y Y Y Y Y
      GET    | /camunda/api/engine/engine/default/task/{cTask}/form-variables   |                              | U Y - - - Y Y
      POST   | /camunda/api/engine/engine/default/task?firstResult=0&maxResults=15 | {"withTaskVariablesInReturn":true} | U F F F F Y Y
      POST   | /camunda/api/engine/engine/default/task/{cTask}/submit-form      | BOOKING                      | U Y - - - - Y
      POST   | /camunda/api/engine/engine/default/task/{cTask}/comment/create   | {"message":"Called the patient"} | U F F F F F Y
      GET    | /camunda/api/engine/engine/default/process-instance/{journey}/variables |                       | U F F F F Y Y
      GET    | /camunda/api/engine/engine/default/history/variable-instance?processInstanceId={journey}&firstResult=0&maxResults=15 | | U F F F F Y Y
      POST   | /camunda/api/engine/engine/default/process-instance/{journey}/modification | {"instructions":[{"type":"startBeforeActivity","activityId":"informedConsent"}]} | U F F F F F Y
      # Welcome's profile page checks a new password against the policy before it lets one be set; the
      # demo has none, so the engine answers 404 to whoever asks (the guard must let the check through)
      POST   | /camunda/api/engine/engine/default/identity/password-policy      | {"password":"Matrix-2026!"}  | N N N N N N N
      GET    | /camunda/api/cockpit/plugin/kapcare-insight/static/app/plugin.js |                              | Y Y Y Y Y Y Y
      # The webapps' plugin API: for those who may open that webapp (Cockpit: managers, Admin: administrators)
      POST   | /camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=15 | SEARCH_BY_ANSWER | U F F F F Y Y
      POST   | /camunda/api/cockpit/plugin/base/default/process-instance/count  | SEARCH_BY_ANSWER             | U F F F F Y Y
      GET    | /camunda/api/cockpit/plugin/base/default/process-definition/statistics?firstResult=0&maxResults=15 | | U F F F F Y Y
      GET    | /camunda/api/admin/plugin/adminPlugins/default/metrics/aggregated?subscriptionStartDate=2026-01-01&groupBy=month&metrics=process-instances | | U F F F F F Y
      """;

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  ManagementService management;
  @Autowired
  RepositoryService repository;
  @Autowired
  IdentityService identity;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  FilterService filters;

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, WebappSession> sessions = new HashMap<>();
  private Set<String> batchesBefore;
  private int made;

  /** One request of the matrix and what each caller gets. */
  record Row(String method, String path, String body, String expected) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : MATRIX.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList()) {
      String[] cells = line.split("\\s*\\|\\s*", -1);
      String expected = cells[3].replace(" ", "");
      if (cells.length != 4 || expected.length() != CALLERS.size()) {
        throw new IllegalArgumentException("a matrix row is method | path | body | one answer per caller: " + line);
      }
      String body = switch (cells[2]) {
        case "" -> null;
        case "BOOKING" -> BOOKING;
        case "BOOKING_RETURNING_VARIABLES" -> BOOKING_RETURNING_VARIABLES;
        case "REFERRAL" -> REFERRAL;
        case "REFERRAL_RETURNING_VARIABLES" -> REFERRAL_RETURNING_VARIABLES;
        case "SEARCH_BY_ANSWER" -> SEARCH_BY_ANSWER;
        default -> cells[2];
      };
      rows.add(new Row(cells[0], cells[1], body, expected));
    }
    return rows;
  }

  static Stream<Arguments> matrix() {
    return rows().stream().flatMap(row -> IntStream.range(0, CALLERS.size())
        .mapToObj(i -> Arguments.of(row, CALLERS.get(i), row.expected().charAt(i))));
  }

  @BeforeAll
  void rememberBatches() {
    batchesBefore = management.createBatchQuery().list().stream().map(Batch::getId).collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @MethodSource("matrix")
  void answersAsDocsSecurityMdSays(Row row, String caller, char expected) {
    Fixtures fixtures = new Fixtures(caller);
    String path = fixtures.resolve(row.path());
    String body = row.body() == null ? null : fixtures.resolve(row.body());

    ResponseEntity<String> answer = send(caller, row.method(), path, body);

    int status = answer.getStatusCode().value();
    String said = row + " as " + caller + " answered " + status + ": " + abbreviate(answer.getBody());
    switch (expected) {
      case 'Y' -> assertThat(status).as(said).isBetween(200, 299);
      case 'E' -> {
        assertThat(status).as(said).isBetween(200, 299);
        assertThat(answer.getBody().replace(" ", "")).as(said).isIn("[]", "{\"count\":0}");
      }
      case 'U' -> assertThat(status).as(said).isEqualTo(401);
      case 'F' -> assertThat(status).as(said).isEqualTo(403);
      case '-' -> assertThat(status).as(said).isIn(403, 404);
      case 'N' -> assertThat(status).as(said).isEqualTo(404);
      default -> throw new IllegalArgumentException("no such answer in the matrix: " + expected);
    }
    if (status >= 400 && answer.getBody() != null) {
      assertThat(answer.getBody()).as(said).doesNotContainPattern(LEAK);
    }
  }

  @AfterAll
  void removeThrowaways() {
    for (Deployment deployment : repository.createDeploymentQuery().deploymentName(THROWAWAY + "throwaway").list()) {
      repository.deleteDeployment(deployment.getId(), true);
    }
    for (User user : identity.createUserQuery().list()) {
      if (user.getId().startsWith(THROWAWAY)) {
        authorizations.createAuthorizationQuery().userIdIn(user.getId()).list()
            .forEach(grant -> authorizations.deleteAuthorization(grant.getId()));
        identity.deleteUser(user.getId());
      }
    }
    identity.createGroupQuery().list().stream().filter(group -> group.getId().startsWith(THROWAWAY))
        .forEach(group -> identity.deleteGroup(group.getId()));
    filters.createTaskFilterQuery().filterName(THROWAWAY + "throwaway").list()
        .forEach(filter -> filters.deleteFilter(filter.getId()));
    tasks.createTaskQuery().taskName(THROWAWAY + "throwaway").list().forEach(task -> tasks.deleteTask(task.getId(), true));
    runtime.createIncidentQuery().incidentType("matrix").list()
        .forEach(incident -> runtime.resolveIncident(incident.getId()));
    management.createBatchQuery().list().stream().filter(batch -> !batchesBefore.contains(batch.getId()))
        .forEach(batch -> management.deleteBatch(batch.getId(), true));
  }

  private ResponseEntity<String> send(String caller, String method, String path, String body) {
    HttpHeaders headers = new HttpHeaders();
    Object entity = body;
    if ("@attachment".equals(body)) {
      MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
      parts.add("attachment-name", "referral letter");
      parts.add("attachment-type", "text/plain");
      parts.add("url", "https://example.org/letter");
      entity = parts;
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    } else if ("@deployment".equals(body)) {
      MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
      parts.add("deployment-name", THROWAWAY + "throwaway");
      parts.add("data", new ByteArrayResource(THROWAWAY_BPMN.getBytes(StandardCharsets.UTF_8)) {
        @Override
        public String getFilename() {
          return "matrix.bpmn";
        }
      });
      entity = parts;
      headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    } else {
      headers.setContentType(MediaType.APPLICATION_JSON);
    }
    TestRestTemplate client = http;
    if (path.startsWith("/camunda/")) {
      headers.addAll(ANONYMOUS.equals(caller) ? anonymousBrowser() : session(caller).headers());
    } else if (!ANONYMOUS.equals(caller)) {
      client = http.withBasicAuth(caller, "demo");
    }
    return client.exchange(URI.create(http.getRootUri() + path), HttpMethod.valueOf(method), new HttpEntity<>(entity, headers),
        String.class);
  }

  /** The caller's Tasklist login, kept for the whole test as a browser keeps it. */
  private WebappSession session(String caller) {
    return sessions.computeIfAbsent(caller, user -> WebappSession.signIn(http, "tasklist", user, "demo"));
  }

  /** A browser that opened Tasklist's page (and so holds a CSRF token) but did not sign in. */
  private HttpHeaders anonymousBrowser() {
    HttpHeaders page = http.getForEntity("/camunda/app/tasklist/default/", String.class).getHeaders();
    HttpHeaders headers = new HttpHeaders();
    page.getOrEmpty(HttpHeaders.SET_COOKIE).forEach(cookie -> {
      String pair = cookie.split(";", 2)[0];
      headers.add(HttpHeaders.COOKIE, pair);
      if (pair.startsWith("XSRF-TOKEN=")) {
        headers.add("X-XSRF-TOKEN", pair.substring("XSRF-TOKEN=".length()));
      }
    });
    return headers;
  }

  private static String abbreviate(String text) {
    return text == null ? "(no body)" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  /** The real objects one request names, made when it first names them. */
  private final class Fixtures {

    private final String caller;
    private final Map<String, String> values = new HashMap<>();

    Fixtures(String caller) {
      this.caller = caller;
    }

    String resolve(String text) {
      Matcher placeholder = PLACEHOLDER.matcher(text);
      StringBuilder resolved = new StringBuilder();
      while (placeholder.find()) {
        placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value(placeholder.group(1))));
      }
      return placeholder.appendTail(resolved).toString();
    }

    private String value(String name) {
      String value = values.get(name);
      if (value == null) {
        value = make(name);
        values.put(name, value);
      }
      return value;
    }

    private String make(String name) {
      return switch (name) {
        case "me" -> ANONYMOUS.equals(caller) ? "nobody" : caller;
        case "twoWeeksAhead" -> Answers.daysAhead(14);
        case "meProfile" -> profileOf(value("me"));
        // A coordinator's journey: waiting at "Book consultation", with a C-SSRS result and a PHQ-9 answer.
        case "journey" -> {
          String journey = openAt(Journeys.CARE_JOURNEY, "scheduleConsultation");
          values.put("patient", runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult().getBusinessKey());
          yield journey;
        }
        case "patient" -> {
          value("journey");
          yield values.get("patient");
        }
        case "cTask" -> taskOf(value("journey"));
        // The task as Tasklist sends it back when a date is set: every field as it is, the dates changed.
        case "cTaskWithNewDates" -> taskAsSent(value("cTask"), Map.of("due", "2026-12-20T10:00:00.000+0000",
            "followUp", "2026-12-18T10:00:00.000+0000"));
        case "cTaskRenamed" -> taskAsSent(value("cTask"), Map.of("name", "Nothing to do here"));
        case "tTask" -> taskOf(openAt(Journeys.CARE_JOURNEY, "preparationSession"));
        case "pTask" -> taskOf(openAt(Journeys.CARE_JOURNEY, "consultation"));
        case "nTask" -> taskOf(openAt(Journeys.CARE_JOURNEY, "medicalHistory"));
        case "mTask" -> taskOf(openAt(Journeys.CARE_JOURNEY, "reviewMissedIntegration"));
        case "endedJourney" -> {
          String journey = openAt(Journeys.CARE_JOURNEY, "scheduleConsultation");
          runtime.deleteProcessInstance(journey, "matrix");
          yield journey;
        }
        // The asynchronous step before telling a patient they are not eligible.
        case "job" -> management.createJobQuery().processInstanceId(openAt(Journeys.CARE_JOURNEY, "notifyNotEligible"))
            .singleResult().getId();
        // The history cleanup (seven years' retention): a job of no journey, so no group's authorization covers it.
        case "cleanupJob" -> management.createJobQuery().list().stream()
            .filter(job -> "history-cleanup".equals(((JobEntity) job).getJobHandlerType())).findFirst().orElseThrow().getId();
        case "jobDefinition" -> management.createJobDefinitionQuery().processDefinitionId(value("definition"))
            .activityIdIn("notifyNotEligible").singleResult().getId();
        case "batch" -> runtime.deleteProcessInstancesAsync(List.of(openAt(Journeys.CARE_JOURNEY, "scheduleConsultation")),
            "matrix").getId();
        case "definition" -> repository.createProcessDefinitionQuery().processDefinitionKey(Journeys.CARE_JOURNEY)
            .latestVersion().singleResult().getId();
        case "deployment" -> repository.createDeployment().name(THROWAWAY + "throwaway")
            .addString("matrix.bpmn", THROWAWAY_BPMN).deploy().getId();
        case "throwawayDefinition" -> repository.createProcessDefinitionQuery().deploymentId(value("deployment"))
            .singleResult().getId();
        case "newPatient" -> nextPatientId();
        case "referral" -> rest(Answers.referral(value("newPatient")));
        case "eligibility" -> rest(Answers.medicalHistory());
        case "newUser", "newGroup" -> THROWAWAY + name.substring(3).toLowerCase() + "-" + ++made;
        case "user" -> {
          User user = identity.newUser(THROWAWAY + "user-" + ++made);
          user.setFirstName("Matrix");
          user.setLastName("Throwaway");
          user.setEmail("matrix@example.org");
          user.setPassword("Matrix-2026!");
          identity.saveUser(user);
          yield user.getId();
        }
        case "group" -> {
          String id = THROWAWAY + "group-" + ++made;
          org.camunda.bpm.engine.identity.Group group = identity.newGroup(id);
          group.setName("Matrix");
          identity.saveGroup(group);
          yield id;
        }
        case "authorization" -> {
          Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
          grant.setUserId(value("user"));
          grant.setResource(Resources.APPLICATION);
          grant.setResourceId(THROWAWAY + "nothing");
          grant.addPermission(Permissions.ACCESS);
          yield authorizations.saveAuthorization(grant).getId();
        }
        case "filter" -> {
          Filter filter = filters.newTaskFilter(THROWAWAY + "throwaway");
          filter.setOwner("admin");
          filter.setQuery(tasks.createTaskQuery());
          yield filters.saveFilter(filter).getId();
        }
        case "queue" -> filters.createTaskFilterQuery().filterName("Care coordination queue").singleResult().getId();
        default -> throw new IllegalArgumentException("no such object in the matrix: {" + name + "}");
      };
    }

    private String taskAsSent(String taskId, Map<String, Object> changes) {
      org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      Map<String, Object> sent = new LinkedHashMap<>();
      sent.put("id", task.getId());
      sent.put("name", task.getName());
      sent.put("description", task.getDescription());
      sent.put("assignee", task.getAssignee());
      sent.put("owner", task.getOwner());
      sent.put("priority", task.getPriority());
      sent.put("delegationState", task.getDelegationState() == null ? null : task.getDelegationState().name());
      sent.put("due", null);
      sent.put("followUp", null);
      sent.put("parentTaskId", task.getParentTaskId());
      sent.put("caseInstanceId", task.getCaseInstanceId());
      sent.put("tenantId", task.getTenantId());
      sent.putAll(changes);
      return write(sent);
    }

    private String profileOf(String userId) {
      User user = identity.createUserQuery().userId(userId).singleResult();
      Map<String, Object> profile = new LinkedHashMap<>();
      profile.put("id", userId);
      if (user != null) {
        profile.put("firstName", user.getFirstName());
        profile.put("lastName", user.getLastName());
        profile.put("email", user.getEmail());
      }
      return write(profile);
    }

    private String rest(Map<String, Object> values) {
      return write(values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
          entry -> Map.of("value", entry.getValue()))));
    }

    private String write(Object value) {
      try {
        return json.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A new patient's journey at {@code activity}, with what the steps before it would have written. */
  private String openAt(String processKey, String activity) {
    String patientId = nextPatientId();
    Map<String, Object> variables = new LinkedHashMap<>(Answers.referral(patientId));
    variables.putAll(Answers.map("consultationAt", "2026-11-23T10:00Z", "preparationAt", "2026-11-23T14:00Z", "dosingAt", "2026-11-24T10:00Z", "integrationAt", "2026-11-25T10:00Z",
        "followUpAt", "2026-12-20T10:00Z", "integrationDeadline", "2026-11-26T10:00Z", "integrationReminderAt",
        "2026-11-25T10:00Z", "remsFormDue", "2026-12-01T10:00Z", "route", "IV", "weightKg", 70.0, "doseNumber", 1,
        "plannedDoses", 1, "preparationSessions", 2, "seriesDoses", 1, "seriousAdverseEvent", false,
        "confirmPostponementOverride", false, "reviewIneligibilityOverride", false, "phq9_9", "2", "cssrsRisk", "HIGH"));
    return runtime.createProcessInstanceByKey(processKey).businessKey(patientId).setVariables(variables)
        .startBeforeActivity(activity).execute().getId();
  }

  private String taskOf(String journey) {
    return tasks.createTaskQuery().processInstanceId(journey).singleResult().getId();
  }

  private String nextPatientId() {
    return "K-5" + (1000 + ++made);
  }
}
