package org.kapcare.clinical;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code scoreBaseline}: scores the consultation's PHQ-9, GAD-7 and C-SSRS answers, and the PCL-5
 * for patients referred for PTSD.
 */
@Component("baselineScoring")
public class BaselineScoring implements JavaDelegate {

  public static final List<String> WRITES = List.of("phq9Score", "phq9Severity", "phq9Item9Positive",
      "gad7Score", "gad7Severity", "cssrsRisk", "suicidalIdeation", "pcl5Score", "probablePtsd");

  private final ClinicalProperties clinic;

  public BaselineScoring(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RatingScale.Score phq9 = SittingScores.write(execution, clinic);
    SuicideRiskScreen.Result cssrs = SuicideRiskScreen.assess(execution.getVariables());
    execution.setVariable("cssrsRisk", cssrs.risk().code());
    execution.setVariable("suicidalIdeation", cssrs.ideation() || phq9.item(9) > 0);
  }
}
