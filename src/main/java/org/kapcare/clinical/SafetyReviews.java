package org.kapcare.clinical;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * Counts a journey's open urgent safety reviews, so that it waits before dosing while any is open
 * (more than one can be: a concern raised during another review). A review that refers the patient
 * to higher care stays counted: that ends the journey anyway.
 */
@Component("safetyReviews")
public class SafetyReviews {

  public static final List<String> WRITES = List.of("openSafetyReviews");

  static final String CONTINUE = "continue";

  public void opened(DelegateExecution journey) {
    journey.setVariable("openSafetyReviews", open(journey) + 1);
  }

  public void closed(DelegateTask review) {
    if (CONTINUE.equals(review.getVariable("safetyReviewOutcome"))) {
      review.setVariable("openSafetyReviews", Math.max(0, open(review) - 1));
    }
  }

  public boolean noneOpen(DelegateExecution journey) {
    return open(journey) == 0;
  }

  private static int open(VariableScope journey) {
    Object open = journey.getVariable("openSafetyReviews");
    return open == null ? 0 : ((Number) open).intValue();
  }
}
