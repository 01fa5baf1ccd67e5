package org.kapcare.integrationwindow;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.clinic.EngineClock;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/** {@code integrationSession}: records when the session was held and whether it was late. */
@Component("integrationSessionRecorder")
public class IntegrationSessionRecorder implements TaskListener {

  public static final List<String> WRITES = List.of("integrationHeldAt", "integrationHeldLate");

  @Override
  public void notify(DelegateTask task) {
    Instant heldAt = EngineClock.now();
    task.setVariable("integrationHeldAt", Date.from(heldAt));
    task.setVariable("integrationHeldLate", heldAt.isAfter(FormValues.instant(task.getVariables(), "integrationDeadline")));
  }
}
