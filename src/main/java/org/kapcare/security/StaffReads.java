package org.kapcare.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
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

  /** Filters of a query by a variable's value; in a query string or a JSON body, at any depth. */
  private static final Set<String> VARIABLE_FILTERS = Set.of("processVariables", "taskVariables", "caseInstanceVariables",
      "variables");

  /** Task query options that add each task's variables, that is its whole journey's, to a list of tasks. */
  private static final Set<String> TASK_VARIABLES_IN_RETURN = Set.of("withTaskVariablesInReturn",
      "withTaskLocalVariablesInReturn");

  private StaffReads() {}

  /**
   * The option of a task query that returns each task's variables ({@code withTaskVariablesInReturn},
   * {@code withTaskLocalVariablesInReturn}) when it asks for them, in a query string or a JSON body at
   * any depth, or null. A task's variables are its journey's: every answer of every patient in the list.
   */
  static String returnsTaskVariables(String rawQuery, JsonNode body) {
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        if (TASK_VARIABLES_IN_RETURN.contains(name) && !"false".equalsIgnoreCase(pair.substring(equals + 1))) {
          return name;
        }
      }
    }
    return body == null ? null : asksForTaskVariables(body);
  }

  private static String asksForTaskVariables(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode value = field.getValue();
        if (TASK_VARIABLES_IN_RETURN.contains(field.getKey()) && !value.isNull()
            && !(value.isBoolean() && !value.booleanValue())) {
          return field.getKey();
        }
        String nested = asksForTaskVariables(value);
        if (nested != null) {
          return nested;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        String nested = asksForTaskVariables(element);
        if (nested != null) {
          return nested;
        }
      }
    }
    return null;
  }

  /**
   * A query that filters by a journey's variables: an oracle that tells whether any journey has a
   * given answer without reading it. A start's or completion's {@code variables} are its values,
   * not a filter, and are not asked about here.
   */
  static boolean filtersByVariables(EngineCall call, String rawQuery, JsonNode body) {
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int equals = pair.indexOf('=');
        if (equals > 0 && equals < pair.length() - 1 && VARIABLE_FILTERS.contains(pair.substring(0, equals))) {
          return true;
        }
      }
    }
    return body != null && call.submittedTask() == null && call.startedKey() == null && call.startedDefinition() == null
        && hasVariableFilter(body);
  }

  private static boolean hasVariableFilter(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        boolean filter = VARIABLE_FILTERS.contains(field.getKey()) && !field.getValue().isNull()
            && !(field.getValue().isContainerNode() && field.getValue().isEmpty());
        if (filter || hasVariableFilter(field.getValue())) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        if (hasVariableFilter(element)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * A start or completion that asks for the journey's variables back ({@code withVariablesInReturn}):
   * the engine answers with every variable of the journey, not what the form shows. Only an explicit
   * {@code false} asks for nothing.
   */
  static boolean returnsJourneyVariables(EngineCall call, JsonNode body) {
    if (body == null || !body.isObject()
        || (call.submittedTask() == null && call.startedKey() == null && call.startedDefinition() == null)) {
      return false;
    }
    JsonNode asked = body.get("withVariablesInReturn");
    return asked != null && !asked.isNull() && !(asked.isBoolean() && !asked.booleanValue());
  }

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
