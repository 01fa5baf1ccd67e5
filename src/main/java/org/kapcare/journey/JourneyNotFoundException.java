package org.kapcare.journey;

/** No running care journey for this patient. */
public class JourneyNotFoundException extends RuntimeException {

  public JourneyNotFoundException(String patientId) {
    super("No running care journey for patient " + patientId);
  }
}
