package org.kapcare.clinical;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.journey.FormValues;
import org.kapcare.journey.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * {@code administerDose}: a dose above the clinic's protocol maximum for the route cannot be
 * recorded unless a prescriber overrides it (see {@link PrescriberOverride}).
 */
@Component("doseLimitCheck")
public class DoseLimitCheck implements TaskListener {

  private final ClinicalProperties clinic;

  public DoseLimitCheck(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    String route = FormValues.text(values, "route");
    DoseLimits.Excess excess = clinic.doseLimits().check(route,
        FormValues.number(values, "doseMg"), FormValues.number(values, "doseMgPerKg"));
    if (excess != null && !PrescriberOverride.overridden(task)) {
      throw new InvalidInputException(excess.field(), excess.describe(route)
          + "; only a prescriber may record it, with an override and a reason");
    }
  }
}
