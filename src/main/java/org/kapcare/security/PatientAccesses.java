package org.kapcare.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Which calls read or change a patient's data, for the {@link AccessLog}: a task's form and
 * variables and its completion, a journey's variables, a start, KAP Care's own endpoints that
 * name a patient, and the KPI tables exported as files. The patient is looked up before the call,
 * since a completed task is gone after it.
 * Lists of tasks and journeys show names only and are not logged one by one.
 */
@Component
class PatientAccesses {

  /** What a logged call did, and to whom. */
  record Access(String patientId, String action, String what) {}

  private static final Pattern TASK = Pattern.compile("^/task/([^/]+)/(form-variables|variables|localVariables|complete|submit-form)(/.*)?$");
  private static final Pattern JOURNEY = Pattern.compile("^/(process-instance|execution)/([^/]+)/(variables|localVariables)(/.*)?$");
  private static final Pattern ACROSS_JOURNEYS = Pattern.compile("^/(variable-instance|history/variable-instance|history/detail)(/.*)?$");
  private static final Pattern WITHDRAWAL = Pattern.compile("^/api/journeys/([^/]+)/withdrawal$");
  private static final Pattern SAFETY_CONCERN = Pattern.compile("^/api/journeys/([^/]+)/safety-concern$");
  private static final Pattern CHART = Pattern.compile("^/api/patients/([^/]+)$");
  private static final Pattern KPI_EXPORT = Pattern.compile("^/api/insight/kpis/[^/]+\\.csv$");

  private final OpenTasks openTasks;
  private final RuntimeService runtime;
  private final SignedInStaff staff;

  PatientAccesses(OpenTasks openTasks, RuntimeService runtime, SignedInStaff staff) {
    this.openTasks = openTasks;
    this.runtime = runtime;
    this.staff = staff;
  }

  /** The access {@code request} makes, or null when it touches no patient's data. */
  Access of(HttpServletRequest request, EngineCall call, JsonNode body) {
    return call == null ? api(request) : staff.asSystem(() -> engine(request, call, body));
  }

  private static Access api(HttpServletRequest request) {
    String path = EngineCall.pathOf(request);
    Matcher withdrawal = WITHDRAWAL.matcher(path);
    if (withdrawal.matches() && "POST".equals(request.getMethod())) {
      return new Access(withdrawal.group(1), AccessLog.CHANGE, "recorded a withdrawal");
    }
    Matcher concern = SAFETY_CONCERN.matcher(path);
    if (concern.matches() && "POST".equals(request.getMethod())) {
      return new Access(concern.group(1), AccessLog.CHANGE, "raised a safety concern");
    }
    Matcher chart = CHART.matcher(path);
    if (chart.matches() && "GET".equals(request.getMethod())) {
      return new Access(chart.group(1), AccessLog.READ, "chart");
    }
    if (KPI_EXPORT.matcher(path).matches() && "GET".equals(request.getMethod())) {
      // A file leaves the clinic's system: the missed windows in it name patients. Only the dates it
      // covers are logged, and whether it was narrowed, not whatever else the caller put in the query;
      // a file narrowed to one patient is logged under them (an export only succeeds, and is only
      // logged, with a well-formed patient id).
      String patient = request.getParameter("patient");
      boolean narrowed = Stream.of("therapist", "status", "patient").map(request::getParameter)
          .anyMatch(value -> value != null && !value.isBlank());
      return new Access(patient == null || patient.isBlank() ? null : patient.trim(), AccessLog.READ,
          "exported " + path.substring(path.lastIndexOf('/') + 1) + " from " + orDefault(request.getParameter("from"))
              + " to " + orDefault(request.getParameter("to")) + (narrowed ? " (filtered)" : ""));
    }
    String patientId = request.getParameter("patientId");
    if ("/api/notifications".equals(path) && patientId != null && !patientId.isBlank()) {
      return new Access(patientId.trim(), AccessLog.READ, "notifications");
    }
    return null;
  }

  private static String orDefault(String date) {
    return date == null || date.isBlank() ? "(default)" : date.trim();
  }

  private Access engine(HttpServletRequest request, EngineCall call, JsonNode body) {
    String action = call.writes() ? AccessLog.CHANGE : AccessLog.READ;
    Matcher task = TASK.matcher(call.path());
    if (task.matches()) {
      OpenTasks.OpenTask open = openTasks.of(request, task.group(1));
      return open == null ? null : new Access(open.patientId(), action,
          (call.writes() ? "completed " : "form of ") + open.name());
    }
    Matcher journey = JOURNEY.matcher(call.path());
    if (journey.matches()) {
      Execution execution = runtime.createExecutionQuery().executionId(journey.group(2)).singleResult();
      return execution == null ? null
          : new Access(patientOf(execution.getProcessInstanceId()), action, "variables of the journey");
    }
    if (call.startedKey() != null || call.startedDefinition() != null) {
      JsonNode patientId = body == null ? null : body.path("variables").path("patientId").path("value");
      return new Access(patientId == null || !patientId.isTextual() ? null : patientId.asText(), AccessLog.CHANGE,
          "started " + (call.startedKey() != null ? call.startedKey() : "a journey"));
    }
    if (ACROSS_JOURNEYS.matcher(call.path()).matches()) {
      String query = request.getQueryString();
      return new Access(null, AccessLog.READ, call.method() + " " + call.path() + (query == null ? "" : "?" + query));
    }
    return null;
  }

  private String patientOf(String processInstanceId) {
    if (processInstanceId == null) {
      return null;
    }
    ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
    return instance == null ? null : instance.getBusinessKey();
  }
}
