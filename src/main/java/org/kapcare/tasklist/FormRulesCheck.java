package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Holds every task completion, from Tasklist or REST alike, to its own form's rules. Refusing
 * throws inside the engine's transaction, so the task stays open and nothing submitted is kept.
 * It runs before the model's own listeners, which may then rely on values being in range.
 */
public class FormRulesCheck implements TaskListener {

  private final ObjectMapper json = new ObjectMapper();
  /** Forms never change within a process definition version. */
  private final Map<String, FormRules> rulesByTask = new ConcurrentHashMap<>();

  @Override
  public void notify(DelegateTask task) {
    if (task.getBpmnModelElementInstance() == null || task.getBpmnModelElementInstance().getCamundaFormRef() == null) {
      return;
    }
    rulesByTask.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(), k -> load(task))
        .check(task.getVariables());
  }

  private FormRules load(DelegateTask task) {
    try (InputStream form = task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId())) {
      return new FormRules(json.readTree(form));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the form of task " + task.getTaskDefinitionKey(), e);
    }
  }
}
