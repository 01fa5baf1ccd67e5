package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Holds every task completion and every start with a start form, from Tasklist or REST alike, to
 * its own form's rules. Refusing throws inside the engine's transaction, so the task stays open,
 * no journey starts, and nothing submitted is kept. It runs before the model's own listeners,
 * which may then rely on values being in range.
 */
public class FormRulesCheck implements TaskListener, ExecutionListener {

  private final ObjectMapper json = new ObjectMapper();
  /** Forms never change within a process definition version. */
  private final Map<String, FormRules> rulesByForm = new ConcurrentHashMap<>();

  @Override
  public void notify(DelegateTask task) {
    rulesByForm.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
            key -> load(task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId()), key))
        .check(task.getVariables());
  }

  /** On a start event with a start form. */
  @Override
  public void notify(DelegateExecution start) {
    rulesByForm.computeIfAbsent(start.getProcessDefinitionId() + "/start",
            key -> load(start.getProcessEngineServices().getFormService().getDeployedStartForm(start.getProcessDefinitionId()), key))
        .check(start.getVariables());
  }

  private FormRules load(InputStream deployedForm, String key) {
    try (InputStream form = deployedForm) {
      return new FormRules(json.readTree(form));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read form " + key, e);
    }
  }
}
