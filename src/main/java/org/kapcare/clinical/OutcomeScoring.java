package org.kapcare.clinical;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/** {@code scoreOutcome}: scores the follow-up scales and compares PHQ-9 with the baseline, by the clinic's thresholds. */
@Component("outcomeScoring")
public class OutcomeScoring implements JavaDelegate {

  public static final List<String> WRITES = List.of("followUpPhq9Score", "followUpPhq9Severity",
      "followUpGad7Score", "followUpGad7Severity", "phq9Change", "response", "remission");

  private final ClinicalProperties clinic;

  public OutcomeScoring(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    RatingScale.Score phq9 = RatingScale.PHQ9.score(execution.getVariables(), "followUpPhq9");
    RatingScale.Score gad7 = RatingScale.GAD7.score(execution.getVariables(), "followUpGad7");
    int baseline = FormValues.integer(execution.getVariables(), "phq9Score", 0, 27);
    TreatmentOutcome outcome = clinic.outcome(baseline, phq9.total());

    execution.setVariable("followUpPhq9Score", phq9.total());
    execution.setVariable("followUpPhq9Severity", phq9.severity());
    execution.setVariable("followUpGad7Score", gad7.total());
    execution.setVariable("followUpGad7Severity", gad7.severity());
    execution.setVariable("phq9Change", outcome.phq9Change());
    execution.setVariable("response", outcome.response());
    execution.setVariable("remission", outcome.remission());
  }
}
