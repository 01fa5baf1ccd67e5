package org.kapcare.journey;

import org.kapcare.clinic.NoSuchPatient;

/** No running care journey for this patient. */
public class JourneyNotFoundException extends NoSuchPatient {

  public JourneyNotFoundException(String patientId) {
    super("No running care journey for patient " + patientId);
  }
}
