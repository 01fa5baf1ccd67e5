package org.kapcare.forms;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;

/**
 * A task opens with its form's entries empty, never with what was entered at an earlier round of
 * the same step: the second pre-dose check after a postponement opened with the first one's 172/96,
 * and a REST completion that left the vitals out was completed by them. The earlier values stay in
 * the history with the step that entered them (Camunda's variable updates, by activity instance).
 */
public class FreshEntries implements TaskListener {

  private final DeployedForms forms;

  public FreshEntries(DeployedForms forms) {
    this.forms = forms;
  }

  @Override
  public void notify(DelegateTask task) {
    // Whoever completed the step before may not read this task; the form is the model's, not theirs.
    FormRules rules = Context.getCommandContext().runWithoutAuthorization(() -> forms.of(task.getProcessDefinitionId(),
        task.getTaskDefinitionKey(), () -> task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId())));
    DelegateExecution execution = task.getExecution();
    for (String entry : rules.entries()) {
      if (execution.hasVariable(entry)) {
        execution.removeVariable(entry);
      }
    }
  }
}
