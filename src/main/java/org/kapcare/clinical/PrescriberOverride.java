package org.kapcare.clinical;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.journey.FormValues;
import org.kapcare.journey.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.kapcare.tasklist.ClinicGroup;
import org.springframework.stereotype.Component;

/**
 * The documented way past an automatic block (CLINICAL.md): on a task with this listener, a
 * prescriber ticks {@code <taskKey>Override} and gives {@code <taskKey>OverrideReason} (which the
 * form requires once the box is ticked, checked on the server by the form rules). Only a signed-in
 * prescriber may; who it was is kept as {@code <taskKey>OverrideBy}, so the history
 * shows the block, the override, who and why. A nurse who meets a block assigns the task to the
 * prescriber in Tasklist.
 */
@Component("prescriberOverride")
public class PrescriberOverride implements TaskListener {

  private final SignedInStaff staff;

  public PrescriberOverride(SignedInStaff staff) {
    this.staff = staff;
  }

  /** Whether this task's block was overridden; valid once this listener has run on the task. */
  public static boolean overridden(DelegateTask task) {
    return FormValues.flag(task.getVariables(), task.getTaskDefinitionKey() + "Override");
  }

  @Override
  public void notify(DelegateTask task) {
    String override = task.getTaskDefinitionKey() + "Override";
    Map<String, Object> values = task.getVariables();
    boolean overridden = FormValues.flag(values, override);
    // Written either way: the gateway after the task reads it, and the history then says "no override".
    task.setVariable(override, overridden);
    if (!overridden) {
      return;
    }
    String prescriber = staff.memberOf(ClinicGroup.PRESCRIBERS.id()).orElseThrow(() ->
        new InvalidInputException(override, "Only a prescriber may override this; assign the task to a prescriber"));
    task.setVariable(override + "By", prescriber);
  }
}
