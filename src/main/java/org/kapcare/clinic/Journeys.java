package org.kapcare.clinic;

/** Names other programs rely on (docs/design.md): process keys and messages. */
public final class Journeys {

  public static final String CARE_JOURNEY = "care-journey";
  public static final String DOSING_SESSION = "dosing-session";

  public static final String PATIENT_WITHDREW = "PatientWithdrew";
  public static final String SAFETY_CONCERN_RAISED = "SafetyConcernRaised";

  private Journeys() {}
}
