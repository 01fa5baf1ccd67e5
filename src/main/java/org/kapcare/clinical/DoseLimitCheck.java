package org.kapcare.clinical;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * {@code administerDose}: computes the dose per kg from the dose given and the weight recorded in
 * the medical history, keeps it as {@code doseMgPerKg}, and refuses a dose above the clinic's
 * protocol maximum for the route, or other than the prescriber's order ({@link DoseOrder}), unless
 * a prescriber overrides it (see {@link PrescriberOverride}).
 */
@Component("doseLimitCheck")
public class DoseLimitCheck implements TaskListener {

  private final ClinicalProperties clinic;

  public DoseLimitCheck(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  /** Half the 0.1 mg the order is kept to: closer than this is the dose ordered. */
  private static final double AS_ORDERED = 0.05;

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    double doseMg = FormValues.number(values, "doseMg");
    double weightKg = FormValues.number(values, "weightKg");
    double orderedMg = FormValues.number(values, "orderedDoseMg");
    DoseLimits.Excess excess = clinic.doseLimits().check(FormValues.text(values, "route"), doseMg, weightKg);
    String refusal = excess != null ? excess.description()
        : Math.abs(doseMg - orderedMg) > AS_ORDERED ? DoseLimits.figure(doseMg) + " mg is not the " + DoseLimits.figure(orderedMg) + " mg ordered"
        : null;
    if (refusal != null) {
      PrescriberOverride.block(task, "doseMg", refusal);
    }
    task.setVariable("doseMgPerKg", DoseLimits.perKg(doseMg, weightKg));
  }
}
