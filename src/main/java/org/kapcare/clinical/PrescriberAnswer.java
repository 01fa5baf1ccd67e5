package org.kapcare.clinical;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.springframework.stereotype.Component;

/**
 * {@code <taskKey>PrescriberAnswer}: a prescriber's answer to a nurse who asked from a blocked step
 * ({@link PrescriberOverride}), approved or declined with a reason, kept as
 * {@code <taskKey>PrescriberAnswer}, {@code …By}, {@code …Reason} and {@code …For} (what the step
 * refused when the nurse asked) for the step, which comes back to the nurse showing it. An approval
 * lifts that very block, for the step's next completion only: not a larger dose entered after it.
 */
@Component("prescriberAnswerRecorder")
public class PrescriberAnswer implements TaskListener {

  static final String SUFFIX = "PrescriberAnswer";
  static final String APPROVED = "approved";

  /** An answer as the asking step takes it: nobody's and not approved when there was none. */
  record Given(boolean approved, String by, String reason, String approvedFor) {}

  private final SignedInStaff staff;

  public PrescriberAnswer(SignedInStaff staff) {
    this.staff = staff;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    String prescriber = staff.memberOf(ClinicGroup.PRESCRIBERS.id()).orElseThrow(() ->
        new InvalidInputException("prescriberAnswer", "Only a prescriber may answer this"));
    String step = task.getTaskDefinitionKey().substring(0, task.getTaskDefinitionKey().length() - SUFFIX.length());
    task.setVariable(step + SUFFIX, FormValues.text(values, "prescriberAnswer"));
    task.setVariable(step + SUFFIX + "By", prescriber);
    task.setVariable(step + SUFFIX + "Reason", FormValues.text(values, "prescriberAnswerReason"));
    task.setVariable(step + SUFFIX + "For", values.getOrDefault(PrescriberOverride.ASKED_APPROVES, ""));
  }

  /** The answer to {@code task}'s step, taken: it stands for this completion only. */
  static Given takeFrom(DelegateTask task) {
    String answer = task.getTaskDefinitionKey() + SUFFIX;
    Map<String, Object> values = task.getVariables();
    if (values.get(answer) == null) {
      return new Given(false, null, null, null);
    }
    Given given = new Given(APPROVED.equals(values.get(answer)), (String) values.get(answer + "By"), (String) values.get(answer + "Reason"),
        (String) values.get(answer + "For"));
    DelegateExecution execution = task.getExecution();
    for (String name : new String[] {answer, answer + "By", answer + "Reason", answer + "For"}) {
      execution.removeVariable(name);
    }
    return given;
  }
}
