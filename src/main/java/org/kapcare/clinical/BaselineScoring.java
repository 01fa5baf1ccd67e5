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

  static final String PTSD = "PTSD";

  private final ClinicalProperties clinic;

  public BaselineScoring(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RatingScale.Score phq9 = RatingScale.PHQ9.score(execution.getVariables(), "phq9");
    RatingScale.Score gad7 = RatingScale.GAD7.score(execution.getVariables(), "gad7");
    SuicideRiskScreen.Result cssrs = SuicideRiskScreen.assess(execution.getVariables());
    boolean item9 = phq9.item(9) > 0;

    execution.setVariable("phq9Score", phq9.total());
    execution.setVariable("phq9Severity", phq9.severity());
    execution.setVariable("phq9Item9Positive", item9);
    execution.setVariable("gad7Score", gad7.total());
    execution.setVariable("gad7Severity", gad7.severity());
    execution.setVariable("cssrsRisk", cssrs.risk().code());
    execution.setVariable("suicidalIdeation", cssrs.ideation() || item9);
    if (PTSD.equals(execution.getVariable("primaryCondition"))) {
      int pcl5 = RatingScale.PCL5.score(execution.getVariables(), "pcl5").total();
      execution.setVariable("pcl5Score", pcl5);
      execution.setVariable("probablePtsd", pcl5 >= clinic.pcl5Cutoff());
    }
  }
}
