package org.kapcare.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of a journey's variables a staff member who is not an administrator reads through the
 * engine's API (docs/security.md has the whole matrix). On a task, what its form shows; a journey's
 * variables in bulk (every answer, score and contact detail) are for managers, who read the
 * clinic's history, and administrators.
 */
final class StaffReads {

  private static final Pattern JOURNEY_VARIABLES = Pattern.compile(
      "^/(variable-instance|history/variable-instance|history/detail)(/.*)?$"
          + "|^/(process-instance|execution)/[^/]+/(variables|localVariables)(/.*)?$");
  private static final Pattern FORM_VARIABLES = Pattern.compile("^/task/([^/]+)/form-variables$");
  private static final Pattern TASK_VARIABLE = Pattern.compile("^/task/([^/]+)/(variables|localVariables)(/([^/]+))?(/data)?$");

  private StaffReads() {}

  /** A read of a journey's variables outside any task's form. */
  static boolean readsJourneyVariables(EngineCall call) {
    return JOURNEY_VARIABLES.matcher(call.path()).matches();
  }

  /** The task whose form's variables this reads, for Tasklist to fill the form. */
  static String formVariablesOf(EngineCall call) {
    Matcher form = "GET".equals(call.method()) ? FORM_VARIABLES.matcher(call.path()) : null;
    return form != null && form.matches() ? form.group(1) : null;
  }

  /** A read of a task's variables: which task, and which variable (null for all of them). */
  record TaskVariable(String taskId, String name) {}

  static TaskVariable taskVariableOf(EngineCall call) {
    Matcher variable = "GET".equals(call.method()) ? TASK_VARIABLE.matcher(call.path()) : null;
    return variable != null && variable.matches() ? new TaskVariable(variable.group(1), variable.group(4)) : null;
  }
}
