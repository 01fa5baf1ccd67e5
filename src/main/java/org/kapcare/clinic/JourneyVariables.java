package org.kapcare.clinic;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The journey's variables for a dose's models, read when the step runs rather than copied when the
 * dose started: {@code ${journeyVariables.of(execution, 'checkInPhq9Rise')}}.
 */
@Component("journeyVariables")
public class JourneyVariables {

  public Object of(DelegateExecution execution, String name) {
    return Journeys.journeyVariable(execution, name);
  }
}
