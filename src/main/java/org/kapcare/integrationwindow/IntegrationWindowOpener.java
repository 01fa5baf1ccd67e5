package org.kapcare.integrationwindow;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * Runs when the patient is discharged: sets the window's deadline and reminder point, which the
 * integration tasks' due dates and the window's timers read. (The timers are created as the
 * window is entered, so the dates must exist before it.)
 */
@Component("integrationWindowOpener")
public class IntegrationWindowOpener implements ExecutionListener {

  public static final List<String> WRITES = List.of("integrationReminderAt", "integrationDeadline", "integrationDeadlineText",
      "integrationWindowMissed");

  private final IntegrationWindowPolicy policy;
  private final ClinicProperties clinic;

  public IntegrationWindowOpener(IntegrationWindowPolicy policy, ClinicProperties clinic) {
    this.policy = policy;
    this.clinic = clinic;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Map<String, Object> values = execution.getVariables();
    IntegrationWindowPolicy.Window window =
        policy.open(FormValues.text(values, "route"), FormValues.instant(values, "dischargedAt"));
    execution.setVariable("integrationReminderAt", Date.from(window.reminderAt()));
    execution.setVariable("integrationDeadline", Date.from(window.deadline()));
    execution.setVariable("integrationDeadlineText", clinic.readable(window.deadline()));
    execution.setVariable("integrationWindowMissed", false);
  }
}
