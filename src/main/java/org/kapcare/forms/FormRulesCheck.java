package org.kapcare.forms;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/**
 * Holds every task completion and every start with a start form, from Tasklist or REST alike, to
 * its own form's rules. Refusing throws inside the engine's transaction, so the task stays open,
 * no journey starts, and nothing submitted is kept. It runs before the model's own listeners,
 * which may then rely on values being in range and date-times being in one form.
 */
public class FormRulesCheck implements TaskListener, ExecutionListener {

  private final DeployedForms forms;

  public FormRulesCheck(DeployedForms forms) {
    this.forms = forms;
  }

  @Override
  public void notify(DelegateTask task) {
    forms.of(task.getProcessDefinitionId(), task.getTaskDefinitionKey(),
            () -> task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId()))
        .check(task.getVariables())
        .forEach(task::setVariable);
  }

  /** On a start event with a start form. */
  @Override
  public void notify(DelegateExecution start) {
    forms.of(start.getProcessDefinitionId(), "start",
            () -> start.getProcessEngineServices().getFormService().getDeployedStartForm(start.getProcessDefinitionId()))
        .check(start.getVariables())
        .forEach(start::setVariable);
  }
}
