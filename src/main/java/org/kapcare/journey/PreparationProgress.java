package org.kapcare.journey;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * Counts preparation sessions as they are completed (not when a withdrawal cancels one). A therapist who finds the patient not yet ready adds
 * one more session to the plan; the gateway after the session compares held with planned.
 */
@Component("preparationProgress")
public class PreparationProgress implements TaskListener {

  public static final List<String> WRITES = List.of("preparationSessionsHeld", "preparationSessions");

  static final String NOT_YET_READY = "not-yet-ready";

  @Override
  public void notify(DelegateTask session) {
    Map<String, Object> values = session.getVariables();
    Object held = session.getVariable("preparationSessionsHeld");
    session.setVariable("preparationSessionsHeld", held == null ? 1 : ((Number) held).intValue() + 1);
    if (NOT_YET_READY.equals(FormValues.text(values, "preparationReadiness"))) {
      int planned = FormValues.integer(values, "preparationSessions", 1, 100);
      session.setVariable("preparationSessions", planned + 1);
    }
  }
}
