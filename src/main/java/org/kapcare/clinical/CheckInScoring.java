package org.kapcare.clinical;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code scoreCheckIn}: scores a patient's check-in exactly as the consultation's scales are
 * scored, and compares its PHQ-9 with the baseline ({@code phq9Rise}: points up since the
 * consultation, negative when better).
 */
@Component("checkInScoring")
public class CheckInScoring implements JavaDelegate {

  public static final List<String> WRITES = List.of("phq9Score", "phq9Severity", "phq9Item9Positive",
      "suicidalIdeation", "gad7Score", "gad7Severity", "pcl5Score", "probablePtsd", "phq9Rise");

  private final ClinicalProperties clinic;

  public CheckInScoring(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RatingScale.Score phq9 = SittingScores.write(execution, clinic);
    execution.setVariable("suicidalIdeation", phq9.item(9) > 0);
    Object baseline = execution.getVariable("baselinePhq9");
    execution.setVariable("phq9Rise", baseline instanceof Number number ? phq9.total() - number.intValue() : null);
  }
}
