package org.kapcare.clinical;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.springframework.stereotype.Component;

/**
 * The documented ways past an automatic block, on a task with this listener (run first on
 * completion):
 * <ul>
 *   <li>a nurse ticks {@code <taskKey>AskPrescriber} with {@code <taskKey>AskReason}: the task
 *       completes without its block being refused, and the model sends the request to the
 *       prescribers' queue ({@code <taskKey>PrescriberAnswer}, see {@link PrescriberAnswer}), then
 *       back to the same step, where the prescriber's answer stands for this completion only;</li>
 *   <li>a prescriber working the task ticks {@code <taskKey>Override} with
 *       {@code <taskKey>OverrideReason}.</li>
 * </ul>
 * Either way {@code <taskKey>Override}, {@code …OverrideBy} and {@code …OverrideReason} are kept,
 * so the history shows the block, the override, who and why.
 */
@Component("prescriberOverride")
public class PrescriberOverride implements TaskListener {

  /** What the prescriber is asked about, for the answer's form: the same names whichever step asks. */
  static final String ASKED_ABOUT = "prescriberAskedAbout";
  static final String ASKED_BECAUSE = "prescriberAskedBecause";
  static final String ASK_REASON = "prescriberAskReason";
  /** What an approval of the request would cover ({@link #block(DelegateTask, String, String, String)}). */
  static final String ASKED_APPROVES = "prescriberAskedApproves";
  /** On the completing task only: the block a prescriber's answer approved, which alone it lifts. */
  private static final String APPROVED_FOR = "ApprovedFor";

  private final SignedInStaff staff;

  public PrescriberOverride(SignedInStaff staff) {
    this.staff = staff;
  }

  /** Whether this task's block was overridden; valid once this listener has run on the task. */
  public static boolean overridden(DelegateTask task) {
    return FormValues.flag(task.getVariables(), task.getTaskDefinitionKey() + "Override");
  }

  /**
   * A block met on completing {@code task}: passes when overridden, is handed to a prescriber with
   * the nurse's request when they asked, and is refused otherwise, saying how to get past it.
   */
  public static void block(DelegateTask task, String field, String refusal) {
    block(task, field, refusal, refusal);
  }

  /**
   * As {@link #block(DelegateTask, String, String)}, where an approval covers {@code approves}
   * rather than the refusal's very words: a dose is approved as it was asked about, to the mg, but a
   * discharge by the kind of shortfall, since the minutes move on while the prescriber answers.
   */
  public static void block(DelegateTask task, String field, String refusal, String approves) {
    Object approvedFor = task.getVariableLocal(task.getTaskDefinitionKey() + APPROVED_FOR);
    if (overridden(task) && (approvedFor == null || approvedFor.equals(approves))) {
      return;
    }
    if (approvedFor != null) {
      throw new InvalidInputException(field, refusal + ". The prescriber approved this instead: " + approvedFor);
    }
    if (FormValues.flag(task.getVariables(), task.getTaskDefinitionKey() + "AskPrescriber")) {
      task.setVariable(ASKED_BECAUSE, refusal);
      task.setVariable(ASKED_APPROVES, approves);
      return;
    }
    throw new InvalidInputException(field, refusal + ". Tick \"Ask a prescriber\" with your reason: a prescriber decides from their queue");
  }

  @Override
  public void notify(DelegateTask task) {
    String key = task.getTaskDefinitionKey();
    Map<String, Object> values = task.getVariables();
    PrescriberAnswer.Given answer = PrescriberAnswer.takeFrom(task);
    boolean ticked = FormValues.flag(values, key + "Override");
    boolean asks = FormValues.flag(values, key + "AskPrescriber");
    // Written either way: the gateways after the task read them, and the history then says "no override".
    task.setVariable(key + "Override", ticked || answer.approved());
    task.setVariable(key + "AskPrescriber", asks && !ticked && !answer.approved());
    if (answer.approved()) {
      task.setVariable(key + "OverrideBy", answer.by());
      task.setVariable(key + "OverrideReason", answer.reason());
      task.setVariableLocal(key + APPROVED_FOR, answer.approvedFor());
    } else if (ticked) {
      String prescriber = staff.memberOf(ClinicGroup.PRESCRIBERS.id()).orElseThrow(() -> new InvalidInputException(key + "Override",
          "Only a prescriber may override this; tick \"Ask a prescriber\" instead and a prescriber decides from their queue"));
      task.setVariable(key + "OverrideBy", prescriber);
    } else if (asks) {
      task.setVariable(ASKED_ABOUT, task.getName());
      task.setVariable(ASKED_BECAUSE, "");
      task.setVariable(ASKED_APPROVES, "");
      task.setVariable(ASK_REASON, FormValues.text(values, key + "AskReason"));
    }
  }
}
