package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Holds every task completion, from Tasklist or REST alike, to its own form's rules. Refusing
 * throws inside the engine's transaction, so the task stays open and nothing submitted is kept.
 */
@Component
public class FormRulesCheck {

  private final ObjectMapper json = new ObjectMapper();
  /** Forms never change within a process definition version. */
  private final Map<String, FormRules> rulesByTask = new ConcurrentHashMap<>();

  @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_COMPLETE + "'")
  public void onComplete(DelegateTask task) {
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
