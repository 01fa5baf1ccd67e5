package org.kapcare.checkin;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.springframework.stereotype.Component;

/**
 * "Ask prescribers for an urgent safety review": a check-in with PHQ-9 item 9 above 0 raises a
 * safety concern on the journey, which opens the urgent safety review due today and alerts the
 * prescribers at once, as a concern a clinician raises does. A journey that is no longer running
 * fails the step, so that the answer becomes an incident someone sees rather than nothing.
 */
@Component("checkInSafetyAlert")
public class CheckInSafetyAlert implements JavaDelegate {

  private final RuntimeService runtime;
  private final ClinicProperties clinic;

  public CheckInSafetyAlert(RuntimeService runtime, ClinicProperties clinic) {
    this.runtime = runtime;
    this.clinic = clinic;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String concern = "In the check-in answered " + clinic.readable(EngineClock.now())
        + ", PHQ-9 item 9 (thoughts of being better off dead or of hurting themselves) was answered "
        + execution.getVariable("phq9_9") + " of 3; PHQ-9 total " + execution.getVariable("phq9Score")
        + " (" + execution.getVariable("phq9Severity") + ").";
    if (runtime.createMessageCorrelation(Journeys.SAFETY_CONCERN_RAISED)
        .processInstanceId((String) execution.getVariable("journeyId"))
        .setVariable("safetyConcern", concern)
        .setVariable("safetyConcernRaisedBy", "the patient's check-in")
        .correlateAllWithResult().isEmpty()) {
      throw new IllegalStateException("The journey of this check-in no longer runs: no urgent safety review opened");
    }
  }
}
