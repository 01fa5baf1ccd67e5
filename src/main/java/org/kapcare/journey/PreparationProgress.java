package org.kapcare.journey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Counts preparation sessions as they end. A therapist who finds the patient not yet ready adds
 * one more session to the plan; the gateway after the session compares held with planned.
 */
@Component("preparationProgress")
public class PreparationProgress implements ExecutionListener {

  static final String NOT_YET_READY = "not-yet-ready";

  @Override
  public void notify(DelegateExecution execution) {
    Object held = execution.getVariable("preparationSessionsHeld");
    execution.setVariable("preparationSessionsHeld", held == null ? 1 : ((Number) held).intValue() + 1);
    if (NOT_YET_READY.equals(FormValues.text(execution, "preparationReadiness"))) {
      int planned = FormValues.integer(execution, "preparationSessions", 1, 100);
      execution.setVariable("preparationSessions", planned + 1);
    }
  }
}
