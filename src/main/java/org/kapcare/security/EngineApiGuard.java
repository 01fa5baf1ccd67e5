package org.kapcare.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.forms.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of the engine's API (both doors, see {@link EngineCall}) and KAP Care's {@code /api}:
 * refuses what Camunda 7.24 CE would let a signed-in staff member do to the clinic's records.
 * <ul>
 *   <li>expressions in queries, at any depth ({@link QueryExpressions}): 400;</li>
 *   <li>anything that writes other than the steps of their work ({@link StaffWrites}): 403, unless
 *       the caller is an administrator;</li>
 *   <li>a start or completion with values its form does not take ({@link EngineForms}): 400;</li>
 *   <li>a change of a task's own fields beyond its dates and assignee ({@link EngineForms#changedBeyondDates}):
 *       403, unless the caller is an administrator;</li>
 *   <li>reads of a journey's variables beyond what a task's form shows ({@link StaffReads}): 403,
 *       unless the caller is a manager or an administrator; a start or completion that asks for the
 *       journey's variables back: 403, unless the caller is an administrator.</li>
 * </ul>
 * Each read or change of a patient's data that succeeds is written to the {@link AccessLog}.
 * Admin's setup page is closed for good. Runs after the sign-in, so it knows who is calling; an
 * anonymous call is left to be refused there.
 */
class EngineApiGuard extends OncePerRequestFilter {

  /**
   * Admin's setup page creates an administrator without signing in whenever the administrators'
   * group has no direct member, for example after the last one was removed. KAP Care makes the
   * first administrator at start (the demo's, or KAPCARE_ADMIN_USER), so the page is never needed.
   */
  private static final String ADMIN_SETUP = "/camunda/api/admin/setup/";

  private final ObjectMapper json = new ObjectMapper();
  private final IdentityService identity;
  private final EngineForms forms;
  private final PatientAccesses accesses;
  private final AccessLog log;

  EngineApiGuard(IdentityService identity, EngineForms forms, PatientAccesses accesses, AccessLog log) {
    this.identity = identity;
    this.forms = forms;
    this.accesses = accesses;
    this.log = log;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (EngineCall.pathOf(request).startsWith(ADMIN_SETUP)) {
      refuse(request, response, HttpStatus.FORBIDDEN, "The first administrator is set when KAP Care starts", null);
      return;
    }
    EngineCall call = EngineCall.of(request);
    RequestBody body;
    EngineCaller caller = EngineCaller.of(request, identity);
    PatientAccesses.Access access;
    try {
      QueryExpressions.checkQuery(request.getQueryString());
      body = RequestBody.read(request);
      boolean admin = caller != null && caller.groups().contains(ClinicGroup.ADMINS);
      if (body.json() != null) {
        if (admin && call != null && call.writesFilter()) {
          QueryExpressions.checkJsonForNul(body.json());
        } else {
          QueryExpressions.checkJson(body.json());
        }
      }
      if (call != null && caller != null && !admin) {
        HttpServletRequest limited = limitReads(call, caller.groups(), request, body, response);
        if (limited == null) {
          return;
        }
        request = limited;
      }
      if (call != null && caller != null && call.writes()) {
        if (!admin && !StaffWrites.allows(call)) {
          refuse(request, response, HttpStatus.FORBIDDEN, "Only an administrator may do this", null);
          return;
        }
        String changed = admin || call.updatedTask() == null ? null : forms.changedBeyondDates(call.updatedTask(), body.json());
        if (changed != null) {
          refuse(request, response, HttpStatus.FORBIDDEN, "Only a task's dates and assignee are changed here", changed);
          return;
        }
        // Administrators may change a journey's variables and steps anyway (the cluster tests start
        // journeys at a later step); the form holds everyone else.
        if (!admin && (call.submittedTask() != null || call.startedKey() != null || call.startedDefinition() != null)) {
          forms.check(request, call, body.json());
        }
      }
      access = caller == null ? null : accesses.of(request, call, body.json());
    } catch (InvalidInputException e) {
      write(response, HttpStatus.BAD_REQUEST, ErrorBody.at(EngineCall.pathOf(request), e));
      return;
    }
    chain.doFilter(body.replay(request), response);
    if (access != null && response.getStatus() < HttpStatus.BAD_REQUEST.value()) {
      log.record(caller.userId(), access.patientId(), access.action(), access.what(), request.getRemoteAddr());
    }
  }

  /**
   * What a staff member reads of a journey ({@link StaffReads}): the request, limited to what the
   * task's form shows, or null when it was refused (the answer is written).
   */
  private HttpServletRequest limitReads(EngineCall call, List<String> groups, HttpServletRequest request,
      RequestBody body, HttpServletResponse response) throws IOException {
    if (StaffReads.returnsJourneyVariables(call, body.json())) {
      refuse(request, response, HttpStatus.FORBIDDEN,
          "A start or completion returns no variables: withVariablesInReturn is for administrators", "withVariablesInReturn");
      return null;
    }
    boolean manager = groups.contains(ClinicGroup.MANAGERS.id());
    if (!manager && StaffReads.filtersByVariables(call, request.getQueryString(), body.json())) {
      refuse(request, response, HttpStatus.FORBIDDEN, "Searching journeys by a patient's answers is for managers", null);
      return null;
    }
    String taskVariables = manager ? null : StaffReads.returnsTaskVariables(request.getQueryString(), body.json());
    if (taskVariables != null) {
      refuse(request, response, HttpStatus.FORBIDDEN, "A list of tasks with their journeys' variables (" + taskVariables
          + ") is for managers; each task's form shows what it needs", taskVariables);
      return null;
    }
    if (!manager && StaffReads.readsJourneyVariables(call)) {
      refuse(request, response, HttpStatus.FORBIDDEN, "A patient's answers are read on the forms of your tasks", null);
      return null;
    }
    String formTask = StaffReads.formVariablesOf(call);
    Set<String> shown = formTask == null ? null : forms.shownOn(request, formTask);
    if (shown != null) {
      return OnlyVariables.of(request, shown);
    }
    StaffReads.TaskVariable variable = StaffReads.taskVariableOf(call);
    shown = variable == null ? null : forms.shownOn(request, variable.taskId());
    if (shown != null && (variable.name() == null || !shown.contains(variable.name()))) {
      refuse(request, response, HttpStatus.FORBIDDEN, "Only what the task's form shows is read here", null);
      return null;
    }
    return request;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String error, String field)
      throws IOException {
    write(response, status, ErrorBody.at(EngineCall.pathOf(request), error, field));
  }

  private void write(HttpServletResponse response, HttpStatus status, Map<String, String> body) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }
}
