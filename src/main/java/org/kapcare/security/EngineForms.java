package org.kapcare.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.task.Task;
import org.kapcare.forms.DeployedForms;
import org.kapcare.forms.FormRules;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.OpenTasks.OpenTask;
import org.springframework.stereotype.Component;

/**
 * The forms of the tasks and starts that calls to the engine's API name. A task's form decides what
 * of the journey a staff member reads on it ({@link #shownOn}). A start or a task completion keeps
 * only what its form asks: every value
 * is a field the form declares, of a plain type (text, number, yes/no, date), and a field the form
 * only shows for reference keeps its value. The engine's own check ({@code FormRulesCheck}) then
 * holds each value to its field's rules. Unknown tasks and definitions are left to the engine to
 * refuse, so this check tells nobody what exists.
 */
@Component
class EngineForms {

  /** Camunda's REST value types that a form's field can carry; Object, Json, Xml, Bytes and File cannot. */
  private static final Set<String> PLAIN_TYPES = Set.of("string", "integer", "long", "short", "double", "boolean", "date",
      "null");
  private static final Set<String> TASK_FIELDS = Set.of("variables", "withVariablesInReturn");
  private static final Set<String> START_FIELDS = Set.of("variables", "businessKey", "withVariablesInReturn");
  /** Longer than any answer a form takes (the longest allows a few thousand characters). */
  private static final int MAX_TEXT = 20_000;

  private final TaskService tasks;
  private final FormService formService;
  private final RepositoryService repository;
  private final DeployedForms forms;
  private final SignedInStaff staff;
  private final OpenTasks openTasks;

  EngineForms(TaskService tasks, FormService formService, RepositoryService repository, DeployedForms forms,
      SignedInStaff staff, OpenTasks openTasks) {
    this.tasks = tasks;
    this.openTasks = openTasks;
    this.formService = formService;
    this.repository = repository;
    this.forms = forms;
    this.staff = staff;
  }

  /** Throws for the first thing in {@code body} that the call's form does not take. */
  void check(HttpServletRequest request, EngineCall call, JsonNode body) {
    staff.asSystem(() -> {
      if (call.submittedTask() != null) {
        OpenTask task = openTasks.of(request, call.submittedTask());
        if (task != null && task.definitionId() != null) {
          check(body, TASK_FIELDS, form(task), name -> tasks.getVariable(task.id(), name));
        }
      } else {
        ProcessDefinition definition = definition(call);
        if (definition != null) {
          check(body, START_FIELDS, form(definition.getId(), "start",
              () -> formService.getDeployedStartForm(definition.getId())), name -> null);
        }
      }
      return null;
    });
  }

  /**
   * The variables the form of {@code taskId} shows or reads, or null when the task is unknown to
   * the engine (which then answers for itself).
   */
  Set<String> shownOn(HttpServletRequest request, String taskId) {
    OpenTask task = openTasks.of(request, taskId);
    if (task == null || task.definitionId() == null) {
      return null;
    }
    FormRules form = staff.asSystem(() -> form(task));
    return form == null ? Set.of() : form.shownVariables();
  }

  /**
   * The first of a task's own fields that {@code PUT /task/{id}} with {@code body} would change other
   * than its dates and assignee (all Tasklist changes there), or null: its name (which names the
   * patient), description, priority, owner, delegation, parent, case or tenant. A field left out is
   * cleared by the engine, so it counts as changed unless it is empty. Unknown tasks are left to the
   * engine.
   */
  String changedBeyondDates(String taskId, JsonNode body) {
    return staff.asSystem(() -> {
      Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      if (task == null || body == null || !body.isObject()) {
        return null;
      }
      JsonNode priority = body.path("priority");
      if ((priority.isMissingNode() || priority.isNull() ? 0 : priority.asInt(Integer.MIN_VALUE)) != task.getPriority()) {
        return "priority";
      }
      Map<String, String> kept = new LinkedHashMap<>();
      kept.put("name", task.getName());
      kept.put("description", task.getDescription());
      kept.put("owner", task.getOwner());
      kept.put("delegationState", task.getDelegationState() == null ? null : task.getDelegationState().name());
      kept.put("parentTaskId", task.getParentTaskId());
      kept.put("caseInstanceId", task.getCaseInstanceId());
      kept.put("tenantId", task.getTenantId());
      for (Map.Entry<String, String> field : kept.entrySet()) {
        JsonNode sent = body.path(field.getKey());
        String value = sent.isMissingNode() || sent.isNull() ? null : sent.asText();
        boolean same = "delegationState".equals(field.getKey()) && value != null
            ? value.equalsIgnoreCase(field.getValue()) : Objects.equals(value, field.getValue());
        if (!same) {
          return field.getKey();
        }
      }
      return null;
    });
  }

  private ProcessDefinition definition(EngineCall call) {
    if (call.startedKey() != null) {
      return repository.createProcessDefinitionQuery().processDefinitionKey(call.startedKey()).withoutTenantId()
          .latestVersion().singleResult();
    }
    return repository.createProcessDefinitionQuery().processDefinitionId(call.startedDefinition()).singleResult();
  }

  private FormRules form(OpenTask task) {
    return form(task.definitionId(), task.step(), () -> formService.getDeployedTaskForm(task.id()));
  }

  /** The step's form, or none when the step has no Camunda Form: then it takes no values. */
  private FormRules form(String definitionId, String step, Supplier<InputStream> deployed) {
    try {
      return forms.of(definitionId, step, deployed);
    } catch (ProcessEngineException noForm) {
      return null;
    }
  }

  private static void check(JsonNode body, Set<String> allowed, FormRules form, CurrentValues current) {
    if (body == null || body.isNull()) {
      return;
    }
    if (!body.isObject()) {
      throw new InvalidInputException("body", "A submission is a JSON object with the form's variables");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw new InvalidInputException(name, name + " cannot be sent with a form");
      }
    }
    JsonNode variables = body.path("variables");
    if (variables.isMissingNode() || variables.isNull()) {
      return;
    }
    if (!variables.isObject()) {
      throw new InvalidInputException("variables", "The form's values are a JSON object by field");
    }
    for (Iterator<Map.Entry<String, JsonNode>> fields = variables.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      if (form == null || !form.declares(name)) {
        throw new InvalidInputException(name, "This form has no field " + name);
      }
      JsonNode value = plainValue(name, field.getValue());
      if (form.readOnly(name) && !sameValue(value, current.of(name))) {
        throw new InvalidInputException(name, name + " is shown for reference and cannot be changed here");
      }
    }
  }

  private static JsonNode plainValue(String name, JsonNode variable) {
    if (!variable.isObject()) {
      throw new InvalidInputException(name, name + " must be sent as {\"value\": ...}");
    }
    for (Iterator<String> keys = variable.fieldNames(); keys.hasNext(); ) {
      String key = keys.next();
      if (!key.equals("value") && !key.equals("type") && !(key.equals("valueInfo") && variable.get(key).isEmpty())) {
        throw new InvalidInputException(name, name + " takes only a value and its type");
      }
    }
    String type = variable.path("type").asText("string").toLowerCase();
    if (!PLAIN_TYPES.contains(type)) {
      throw new InvalidInputException(name, name + " must be text, a number, yes or no, or a date");
    }
    JsonNode value = variable.path("value");
    if (value.isContainerNode()) {
      throw new InvalidInputException(name, name + " must be text, a number, yes or no, or a date");
    }
    if (value.isNumber() && !Double.isFinite(value.asDouble())) {
      throw new InvalidInputException(name, name + " must be a number");
    }
    if (value.isTextual() && value.asText().length() > MAX_TEXT) {
      throw new InvalidInputException(name, name + " is longer than " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static boolean sameValue(JsonNode sent, Object kept) {
    if (sent.isMissingNode() || sent.isNull() || kept == null) {
      return (sent.isMissingNode() || sent.isNull()) && kept == null;
    }
    if (sent.isNumber() && kept instanceof Number number) {
      return sent.decimalValue().compareTo(new BigDecimal(number.toString())) == 0;
    }
    return Objects.equals(sent.asText(), kept.toString());
  }

  @FunctionalInterface
  private interface CurrentValues {
    Object of(String name);
  }
}
