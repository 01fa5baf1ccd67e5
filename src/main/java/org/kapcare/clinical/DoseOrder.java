package org.kapcare.clinical;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * {@code orderDose}: the prescriber's order, in mg or in mg/kg of the weight recorded in the
 * medical history, kept in mg ({@code orderedDoseMg}, to 0.1 mg) and mg/kg
 * ({@code orderedDoseMgPerKg}) for the nurse's "Administer dose". An order above the protocol
 * maximum for the route is refused: the maximum is there for the order too.
 */
@Component("doseOrder")
public class DoseOrder implements TaskListener {

  private final ClinicalProperties clinic;

  public DoseOrder(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    double weightKg = FormValues.number(values, "weightKg");
    double amount = FormValues.number(values, "orderAmount");
    double doseMg = "mg/kg".equals(FormValues.text(values, "orderUnit")) ? Math.round(amount * weightKg * 10) / 10.0 : amount;
    DoseLimits.Excess excess = clinic.doseLimits().check(FormValues.text(values, "route"), doseMg, weightKg);
    if (excess != null) {
      throw new InvalidInputException("orderAmount", "An order of " + excess.description() + "; order within the protocol");
    }
    task.setVariable("orderedDoseMg", doseMg);
    task.setVariable("orderedDoseMgPerKg", DoseLimits.perKg(doseMg, weightKg));
  }
}
