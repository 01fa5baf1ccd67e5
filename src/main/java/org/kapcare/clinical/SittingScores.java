package org.kapcare.clinical;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.kapcare.clinic.Questionnaires;

/**
 * The rating scales of one sitting, the consultation or a check-in, scored and written under the
 * same names: PHQ-9 and GAD-7 with their bands, item 9, and the PCL-5 for a PTSD referral.
 */
final class SittingScores {

  private SittingScores() {}

  /** Writes the scores and returns the PHQ-9, which the caller compares or screens further. */
  static RatingScale.Score write(DelegateExecution execution, ClinicalProperties clinic) {
    RatingScale.Score phq9 = RatingScale.PHQ9.score(execution.getVariables(), Questionnaires.PHQ9);
    RatingScale.Score gad7 = RatingScale.GAD7.score(execution.getVariables(), Questionnaires.GAD7);
    execution.setVariable("phq9Score", phq9.total());
    execution.setVariable("phq9Severity", phq9.severity());
    execution.setVariable("phq9Item9Positive", phq9.item(9) > 0);
    execution.setVariable("gad7Score", gad7.total());
    execution.setVariable("gad7Severity", gad7.severity());
    if (Questionnaires.forCondition(execution.getVariable("primaryCondition")).contains(Questionnaires.PCL5)) {
      int pcl5 = RatingScale.PCL5.score(execution.getVariables(), Questionnaires.PCL5).total();
      execution.setVariable("pcl5Score", pcl5);
      execution.setVariable("probablePtsd", pcl5 >= clinic.pcl5Cutoff());
    }
    return phq9;
  }
}
