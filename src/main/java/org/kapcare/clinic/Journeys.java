package org.kapcare.clinic;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Names other programs rely on (docs/design.md): process keys and messages. */
public final class Journeys {

  public static final String CARE_JOURNEY = "care-journey";
  public static final String DOSING_SESSION = "dosing-session";
  public static final String PATIENT_CHECK_IN = "patient-check-in";

  public static final String PATIENT_WITHDREW = "PatientWithdrew";
  public static final String SAFETY_CONCERN_RAISED = "SafetyConcernRaised";
  /** The patient's answers, from the check-in page to the check-in waiting for them. */
  public static final String CHECK_IN_SUBMITTED = "CheckInSubmitted";
  /** A scored check-in, from the check-in to the journey and to the dose that asked for it. */
  public static final String CHECK_IN_ANSWERED = "CheckInAnswered";

  private Journeys() {}

  /**
   * The variable as this process sees it or, failing that, as the journey that called it does: a
   * dose reads the patient's contact and the latest check-in from its journey.
   */
  public static Object journeyVariable(DelegateExecution execution, String name) {
    for (DelegateExecution scope = execution; scope != null; scope = scope.getProcessInstance().getSuperExecution()) {
      if (scope.hasVariable(name)) {
        return scope.getVariable(name);
      }
    }
    return null;
  }

  /** The care journey's process instance: this one, or the journey that called this dose. */
  public static String journeyId(DelegateExecution execution) {
    DelegateExecution scope = execution.getProcessInstance();
    while (scope.getSuperExecution() != null) {
      scope = scope.getSuperExecution().getProcessInstance();
    }
    return scope.getId();
  }
}
